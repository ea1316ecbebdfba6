/*---
description: >
  An abort inside a callback Wasm made (the binding reentered) ends the
  outer call too, with one recovery, restored from the checkpoint.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const kv = await loadKvstore('kvstore');
const state = fillAndCheckpoint(kv);
let aborts = 0;
state.binding.onAbort(() => aborts++);
let inner;
const outer = assertAbort(() => kv.call_back(() => {
  try {
    kv.abort();
  } catch (e) {
    inner = e;
  }
  return 1;
}), 'trap');
assert.sameValue(outer, inner, 'the same WasmAbortError');
assert.sameValue(aborts, 1, 'one abort');
assert.sameValue(outer.restoredFrom.id, state.taken.id);
assertRestored(kv, state, 'after an abort in a callback');
$DONE();
