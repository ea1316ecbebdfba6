/*---
description: wasm-bindgen web-target glue (async init and initSync) behind stable bindings; an abort is recovered through initSync on the compiled module.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const ns = await import(wbhostOut + '/gen/examples/recovery-demo/pkg-web/demo.js');
const { increment, abort, panic, Counter } = ns;
const exports = await ns.default();
assert.sameValue(typeof exports.increment, 'function', 'init resolves to the exports');
const binding = wbhost.bindings.of(ns);
assert.sameValue(increment(), 1);
assert.sameValue(increment(), 2);
assert.throws(ns.PanicError, function () { panic(1); });
assert.sameValue(increment(), 3, 'a panic keeps the instance');
const old = new Counter(3);
assertAbort(function () { abort(); }, 'trap');
assert.sameValue(binding.generation, 2);
assert.sameValue(increment(), 1, 'a fresh instance');
assert.throws(wbhost.bindings.StaleObjectError, function () { old.add(1); });
assert.sameValue(new Counter(1).add(1), 2);
assert.sameValue(ns.initSync(), ns.initSync(), 'initSync after init gives the live exports');
$DONE();
