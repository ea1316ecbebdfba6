/*---
description: A WebAssembly.Exception with a tag nobody marked is an abort of kind 'unmarked-exception'.
includes: [wbhostHelpers.js]
---*/
var demo = loadDemo();
var e = assertAbort(function () { demo.throw_unmarked(); }, 'unmarked-exception');
assert.sameValue(e.cause instanceof WebAssembly.Exception, true);
assert.sameValue(demo.increment(), 1);
