/*---
description: >
  An abort inside a FinalizationRegistry cleanup (the glue's finalizer
  freeing a Label traps) is recovered like any other: one onAbort, the
  binding live in a new generation, the program goes on.
flags: [async]
includes: [wbhostHelpers.js]
---*/
var kit = loadTextkit();
var binding = wbhost.bindings.of(kit);
var events = [];
binding.onAbort(function (event) { events.push(event.kind + '@' + event.generation); });
(function () { kit.make_label('poison'); })();  // its free() traps

var tries = 0;
function check() {
  $262.gc();
  if (events.length === 0 && tries++ < 200) {
    setTimeout(check, 5);
    return;
  }
  try {
    assert.compareArray(events, ['trap@1'], 'one abort, in the finalizer');
    assert.sameValue(binding.generation, 2);
    assert.sameValue(binding.state, 'live');
    assert.sameValue(kit.shout('ok'), 'OK');
  } catch (e) {
    $DONE(e);
    return;
  }
  $DONE();
}
setTimeout(check, 0);
