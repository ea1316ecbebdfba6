/*---
description: >
  no-modules glue evaluated from a string (indirect eval, new Function) or
  run by d8's load() is a binding: each evaluation its own, each
  recovering from a trap and from an allocation failure and refusing
  objects of a dead generation.
flags: [async]
includes: [wbhostHelpers.js]
---*/
var dir = wbhostOut + '/gen/js-tests/packages/textkit/';
var source = read(dir + 'textkit.js');
var bytes = readbuffer(dir + 'textkit_bg.wasm');

async function check(kit, how) {
  var binding = wbhost.bindings.of(kit);
  assert.sameValue(binding.target, 'no-modules', how);
  kit.initSync({ module: bytes });
  assert.sameValue(kit.shout('hey'), 'HEY', how);
  var old = kit.make_label('before');
  assertAbort(function () { kit.shout('!'); }, 'trap');
  assert.sameValue(kit.shout('again'), 'AGAIN', how);
  assert.throws(wbhost.bindings.StaleObjectError, function () { old.text; }, how);
  await nextTask();
  var fresh = kit.make_label('after');
  var big = 'x'.repeat(100000);
  assertAbort(function () { for (;;) kit.shout(big); }, 'oom');
  assert.sameValue(kit.shout('ok'), 'OK', how);
  assert.throws(wbhost.bindings.StaleObjectError, function () { fresh.text; }, how);
  assert.sameValue(binding.generation, 3, how);
  return binding;
}

(async function () {
  var fromEval = (0, eval)(source + '\nwasm_bindgen');
  var fromFunction = new Function(source + '\nreturn wasm_bindgen;')();
  assert.notSameValue(wbhost.bindings.of(fromEval), wbhost.bindings.of(fromFunction),
                      'each evaluation is a binding of its own');
  await check(fromEval, 'eval');
  await check(fromFunction, 'new Function');
  load(dir + 'textkit.js');
  await check(wasm_bindgen, 'load()');
})().then($DONE, $DONE);
