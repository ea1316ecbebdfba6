/*---
description: >
  The glue's own Error('Module terminated') is an abort. When the glue's flag
  was set where no exception passed wbhost, the call that meets the glue's
  guard fails with a WasmAbortError whose cause is that error, and the next
  call works. (wbhost does not look at the flag before each call: that would
  cost every call; see docs/recovery.md.)
includes: [wbhostHelpers.js]
---*/
var demo = loadDemo();
var binding = wbhost.bindings.of(demo);
var events = [];
binding.onAbort(function (event) { events.push(event.kind); });
demo.increment();
var exports = demo.__wasm;
new Int32Array(exports.memory.buffer)[exports.__instance_terminated.value / 4] = 1;
var caught;
try { demo.increment(); } catch (e) { caught = e; }
assert.sameValue(caught && caught.name, 'WasmAbortError');
assert.sameValue(caught.kind, 'terminated');
assert.sameValue(caught.generation, 1);
assert.sameValue(caught.cause.message, 'Module terminated');
assert.compareArray(events, ['terminated']);
assert.sameValue(demo.increment(), 1, 'the next call meets a fresh instance');
assert.sameValue(binding.generation, 2);

// Read through the controller first: it looks at the flag and recovers
// before any call meets the guard.
exports = demo.__wasm;
new Int32Array(exports.memory.buffer)[exports.__instance_terminated.value / 4] = 1;
assert.sameValue(binding.generation, 3);
assert.sameValue(demo.increment(), 1);
assert.compareArray(events, ['terminated', 'terminated']);
