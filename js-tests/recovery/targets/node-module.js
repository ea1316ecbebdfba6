/*---
description: >
  Glue of wasm-bindgen's experimental-nodejs-module target, which reads its .wasm with node:fs and instantiates when evaluated: a binding that
  recovers from a trap and an allocation failure and refuses stale objects.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const ns = await import(wbhostOut + '/gen/js-tests/packages/targets/node_module/demo.js');
assert.sameValue(wbhost.bindings.of(ns).target, 'experimental-nodejs-module');
await checkDemoBinding(ns);
$DONE();
