/*---
description: >
  Glue of wasm-bindgen's deno target, which instantiates with top-level await (instantiateStreaming of a fetch): a binding that
  recovers from a trap and an allocation failure and refuses stale objects.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const ns = await import(wbhostOut + '/gen/js-tests/packages/targets/deno/demo.js');
assert.sameValue(wbhost.bindings.of(ns).target, 'deno');
await checkDemoBinding(ns);
$DONE();
