/*---
description: >
  web glue in wasm-bindgen 0.2.80's shape (async init only, no initSync):
  a binding that recovers from a trap and from an allocation failure at
  the memory's maximum, and
  refuses objects of a dead generation.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const ns = await import(wbhostOut + '/gen/js-tests/packages/legacy/legacy.js');
await ns.default();
const binding = wbhost.bindings.of(ns);
assert.sameValue(ns.greet('a'), 'Hello, a');
const old = new ns.Tally();
assertAbort(function () { ns.crash(); }, 'trap');
assert.sameValue(ns.greet('b'), 'Hello, b');
assert.throws(wbhost.bindings.StaleObjectError, function () { old.add(1); });
await nextTask();
const fresh = new ns.Tally();
// Its allocator never frees: strings pile up until the memory's maximum.
const big = 'x'.repeat(100000);
assertAbort(function () { for (;;) ns.greet(big); }, 'oom');
assert.sameValue(ns.greet('c'), 'Hello, c');
assert.throws(wbhost.bindings.StaleObjectError, function () { fresh.add(1); });
assert.sameValue(binding.generation, 3);
$DONE();
