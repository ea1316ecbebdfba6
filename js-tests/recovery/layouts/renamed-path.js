/*---
description: >
  A renamed .wasm given to the async init as a path string
  ({module_or_path}), which the glue fetches, is a binding.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const ns = await import(wbhostOut + '/gen/js-tests/packages/layouts/renamed/demo.js');
await ns.default({ module_or_path: wbhostOut + '/gen/js-tests/packages/layouts/renamed/payload.wasm' });
await checkDemoBinding(ns);
$DONE();
