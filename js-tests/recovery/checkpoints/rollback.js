/*---
description: >
  rollback() restores the checkpoint on request, without an abort: objects
  made since refuse; it can be repeated; it is counted with the resets;
  with no checkpoint it is an error that changes nothing.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const kv = await loadKvstore('kvstore');
const binding = wbhost.bindings.of(kv);
assert.throws(Error, () => binding.rollback(), 'no checkpoint yet');
assert.sameValue(binding.generation, 1, 'nothing changed');
const state = fillAndCheckpoint(kv);
binding.rollback();
assert.sameValue(binding.generation, 2);
assertRestored(kv, state, 'after rollback');
binding.rollback();
assert.sameValue(kv.count(), 2, 'rolled back again');
assert.sameValue(state.before.alpha.value, 1);
assert.sameValue(binding.stats.aborts, 0, 'no abort');
assert.sameValue(binding.stats.resets, 2);
binding.dropCheckpoint();
assert.sameValue(binding.lastCheckpoint, null);
assert.throws(Error, () => binding.rollback(), 'dropped');
$DONE();
