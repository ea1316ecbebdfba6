/*---
description: An abort in a nested call (JS -> Wasm -> JS -> Wasm) swallowed by JS in between still reaches the outer caller; one recovery, one onAbort.
includes: [wbhostHelpers.js]
---*/
var demo = loadDemo();
var binding = wbhost.bindings.of(demo);
var events = 0;
binding.onAbort(function () { events++; });
var inner;
var outer;
try {
  demo.call_back(function () {
    try { demo.abort(); } catch (e) { inner = e; }
    return 1;  // back into the dead generation's Wasm frame
  });
} catch (e) {
  outer = e;
}
assert.sameValue(inner.name, 'WasmAbortError');
assert.sameValue(outer, inner, 'the same abort reaches the outer caller');
assert.sameValue(demo.increment(), 1);
assert.sameValue(events, 1);
assert.sameValue(binding.stats.aborts, 1);
