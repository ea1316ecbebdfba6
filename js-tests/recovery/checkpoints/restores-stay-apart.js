/*---
description: >
  A restore maps the checkpoint's image copy-on-write into the new
  generation's memory (recovery/memory_image.h): what a restored generation
  writes never reaches the checkpoint, so every later restore from it finds
  it as it was; a checkpoint taken by a restored generation is its own;
  one taken after the memory grew past the checkpoint's size restores that
  size; a view of the dead generation's memory that the program kept is
  detached rather than showing the new generation.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const kv = await loadKvstore('kvstore');
const state = fillAndCheckpoint(kv);
const binding = state.binding;
const pages = () => kv.initSync().memory.buffer.byteLength / 65536;
const atCheckpoint = pages();

// Each restored generation writes (assertRestored changes alpha and adds
// an entry); the next restore still finds the checkpoint.
let kept = new Uint8Array(kv.initSync().memory.buffer);
for (let round = 0; round < 4; round++) {
  kv.put('gamma', 30 + round);
  const error = assertAbort(() => kv.abort(), 'trap');
  assert.sameValue(error.restoredFrom.id, state.taken.id, `round ${round}`);
  assert.sameValue(kept.byteLength, 0, `round ${round}: the dead generation's view is detached`);
  kept = new Uint8Array(kv.initSync().memory.buffer);
  assertRestored(kv, state, `round ${round}`);
}

// A checkpoint of a restored generation (its memory maps the first image),
// then checkpoints and restores alternating: each restore is of the last.
for (let round = 0; round < 5; round++) {
  const value = 1000 + round;
  kv.put('delta', value);
  const taken = binding.checkpoint();
  kv.put('delta', -1);
  kv.put('omega', 1);
  if (round % 2) {
    assertAbort(() => kv.abort(), 'trap');
  } else {
    binding.rollback();
  }
  assert.sameValue(binding.lastCheckpoint.id, taken.id);
  assert.sameValue(kv.get('delta'), value, `round ${round}: the checkpoint just taken`);
  assert.sameValue(kv.get('omega'), undefined, `round ${round}: nothing from after it`);
  assert.sameValue(kv.get('beta'), 2, `round ${round}: nor lost from before`);
}

// Grown past the checkpoint's size, then restored: the checkpoint's size.
const before = pages();
kv.reserve(before + 8);
assert.sameValue(pages(), before + 8, 'grown');
assert.sameValue(kv.get('beta'), 2, 'still the same entries');
assertAbort(() => kv.abort(), 'trap');
assert.sameValue(pages(), before, 'the size at the checkpoint');
assert.sameValue(kv.get('beta'), 2);
assert(atCheckpoint <= before);
$DONE();
