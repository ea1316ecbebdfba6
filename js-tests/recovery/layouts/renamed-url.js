/*---
description: >
  Web-target glue whose .wasm is under another name (payload.wasm, while
  the glue's default URL names demo_bg.wasm), given to the async init as a
  URL, is a binding.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const ns = await import(wbhostOut + '/gen/js-tests/packages/layouts/renamed/demo.js');
await ns.default(new URL('payload.wasm', 'file://' + wbhostOut + '/gen/js-tests/packages/layouts/renamed/'));
await checkDemoBinding(ns);
$DONE();
