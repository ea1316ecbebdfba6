/*---
description: An error the glue throws after Wasm returned passes unchanged, with no recovery.
includes: [wbhostHelpers.js]
---*/
var demo = loadDemo();
var binding = wbhost.bindings.of(demo);
demo.increment();
assert.throws(Error, function () { demo.checked_divide(4, 0); });
assert.sameValue(demo.increment(), 2);
assert.sameValue(binding.generation, 1);
assert.sameValue(binding.stats.aborts, 0);
