/*---
description: Traps (unreachable, division by zero) are aborts of kind 'trap' and are recovered.
includes: [wbhostHelpers.js]
---*/
var demo = loadDemo();
var binding = wbhost.bindings.of(demo);
var events = [];
binding.onAbort(function (event) { events.push(event.kind + '@' + event.generation); });
demo.increment();
var e1 = assertAbort(function () { demo.abort(); }, 'trap');
assert.sameValue(e1.cause instanceof WebAssembly.RuntimeError, true);
assert.sameValue(e1.generation, 1);
assert.sameValue(demo.increment(), 1, 'fresh instance');
assertAbort(function () { demo.divide(1, 0); }, 'trap');
assert.sameValue(binding.generation, 3);
assert.sameValue(binding.state, 'live');
assert.compareArray(events, ['trap@1', 'trap@2']);
