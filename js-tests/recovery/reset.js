/*---
description: reset() makes a fresh generation now, and refuses while a call into the binding is on the stack.
includes: [wbhostHelpers.js]
---*/
var demo = loadDemo();
var binding = wbhost.bindings.of(demo);
demo.increment();
demo.increment();
binding.reset();
assert.sameValue(binding.generation, 2);
assert.sameValue(demo.increment(), 1);
assert.sameValue(binding.stats.resets, 1);
var refused;
demo.call_back(function () {
  try { binding.reset(); } catch (e) { refused = e; }
  return 0;
});
assert.sameValue(refused instanceof Error, true, 'reset during a call throws');
