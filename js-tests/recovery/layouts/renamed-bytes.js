/*---
description: >
  A renamed .wasm read by the program, given to initSync as a bare
  ArrayBuffer (the positional form of older glue), is a binding.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const path = wbhostOut + '/gen/js-tests/packages/layouts/renamed/payload.wasm';
const ns = await import(wbhostOut + '/gen/js-tests/packages/layouts/renamed/demo.js');
ns.initSync(readbuffer(path));
await checkDemoBinding(ns);
$DONE();
