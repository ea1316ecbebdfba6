/*---
description: A trap after the memory reached its maximum is an abort of kind 'oom'.
includes: [wbhostHelpers.js]
---*/
var demo = loadDemo();
assertAbort(function () { demo.allocate_everything(); }, 'oom');
assert.sameValue(demo.increment(), 1);
