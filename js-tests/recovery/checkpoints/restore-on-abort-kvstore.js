/*---
description: >
  A checkpoint of a stateful package (panic=unwind build) is what an abort
  restores: entries and handles from before it work on the new generation,
  those made after are gone or refuse, and the glue's JS state, the
  externref table and runtime funcref entries are back too.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const kv = await loadKvstore('kvstore');
const state = fillAndCheckpoint(kv);
const binding = state.binding;
const events = [];
binding.onAbort((e) => events.push(e.kind + '@' + e.generation));
const error = assertAbort(() => kv.abort(), 'trap');
assert.sameValue(error.generation, 1);
assert.sameValue(error.restoredFrom.id, state.taken.id, 'restoredFrom names the checkpoint');
assert.sameValue(binding.generation, 2);
assert.sameValue(events.join(), 'trap@1', 'onAbort once');
assertRestored(kv, state, 'after the abort');
// The checkpoint stays: a second abort restores it again.
await nextTask();
assertAbort(() => kv.allocate_everything(), 'oom');
assert.sameValue(kv.count(), 2, 'restored again');
assert.sameValue(state.before.alpha.value, 1, 'the value at the checkpoint again');
assert.sameValue(binding.stats.aborts, 2);
$DONE();
