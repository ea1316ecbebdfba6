/*---
description: Objects of a dead generation refuse use with StaleObjectError, as receivers and as arguments; free is a no-op; identities stay.
includes: [wbhostHelpers.js]
---*/
var demo = loadDemo();
var Counter = demo.Counter;
var old = new Counter(5);
assert.sameValue(old.add(1), 6);
assertAbort(function () { demo.abort(); }, 'trap');
assert.sameValue(demo.Counter, Counter);
var e;
function useOld() { return old.add(1); }
try { useOld(); } catch (x) { e = x; }
assert.sameValue(e.name, 'StaleObjectError');
// Its stack starts at the program's frame, as if the method had thrown.
var firstFrame = e.stack.split('\n')[1];
assert(/^\s+at useOld \(/.test(firstFrame), 'first frame is the caller: ' + e.stack);
assert(/Counter/.test(e.message), 'names the class');
assert(/generation 1/.test(e.message) && /generation 2/.test(e.message), 'names both generations');
assert.throws(wbhost.bindings.StaleObjectError, function () { return old.value; });
old.free();
if (typeof Symbol.dispose === 'symbol') old[Symbol.dispose]();
// As an argument: the glue's class check refuses it the same way.
function passOld() { return demo.read_counter(old); }
assert.throws(wbhost.bindings.StaleObjectError, passOld, 'a stale object as an argument');
assert.throws(Error, function () { demo.read_counter({}); }, 'a non-instance is the glue\'s own error');
var fresh = new Counter(7);
assert.sameValue(demo.read_counter(fresh), 7, 'a live object as an argument');
assert.sameValue(fresh.add(1), 8);
assert.sameValue(fresh instanceof Counter, true);
