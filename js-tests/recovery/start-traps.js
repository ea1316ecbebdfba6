/*---
description: >
  A recovery whose new instance's start function traps is tried a bounded
  number of times, then the binding gives up cleanly: state 'failed', every
  call throws a WasmAbortError of kind 'recovery-failed' naming the cause,
  nothing loops; reset() once the cause is gone brings it back.
includes: [wbhostHelpers.js]
---*/
var flaky = require(wbhostOut + '/gen/js-tests/packages/flaky/flaky.js');
var binding = wbhost.bindings.of(flaky);
assert.sameValue(flaky.ping(), 1);
globalThis.flakyStarts = 0;
globalThis.flakyStartFails = true;
assertAbort(function () { flaky.crash(); }, 'trap');
assert.sameValue(binding.state, 'failed');
assert.sameValue(globalThis.flakyStarts, 3, 'three tries, then it gave up');
var caught;
try { flaky.ping(); } catch (e) { caught = e; }
assert.sameValue(caught && caught.name, 'WasmAbortError');
assert.sameValue(caught.kind, 'recovery-failed');
assert(/could not recreate the instance after 3 tries/.test(caught.message), caught.message);
assert.sameValue(globalThis.flakyStarts, 3, 'a call on a failed binding tries nothing');

globalThis.flakyStartFails = false;
binding.reset();
assert.sameValue(binding.state, 'live');
assert.sameValue(flaky.ping(), 1, 'a fresh instance after reset');
