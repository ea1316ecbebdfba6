/*---
description: >
  web-target glue beside its .wasm, given the file's bytes through
  initSync({module}): a binding that recovers from a trap and an allocation
  failure.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const ns = await import(wbhostOut + '/gen/examples/recovery-demo/pkg-web/demo.js');
ns.initSync({ module: readbuffer(wbhostOut + '/gen/examples/recovery-demo/pkg-web/demo_bg.wasm') });
await checkDemoBinding(ns);
$DONE();
