/*---
description: >
  A renamed .wasm given to the async init as a promise of a Response
  (fetch), which the glue streams, is a binding.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const dir = 'file://' + wbhostOut + '/gen/js-tests/packages/layouts/renamed/';
const ns = await import(wbhostOut + '/gen/js-tests/packages/layouts/renamed/demo.js');
await ns.default(fetch(dir + 'payload.wasm'));
await checkDemoBinding(ns);
$DONE();
