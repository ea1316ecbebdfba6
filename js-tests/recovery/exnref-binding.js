/*---
description: >
  A binding whose module has exnref at its boundary (js-tests/packages/
  textkit/exnref_bg.modern.wat under textkit's no-modules glue): exnref
  crosses to and from JS no more than through the JS API (a TypeError for
  an export taking or giving one, for its global's value and for a glue
  import Wasm calls with one); the refusals are no aborts; the outlined
  try_table works in every generation; a trap recovers and the dead
  generation's exports refuse; a checkpoint keeps the exnref global and
  the module's funcref table as they were.
flags: [async]
includes: [wbhostHelpers.js]
---*/
var dir = wbhostOut + '/gen/js-tests/packages/textkit/';
var kit = (0, eval)(read(dir + 'textkit.js') + '\nwasm_bindgen');
var bytes = readbuffer(dir + 'exnref_bg.modern.wasm');

(async function () {
  var wasm = kit.initSync({ module: bytes });
  var binding = wbhost.bindings.of(kit);
  assert.sameValue(wasm.increment(), 1, 'it works');
  assert.throws(TypeError, function () { wasm.take(null); }, 'an export taking exnref');
  assert.throws(TypeError, function () { wasm.give(); }, 'an export giving exnref');
  assert.throws(TypeError, function () { return wasm.saved.value; }, 'an exnref global');
  assert.sameValue(Object.keys(wasm).filter(function (n) { return n.startsWith('__wbhost'); })
                       .length, 0, 'the translation adds no export the glue sees');
  wasm.keep(5);
  assert.sameValue(wasm.has_saved(), 1, 'the outlined try_table kept the exnref');
  assert.throws(TypeError, function () { wasm.hand_over(); },
                'a glue import Wasm calls with an exnref');
  assert.sameValue(binding.stats.aborts, 0, 'refusing exnref is no abort');
  assert.sameValue(wasm.increment(), 2, 'the instance stays');

  assertAbort(function () { wasm.trap(); }, 'trap');
  assert.sameValue(binding.generation, 2, 'a trap recovers');
  assert.throws(wbhost.bindings.StaleObjectError, function () { wasm.take(null); },
                "a dead generation's exnref export refuses as stale");
  var fresh = kit.initSync({ module: bytes });
  assert.notSameValue(fresh, wasm, 'the new generation has its own exports');
  assert.sameValue(fresh.increment(), 1, 'a fresh instance');
  fresh.keep(6);
  assert.sameValue(fresh.has_saved(), 1, 'the outlined try_table works after recovery');
  assert.throws(TypeError, function () { fresh.give(); }, 'and exnref is refused still');
  assert.sameValue(binding.stats.aborts, 1, 'one abort');

  // A checkpoint keeps the exnref global and the module's own table (the
  // translation's helper table is each instance's, not the checkpoint's).
  binding.checkpoint();
  assertAbort(function () { fresh.trap(); }, 'trap');
  var restored = kit.initSync({ module: bytes });
  assert.sameValue(binding.generation, 3, 'restored from the checkpoint');
  assert.sameValue(restored.has_saved(), 1, 'the exnref global, restored');
  assert.sameValue(restored.increment(), 2, 'the i32 global, restored');
  assert.sameValue(restored.call_fn(0) + restored.call_fn(1), 3, 'the funcref table, restored');
  restored.keep(7);
  assert.sameValue(restored.has_saved(), 1, 'the outlined try_table works after a restore');
  assert.throws(TypeError, function () { return restored.saved.value; },
                'the exnref global is still not for JS');
})().then($DONE, $DONE);
