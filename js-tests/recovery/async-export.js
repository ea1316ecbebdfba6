/*---
description: >
  An async export polled in a later task: a trap while polling rejects that
  promise with WasmAbortError; a promise of the dead generation still
  pending rejects too (none hangs); promises made afterwards resolve.
flags: [async]
includes: [wbhostHelpers.js]
---*/
var kit = loadTextkit();
var binding = wbhost.bindings.of(kit);
var first = kit.later(21);
var failing = kit.later(-1);
var orphan = kit.later(5);  // polled after the abort, by the dead generation

function outcome(promise) {
  return promise.then(function (v) { return 'value ' + v; },
                      function (e) { return e.name + ' ' + e.kind; });
}

Promise.all([outcome(first), outcome(failing), outcome(orphan)]).then(function (results) {
  assert.sameValue(results[0], 'value 42');
  assert.sameValue(results[1], 'WasmAbortError trap');
  assert.sameValue(results[2], 'WasmAbortError trap', 'the orphan promise does not hang');
  assert.sameValue(binding.generation, 2);
  return kit.later(50);
}).then(function (v) {
  assert.sameValue(v, 100, 'the new generation answers');
}).then($DONE, $DONE);
