/*---
description: wasm-bindgen bundler-target glue (the .wasm imported as an ES module) behind stable bindings.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const ns = await import(wbhostOut + '/gen/examples/recovery-demo/pkg-bundler/demo.js');
const binding = wbhost.bindings.of(ns);
assert.sameValue(ns.increment(), 1);
assert.sameValue(ns.increment(), 2);
assert.throws(ns.PanicError, function () { ns.panic(1); });
assertAbort(function () { ns.abort(); }, 'trap');
assert.sameValue(ns.increment(), 1);
assert.sameValue(binding.generation, 2);
assert.sameValue(binding.stats.panics, 1);
$DONE();
