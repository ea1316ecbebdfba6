/*---
description: >
  no-modules glue (a classic script defining wasm_bindgen) loaded with
  wbhost.bindings.load and its async default init given a URL: a binding that recovers
  from a trap and from an allocation failure (strings piling up to the
  module's 1 MiB maximum), and refuses objects of a dead generation.
flags: [async]
includes: [wbhostHelpers.js]
---*/
var kit = wbhost.bindings.load(wbhostOut + '/gen/js-tests/packages/textkit/textkit.js');
var binding = wbhost.bindings.of(kit);
kit(new URL('file://' + wbhostOut + '/gen/js-tests/packages/textkit/textkit_bg.wasm'))
    .then(async function () {
  assert.sameValue(binding.generation, 1);
  assert.sameValue(kit.shout('hey'), 'HEY');
  var old = kit.make_label('before');
  assertAbort(function () { kit.shout('!'); }, 'trap');
  assert.sameValue(kit.shout('again'), 'AGAIN');
  assert.throws(wbhost.bindings.StaleObjectError, function () { old.text; });
  await nextTask();
  var fresh = kit.make_label('after');
  // A bump allocator: strings pile up until the memory's maximum.
  var big = 'x'.repeat(100000);
  assertAbort(function () { for (;;) kit.shout(big); }, 'oom');
  assert.sameValue(kit.shout('ok'), 'OK');
  assert.throws(wbhost.bindings.StaleObjectError, function () { fresh.text; });
  assert.sameValue(binding.generation, 3);
}).then($DONE, $DONE);
