/*---
description: >
  Class instances that Wasm makes (the glue's __wrap) belong to their
  generation: after an abort they refuse use with StaleObjectError, their
  free() is a no-op, and instances made afterwards work.
includes: [wbhostHelpers.js]
---*/
var kit = loadTextkit();
var old = kit.make_label('before');
assert(old instanceof kit.Label, 'instanceof the stable class');
assert.sameValue(old.text, 'before');

assertAbort(function () { kit.shout('!'); }, 'trap');

var stale = null;
try {
  old.text;
} catch (e) {
  stale = e;
}
assert(stale instanceof wbhost.bindings.StaleObjectError, 'an orphan refuses use');
assert(stale.message.indexOf('Label') !== -1, 'the message names the class');
old.free();  // a no-op that never reaches the new instance

var fresh = kit.make_label('after');
assert(fresh instanceof kit.Label);
assert.sameValue(fresh.text, 'after');
fresh.free();
assertAbort(function () { fresh.free(); }, 'trap');  // a double free traps in Wasm
assert.sameValue(wbhost.bindings.of(kit).generation, 3);
