/*---
description: >
  Glue in wasm-bindgen 0.2.80's shape (web target, async init only, "wbg"
  imports, a heap slab, a one-argument malloc, a class holding `ptr`, no
  FinalizationRegistry) behind stable bindings: an Err from throw_str is
  ordinary; a trap is recovered with a fresh heap slab and fresh string
  state; objects of the dead generation refuse use; a later abort, once the
  spare generation is rebuilt, recovers again.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const ns = await import(wbhostOut + '/gen/js-tests/packages/legacy/legacy.js');
const { greet, remember, recall, fail, crash, Tally } = ns;
assert.sameValue(typeof ns.initSync, 'undefined', '0.2.80 glue has no initSync');
await ns.default();
const binding = wbhost.bindings.of(ns);
assert.sameValue(greet('wbhost'), 'Hello, wbhost');
assert.sameValue(greet('grüße ✓'), 'Hello, grüße ✓', 'non-ASCII goes through realloc');
const kept = { name: 'kept' };
remember(kept);
assert.sameValue(ns.remembered_index(), 36);
assert.sameValue(recall(), kept);
remember({ name: 'other' });
assert.notSameValue(ns.remembered_index(), 36, 'the slab hands out the next free index');
remember(kept);

let err;
try { fail(); } catch (e) { err = e; }
assert.sameValue(err && err.message, 'no such thing', 'throw_str reaches the caller unchanged');
assert.sameValue(binding.stats.aborts, 0, 'an Err is not an abort');
assert.sameValue(recall(), kept, 'the instance and its heap slab stay');

const tally = new Tally();
assert.sameValue(tally.add(2), 2);
assert(tally instanceof Tally);

assertAbort(function () { crash(); }, 'trap');
assert.sameValue(binding.generation, 2);
assert.sameValue(binding.state, 'live');
assert.sameValue(recall(), undefined, 'generation 2 does not know the old object');
remember({ name: 'first of generation 2' });
assert.sameValue(ns.remembered_index(), 36, 'generation 2 has a fresh heap slab (first free index)');
assert.sameValue(greet('again'), 'Hello, again');
assert.throws(wbhost.bindings.StaleObjectError, function () { tally.add(1); });
tally.free();
const fresh = new Tally();
assert(fresh instanceof Tally);
assert.sameValue(fresh.add(5), 5);

// Async-only glue recovers by swapping a spare generation, rebuilt in a
// later task after each recovery.
await new Promise(function (resolve) { setTimeout(resolve, 100); });
remember({ name: 'second' });
assertAbort(function () { crash(); }, 'trap');
assert.sameValue(binding.generation, 3);
assert.sameValue(recall(), undefined);
assert.sameValue(greet('third'), 'Hello, third');
$DONE();
