/*---
description: >
  Glue of wasm-bindgen's deno target before 0.2.104, which reads its .wasm
  with Deno.readFile under top-level await: a binding that recovers from a
  trap and an allocation failure and refuses stale objects.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const ns = await import(wbhostOut + '/gen/js-tests/packages/targets/deno_legacy/demo.js');
assert.sameValue(wbhost.bindings.of(ns).target, 'deno');
await checkDemoBinding(ns);
$DONE();
