/*---
description: When the glue has declared the instance terminated (its flag is set), wbhost recovers before the glue's guard would throw 'Module terminated'.
includes: [wbhostHelpers.js]
---*/
var demo = loadDemo();
var binding = wbhost.bindings.of(demo);
var events = [];
binding.onAbort(function (event) { events.push(event.kind); });
demo.increment();
var exports = demo.__wasm;
new Int32Array(exports.memory.buffer)[exports.__instance_terminated.value / 4] = 1;
assert.sameValue(demo.increment(), 1);
assert.compareArray(events, ['terminated']);
