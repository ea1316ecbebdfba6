// node's `process`, as far as programs and packages reach for it: argv,
// env, exit and exitCode, platform, arch, version(s), pid, cwd, hrtime,
// nextTick, stdout/stderr, the 'exit' event, memoryUsage. It is an
// EventEmitter. `process.versions.wbhost` and `.v8` are this shell's; there
// is no `versions.node`, so packages do not take wbhost for node.
(function (natives, require) {
  'use strict';
  const { EventEmitter } = require('node_events');
  const quit = globalThis.quit;

  function stream(fd) {
    return {
      fd,
      // As node: true on a terminal, and absent (undefined) otherwise.
      get isTTY() { return natives.isatty(fd) ? true : undefined; },
      write(chunk, encoding, callback) {
        const text = typeof chunk === 'string' ? chunk
            : new TextDecoder().decode(chunk);
        natives.write(fd, text);
        const done = typeof encoding === 'function' ? encoding : callback;
        if (typeof done === 'function') queueMicrotask(done);
        return true;
      },
    };
  }

  class Process extends EventEmitter {}
  const process = new Process();
  let exitCode;
  let exiting = false;

  function hrtime(previous) {
    const now = natives.hrtimeNs();
    let seconds = Number(now / 1000000000n);
    let nanos = Number(now % 1000000000n);
    if (Array.isArray(previous)) {
      seconds -= previous[0];
      nanos -= previous[1];
      if (nanos < 0) {
        seconds--;
        nanos += 1e9;
      }
    }
    return [seconds, nanos];
  }
  hrtime.bigint = () => natives.hrtimeNs();

  // process.nextTick's queue: the event loop runs it before each microtask
  // checkpoint (host/event_loop.h), so ticks come before promise jobs as in
  // node. A tick that throws is an uncaught error; the rest stay queued.
  const ticks = [];
  natives.setTickRunner(() => {
    try {
      while (ticks.length > 0) {
        const { callback, args } = ticks.shift();
        callback(...args);
      }
    } finally {
      if (ticks.length > 0) natives.requestTicks();
    }
  });

  // 'exit' listeners run once, with the code, before the process ends
  // (process.exit(), or the end of the program: host/shell.cc).
  function emitExit(code) {
    if (exiting) return;
    exiting = true;
    process.emit('exit', code);
  }

  Object.assign(process, {
    title: 'wbhost',
    argv: [natives.execPath, ...(natives.mainPath ? [natives.mainPath] : []), ...natives.args],
    argv0: 'wbhost',
    execArgv: [],
    execPath: natives.execPath,
    env: natives.env(),
    platform: 'linux',
    arch: 'x64',
    version: `v${natives.wbhostVersion}`,
    versions: Object.freeze({ wbhost: natives.wbhostVersion, v8: natives.v8Version }),
    release: Object.freeze({ name: 'wbhost' }),
    pid: natives.pid,
    ppid: natives.ppid,
    stdout: stream(1),
    stderr: stream(2),
    cwd: () => natives.cwd(),
    hrtime,
    uptime: () => performance.now() / 1000,
    memoryUsage: Object.assign(() => natives.memoryUsage(),
                               { rss: () => natives.memoryUsage().rss }),
    nextTick(callback, ...args) {
      if (typeof callback !== 'function') {
        throw new TypeError('The "callback" argument must be of type function');
      }
      if (ticks.length === 0) natives.requestTicks();
      ticks.push({ callback, args });
    },
    exit(code) {
      const final = code === undefined ? (exitCode === undefined ? 0 : exitCode) : code | 0;
      emitExit(final);
      quit(final);
    },
    emitWarning(warning) {
      natives.write(2, `(wbhost) ${warning instanceof Error ? `${warning.name}: ${warning.message}` : `Warning: ${warning}`}\n`);
    },
  });
  Object.defineProperty(process, 'exitCode', {
    get: () => exitCode,
    set(value) {
      exitCode = value === undefined ? undefined : value | 0;
      natives.setExitCode(exitCode === undefined ? 0 : exitCode);
    },
    enumerable: true,
  });
  Object.defineProperty(process, Symbol.toStringTag, { value: 'process' });

  return { process, emitExit, global: globalThis };
})
