/*---
description: >
  A binding whose Wasm imports WebAssembly.JSTag (glue from wasm-bindgen
  0.2.109 on): a JS exception Rust catches through a `catch` import is
  caught under JSTag with the value itself, and is no abort; one it does
  not catch reaches the caller as the same value; a value Wasm throws
  under JSTag reaches JS bare; none is an abort (the boundary table), and
  aborts still recover (a call-stack overflow that crossed under JSTag is
  one).
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const kv = await loadKvstore('kvstore');
const binding = wbhost.bindings.of(kv);
const thrown = new Error('from the callback');
const result = kv.try_call_back(() => { throw thrown; });
assert.sameValue(result.caught, thrown, 'Rust caught the very value under JSTag');
assert.sameValue(kv.try_call_back(() => 4).value, 4, 'nothing thrown: the result');

let out;
try { kv.call_back(() => { throw thrown; }); } catch (e) { out = e; }
assert.sameValue(out, thrown, 'not caught by Wasm: the caller gets the same value');
const value = { a: 1 };
out = undefined;
try { kv.throw_value(value); } catch (e) { out = e; }
assert.sameValue(out, value, 'thrown by Wasm under JSTag: the bare value');
assert.sameValue(binding.stats.aborts, 0, 'none of these is an abort');
assert.sameValue(binding.generation, 1);

kv.put('alpha', 1);
assertAbort(() => kv.abort(), 'trap');
assert.sameValue(binding.generation, 2, 'an abort still recovers');
// A call-stack overflow in JS that crossed Wasm under JSTag is still one.
assertAbort(() => kv.call_back(function deep() { return deep() + 1; }), 'stack-overflow');
assert.sameValue(binding.generation, 3);
assert.sameValue(kv.try_call_back(() => { throw thrown; }).caught, thrown,
                 'and the new generation catches under JSTag too');
$DONE();
