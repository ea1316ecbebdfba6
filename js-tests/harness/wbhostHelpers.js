// Helpers for js-tests of host features. The build puts the recovery demo
// package (examples/recovery-demo/pkg) in out/gen; the runner runs from the
// repository's root, so the path is relative to it.
function loadDemo() {
  return require(wbhostOut + '/gen/examples/recovery-demo/pkg/demo.js');
}

// The build folder: out/, or what WBHOST_OUT names (tools/test sets it).
var wbhostOut = (function () {
  try {
    var env = read('/proc/self/environ').split('\0');
    for (var i = 0; i < env.length; i++) {
      if (env[i].indexOf('WBHOST_OUT=') === 0) return env[i].slice(11);
    }
  } catch (e) {}
  return require('path').resolve('out');
})();

// The major version of the V8 wbhost embeds: where V8 13.6 differs from
// 10.2, the tests follow the engine (10.2's gaps were wbhost's to fill).
var v8Major = parseInt(version(), 10);

// With WBHOST_EH=modern (tools/test sets it for a second run of the
// recovery and Wasm tests), the test modules that use exception handling
// are their modern twins (build/scripts/to_exnref.py), which V8 13.6 runs
// itself (a 10.2 build translates them back): everything must behave
// exactly as with the originals.
var wbhostModernEh = (function () {
  try {
    return read('/proc/self/environ').split('\0').indexOf('WBHOST_EH=modern') >= 0;
  } catch (e) {
    return false;
  }
})();

// The path of a .wasm the build makes for js-tests/wasm/ (NAME.wasm).
function wasmFixture(name) {
  return wbhostOut + '/gen/js-tests/wasm/' + name + (wbhostModernEh ? '-modern' : '') + '.wasm';
}

// Runs fn, which must abort: returns the WasmAbortError after checking its
// kind.
function assertAbort(fn, kind) {
  var caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  if (!caught) throw new Test262Error('expected an abort of kind ' + kind + ', but nothing was thrown');
  if (!(caught instanceof wbhost.bindings.WasmAbortError)) {
    throw new Test262Error('expected a WasmAbortError, got ' + caught);
  }
  assert.sameValue(caught.kind, kind, 'abort kind');
  return caught;
}

// js-tests/packages/textkit (no-modules glue, panic=abort), initialised.
function loadTextkit() {
  var kit = wbhost.bindings.load(wbhostOut + '/gen/js-tests/packages/textkit/textkit.js');
  kit.initSync();
  return kit;
}

// A macrotask later: a binding's standby (made in a task of its own after
// each recovery) is ready by then.
function nextTask() {
  return new Promise(function (resolve) { setTimeout(resolve, 0); });
}

// Checks the recovery demo's package (examples/recovery-demo) through the
// namespace `ns` of its glue, however the package is laid out: it is a
// binding, works, keeps its instance through a panic, recovers from a trap
// and from an allocation failure (the memory's maximum, or the bound
// --wasm-max-memory sets), and refuses objects of a dead generation.
async function checkDemoBinding(ns) {
  var binding = wbhost.bindings.of(ns);
  assert.sameValue(binding, wbhost.bindings.of(ns.increment), 'of(a function)');
  assert.sameValue(binding, wbhost.bindings.of(ns.Counter), 'of(a class)');
  var events = [];
  var off = binding.onAbort(function (event) { events.push(event.kind); });
  assert.sameValue(binding.state, 'live');
  var first = binding.generation;
  assert.sameValue(ns.increment(), 1);
  assert.sameValue(ns.increment(), 2);
  assert.throws(ns.PanicError, function () { ns.panic(1); });
  assert.sameValue(ns.increment(), 3, 'a panic keeps the instance');
  var old = new ns.Counter(3);
  assert.sameValue(old.add(1), 4);
  assert.sameValue(wbhost.bindings.of(old), binding, 'of(an instance)');
  assertAbort(function () { ns.abort(); }, 'trap');
  assert.sameValue(binding.generation, first + 1, 'a new generation');
  assert.sameValue(ns.increment(), 1, 'a fresh instance');
  assert.throws(wbhost.bindings.StaleObjectError, function () { old.add(1); });
  old.free();  // a no-op on a dead generation
  await nextTask();
  var fresh = new ns.Counter(1);
  assert.sameValue(fresh.add(1), 2);
  assertAbort(function () { ns.allocate_everything(); }, 'oom');
  assert.sameValue(ns.increment(), 1, 'recovered from the allocation failure');
  assert.throws(wbhost.bindings.StaleObjectError, function () { fresh.add(1); });
  assert.sameValue(binding.generation, first + 2);
  assert.sameValue(binding.stats.aborts, 2);
  assert.sameValue(binding.stats.panics, 1);
  assert.sameValue(events.join(), 'trap,oom', 'onAbort saw each abort once');
  off();
}

// js-tests/packages/kvstore (a key-value store in Wasm memory), built
// panic=unwind ('kvstore') or panic=abort ('kvstore-abort'), initialised.
async function loadKvstore(build) {
  var dir = build + (wbhostModernEh ? '-modern' : '');
  var kv = await import(wbhostOut + '/gen/js-tests/packages/' + dir + '/kvstore.js');
  kv.initSync();
  return kv;
}

// Fills a kvstore, takes a checkpoint, changes it after, and returns what
// the checks after a restore need: entries and handles from before (which
// must be back) and after (which must be gone).
function fillAndCheckpoint(kv) {
  var binding = wbhost.bindings.of(kv);
  var before = { alpha: kv.put('alpha', 1), beta: kv.put('beta', 2) };
  kv.keep({ name: 'kept before' });
  var ref = kv.keep_ref({ name: 'ref before' });
  kv.set_transform(true);
  var taken = binding.checkpoint();
  assert.sameValue(taken.generation, binding.generation, 'checkpoint of the live generation');
  assert(taken.bytes >= 2 * 65536, 'the memory is in it');
  assert.sameValue(typeof taken.ms, 'number');
  var after = { gamma: kv.put('gamma', 3) };
  before.alpha.value = 100;
  kv.keep({ name: 'kept after' });
  kv.set_transform(false);
  assert.sameValue(kv.count(), 3);
  return { binding: binding, taken: taken, before: before, after: after, ref: ref };
}

// After a restore from fillAndCheckpoint's checkpoint: its state is back,
// objects from before work on the new generation, objects from after
// refuse, and funcref entries are the new instance's.
function assertRestored(kv, state, how) {
  assert.sameValue(kv.count(), 2, how + ': the entries at the checkpoint');
  assert.sameValue(kv.get('alpha'), 1, how + ': a value changed after is as it was');
  assert.sameValue(kv.get('beta'), 2, how);
  assert.sameValue(kv.get('gamma'), undefined, how + ': an entry made after is gone');
  var alpha = state.before.alpha;
  assert(alpha instanceof kv.Entry, how + ': a handle from before is still an Entry');
  assert.sameValue(alpha.key, 'alpha', how + ': its pointer is valid again');
  assert.sameValue(alpha.value, 1, how);
  alpha.value = 5;
  assert.sameValue(kv.get('alpha'), 5, how + ': and writes to the new generation');
  assert.sameValue(state.before.beta.key, 'beta', how);
  assert.throws(wbhost.bindings.StaleObjectError, function () { state.after.gamma.value; },
                how + ': a handle from after refuses');
  assert.sameValue(kv.kept().name, 'kept before', how + ': the glue\'s heap slab');
  assert.sameValue(kv.ref(state.ref).name, 'ref before', how + ': the externref table');
  assert.sameValue(kv.apply(5), 15, how + ': the funcref table slot set before');
  var fresh = kv.put('epsilon', 9);
  assert.sameValue(fresh.key, 'epsilon', how + ': new entries work');
  assert.sameValue(kv.count(), 3, how);
}
