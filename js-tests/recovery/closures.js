/*---
description: >
  Closures that Wasm calls (through the externref table) may call into the
  same binding; an abort inside such a callback, even one JS swallows, ends
  the outer call with the same WasmAbortError and one recovery.
includes: [wbhostHelpers.js]
---*/
var kit = loadTextkit();
var binding = wbhost.bindings.of(kit);
var aborts = 0;
binding.onAbort(function () { aborts++; });

assert.sameValue(kit.each(3, function (i) { return kit.shout('ab').length + i; }), 9);

var inner;
var outer = assertAbort(function () {
  kit.each(3, function (i) {
    try {
      kit.shout('!inner');
    } catch (e) {
      inner = e;  // swallowed: Wasm must not run on in the dead instance
    }
    return i;
  });
}, 'trap');
assert.sameValue(outer, inner, 'the outer caller gets the inner abort');
assert.sameValue(binding.generation, 2);
assert.sameValue(kit.each(2, function (i) { return i + 1; }), 3, 'the next call works');
assert.sameValue(aborts, 1, 'one abort, one recovery, one onAbort');
