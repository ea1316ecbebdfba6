/*---
description: Objects of a dead generation refuse use with StaleObjectError; free is a no-op; identities stay.
includes: [wbhostHelpers.js]
---*/
var demo = loadDemo();
var Counter = demo.Counter;
var old = new Counter(5);
assert.sameValue(old.add(1), 6);
assertAbort(function () { demo.abort(); }, 'trap');
assert.sameValue(demo.Counter, Counter);
var e;
try { old.add(1); } catch (x) { e = x; }
assert.sameValue(e.name, 'StaleObjectError');
assert(/Counter/.test(e.message), 'names the class');
assert(/generation 1/.test(e.message) && /generation 2/.test(e.message), 'names both generations');
assert.throws(wbhost.bindings.StaleObjectError, function () { return old.value; });
old.free();
if (typeof Symbol.dispose === 'symbol') old[Symbol.dispose]();
var fresh = new Counter(7);
assert.sameValue(fresh.add(1), 8);
assert.sameValue(fresh instanceof Counter, true);
