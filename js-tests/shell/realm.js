/*---
description: $262.createRealm gives a separate global with its own intrinsics.
---*/
var other = $262.createRealm();
var OtherArray = other.evalScript('Array');
assert.notSameValue(OtherArray, Array);
assert.sameValue(other.evalScript('var x = 41; x + 1'), 42);
assert.sameValue(other.global.x, 41);
assert.sameValue(typeof x, 'undefined');
