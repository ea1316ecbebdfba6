// wbhost's recovery, step by step: a counter that survives a panic, then an
// abort that wbhost recovers from. Run: tools/wbhost examples/recovery-demo
const demo = require('../../out/gen/examples/recovery-demo/pkg/demo.js');
const binding = wbhost.bindings.of(demo);
binding.onAbort(({ kind, generation }) =>
  print(`  [onAbort] generation ${generation} aborted (${kind}); wbhost recreates the instance`));

print('1. The counter counts inside Wasm:');
for (let i = 0; i < 3; i++) print(`   increment() -> ${demo.increment()}`);
const counter = new demo.Counter(10);
print(`   a Counter object made now: value ${counter.value}`);

print('2. A Rust panic, caught and marked by the module (a recoverable unwind):');
try {
  demo.panic(1);
} catch (e) {
  print(`   caught ${e.name}: ${e.message}`);
}
print(`   the instance lives on: increment() -> ${demo.increment()} (generation ${binding.generation})`);

print('3. An abort (a trap: Rust called abort()):');
try {
  demo.abort();
} catch (e) {
  print(`   caught ${e.name} (kind '${e.kind}', cause: ${e.cause.message})`);
}
print(`   the next call works on a fresh instance: increment() -> ${demo.increment()} ` +
      `(generation ${binding.generation}, counter back to its start)`);

print('4. Objects from the dead instance refuse use; new ones work:');
try {
  counter.add(1);
} catch (e) {
  print(`   old counter: ${e.name}: ${e.message}`);
}
counter.free();
const fresh = new demo.Counter(100);
print(`   new counter: add(5) -> ${fresh.add(5)}, instanceof Counter: ${fresh instanceof demo.Counter}`);
print(`stats: ${JSON.stringify(binding.stats)}`);
