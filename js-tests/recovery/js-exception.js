/*---
description: A JS exception crossing Wasm unmarked passes as ordinary, but panic=unwind glue marks the instance dead, so wbhost recovers before the next call.
includes: [wbhostHelpers.js]
---*/
var demo = loadDemo();
var binding = wbhost.bindings.of(demo);
demo.increment();
var original = new SyntaxError('from the callback');
var caught;
try { demo.call_back(function () { throw original; }); } catch (e) { caught = e; }
assert.sameValue(caught, original, 'the JS error itself reaches the caller');
assert.sameValue(demo.increment(), 1, 'the next call meets a fresh instance');
assert.sameValue(binding.stats.aborts, 1);
assert.sameValue(binding.generation, 2);
