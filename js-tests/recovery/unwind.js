/*---
description: A marked unwind (a panic under panic=unwind) reaches the caller as PanicError; the instance stays.
includes: [wbhostHelpers.js]
---*/
var demo = loadDemo();
var binding = wbhost.bindings.of(demo);
demo.increment();
var caught;
try { demo.panic(3); } catch (e) { caught = e; }
assert.sameValue(caught.name, 'PanicError');
assert.sameValue(caught instanceof demo.PanicError, true);
assert.sameValue(caught instanceof Error, true, 'the glue class still extends Error');
assert.sameValue(caught.constructor, demo.PanicError, 'instances report the stable class');
assert.sameValue(demo.increment(), 2, 'state kept');
assert.sameValue(binding.generation, 1);
assert.sameValue(binding.stats.panics, 1);
assert.sameValue(binding.stats.aborts, 0);
