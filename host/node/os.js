// node's `os` (what programs commonly ask of the machine) and the web's
// `navigator`.
(function (natives, require) {
  'use strict';
  const info = natives.os();
  const cores = natives.hardwareConcurrency || 1;
  const os = {
    EOL: '\n',
    platform: () => 'linux',
    type: () => 'Linux',
    arch: () => 'x64',
    machine: () => 'x86_64',
    endianness: () => 'LE',
    release: () => info.release,
    version: () => info.version,
    hostname: () => natives.os().hostname,
    homedir: () => info.homedir,
    tmpdir: () => info.tmpdir,
    totalmem: () => natives.os().totalmem,
    freemem: () => natives.os().freemem,
    uptime: () => natives.os().uptime,
    loadavg: () => natives.os().loadavg,
    availableParallelism: () => cores,
    cpus: () => Array.from({ length: cores }, () => ({
      model: info.cpuModel, speed: info.cpuSpeed,
      times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 },
    })),
  };
  // A browser's Navigator as far as a shell has one ([object Navigator], as
  // node 21 and Deno print it).
  const navigator = Object.freeze({
    [Symbol.toStringTag]: 'Navigator',
    hardwareConcurrency: cores,
    userAgent: `wbhost/${natives.wbhostVersion}`,
    language: 'en-US',
    languages: Object.freeze(['en-US']),
    platform: 'linux',
  });
  return { os, navigator };
})
