/*---
description: >
  Glue whose default URL names a .wasm of any name (payload.wasm) finds it
  when the program's init gives nothing, and is a binding.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const ns = await import(wbhostOut + '/gen/js-tests/packages/layouts/renamed-default/demo.js');
await ns.default();
await checkDemoBinding(ns);
$DONE();
