/*---
description: >
  A renamed .wasm the program compiled itself, given to initSync as a
  WebAssembly.Module, is a binding (and is not compiled again).
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const path = wbhostOut + '/gen/js-tests/packages/layouts/renamed/payload.wasm';
const ns = await import(wbhostOut + '/gen/js-tests/packages/layouts/renamed/demo.js');
const module = new WebAssembly.Module(readbuffer(path));
ns.initSync({ module });
await checkDemoBinding(ns);
$DONE();
