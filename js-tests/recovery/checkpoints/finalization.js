/*---
description: >
  An object a checkpoint restored, once the program lets it go, is freed
  by the generation it moved to (the glue's finalizer of that generation
  runs), not by the dead one, whose frees do nothing.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const kv = await loadKvstore('kvstore');
const binding = wbhost.bindings.of(kv);
(function () {
  for (let i = 0; i < 8; i++) kv.put('k' + i, i);
})();
let held = [];
for (let i = 0; i < 8; i++) held.push(kv.put('h' + i, i));
binding.checkpoint();
assertAbort(() => kv.abort(), 'trap');
// Used once in the new generation: moved to it.
(function use(list) {
  for (let i = 0; i < list.length; i++) assert.sameValue(list[i].key.length, 2);
})(held);
assert.sameValue(kv.frees(), 0);
held = null;
let tries = 0;
while (kv.frees() < 8 && tries++ < 200) {
  $262.gc();
  await new Promise((resolve) => setTimeout(resolve, 5));
}
assert.sameValue(kv.frees() >= 8, true,
                 'the new generation freed the restored objects: ' + kv.frees());
$DONE();
