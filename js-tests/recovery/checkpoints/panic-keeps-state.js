/*---
description: >
  A panic (a recoverable unwind) keeps the instance: nothing is restored,
  even with a checkpoint.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const kv = await loadKvstore('kvstore');
const state = fillAndCheckpoint(kv);
assert.throws(kv.PanicError, () => kv.panic(1));
assert.sameValue(kv.count(), 3, 'the entries made after the checkpoint stay');
assert.sameValue(state.after.gamma.value, 3);
assert.sameValue(state.binding.generation, 1);
$DONE();
