/*---
description: >
  A checkpoint cannot be taken from inside a callback Wasm made, or of a
  failed binding: each is a clear error and changes nothing (a module the
  program compiled itself: tests/cli/checkpoint_test.cc).
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
// From inside a callback: the binding's Wasm is on the stack.
const kv = await loadKvstore('kvstore');
const binding = wbhost.bindings.of(kv);
kv.put('one', 1);
let inside;
kv.call_back(() => {
  try { binding.checkpoint(); } catch (e) { inside = e; }
  return 0;
});
assert(inside instanceof Error, 'an error inside a callback');
assert(/cannot take a checkpoint: a call into it is on the stack/.test(inside.message),
       inside.message);
assert.sameValue(binding.lastCheckpoint, null, 'nothing recorded');
assert.sameValue(kv.count(), 1);

// A failed binding (its start traps on every try).
const flaky = require(wbhostOut + '/gen/js-tests/packages/flaky/flaky.js');
const flakyBinding = wbhost.bindings.of(flaky);
globalThis.flakyStartFails = true;
assertAbort(() => flaky.crash(), 'trap');
assert.sameValue(flakyBinding.state, 'failed');
assert.throws(Error, () => flakyBinding.checkpoint(), 'a failed binding');
try { flakyBinding.checkpoint(); } catch (e) {
  assert(/the binding has failed/.test(e.message), e.message);
}
assert.sameValue(flakyBinding.lastCheckpoint, null);
assert.sameValue(flakyBinding.state, 'failed', 'still failed');
globalThis.flakyStartFails = false;

$DONE();
