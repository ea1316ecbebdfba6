/*---
description: Call-stack overflow inside Wasm is an abort of kind 'stack-overflow'.
includes: [wbhostHelpers.js]
---*/
var demo = loadDemo();
var e = assertAbort(function () { demo.recurse(); }, 'stack-overflow');
assert.sameValue(e.cause instanceof RangeError, true);
assert.sameValue(demo.increment(), 1);
