/*---
description: >
  A panic=unwind package with modern exception handling (js-tests/packages/
  unwind: rustc's landing pads, catch-unwind on __cpp_exception, JSTag and
  the wrapped-JS tag imported), nodejs and web glue (initSync): panics give
  PanicError, run the frames' destructors and keep the instance; a catch
  import gets the JS error as Err; every abort kind recovers; stale objects
  refuse.
flags: [module, async]
includes: [wbhostHelpers.js]
---*/
const node = require(wbhostOut + '/gen/js-tests/packages/unwind/unwind.js');
const web = await import(wbhostOut + '/gen/js-tests/packages/unwind/web/unwind.js');
web.initSync({ module: readbuffer(wbhostOut + '/gen/js-tests/packages/unwind/web/unwind_bg.wasm') });

for (const [name, pkg] of [['nodejs', node], ['web', web]]) {
  const binding = wbhost.bindings.of(pkg);
  assert.sameValue(pkg.increment(), 1, `${name}: works`);
  const drops = pkg.drops();
  let error;
  try { pkg.panic(3); } catch (e) { error = e; }
  assert.sameValue(error && error.name, 'PanicError', `${name}: a panic is a PanicError`);
  assert.sameValue(pkg.drops(), drops + 1, `${name}: the unwound frame's destructor ran`);
  assert.sameValue(pkg.get(), 1, `${name}: the instance stays`);
  assert.sameValue(binding.generation, 1, name);
  assert.sameValue(binding.stats.panics, 1, `${name}: counted as a panic`);

  const thrown = new TypeError('from the import');
  const result = pkg.try_call_back(() => { throw thrown; });
  assert.sameValue(result.err, thrown, `${name}: a catch import gets the JS error as Err`);
  assert.sameValue(pkg.try_call_back(() => 5).ok, 5, `${name}: and Ok otherwise`);
  assert.sameValue(binding.stats.aborts, 0, `${name}: neither is an abort`);

  const counter = new pkg.Counter(10);
  assert.sameValue(counter.add(1), 11, name);
  const kinds = [['abort', 'trap'], ['allocate_everything', 'oom'],
                 ['recurse', 'stack-overflow'], ['throw_unmarked', 'unmarked-exception']];
  let generation = 1;
  for (const [fn, kind] of kinds) {
    assertAbort(() => pkg[fn](), kind);
    assert.sameValue(binding.generation, ++generation, `${name}: ${kind} recovered`);
    assert.sameValue(pkg.increment(), 1, `${name}: the next call works after ${kind}`);
  }
  assert.throws(wbhost.bindings.StaleObjectError, () => counter.value,
                `${name}: an object of a dead generation refuses`);
  assert.sameValue(pkg.drops(), 0, `${name}: a trap ran no landing pad (a fresh instance)`);
}
$DONE();
