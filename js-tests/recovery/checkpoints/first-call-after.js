/*---
description: >
  An abort in the very first call after a checkpoint restores that
  checkpoint; a new checkpoint replaces the previous one.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const kv = await loadKvstore('kvstore-abort');
const binding = wbhost.bindings.of(kv);
kv.put('one', 1);
const first = binding.checkpoint();
assertAbort(() => kv.abort(), 'trap');
assert.sameValue(kv.count(), 1);
kv.put('two', 2);
const second = binding.checkpoint();
assert.notSameValue(second.id, first.id);
assert.sameValue(binding.lastCheckpoint.id, second.id, 'the new one replaces the old');
assertAbort(() => kv.panic(1), 'trap');  // panic=abort: a panic is a trap
assert.sameValue(kv.count(), 2, 'the newer checkpoint');
assert.sameValue(kv.get('two'), 2);
binding.dropCheckpoint();
assertAbort(() => kv.abort(), 'trap');
assert.sameValue(kv.count(), 0, 'with no checkpoint, the initial state');
$DONE();
