// Fault storms for tools/stress: one case per run, always beside a second,
// healthy binding whose state is checked at the end.
// Usage: wbhost --module [flags] storm.js -- OUT_DIR CASE ROUNDS
// Prints one JSON line last: {case, cycles, aborts, seconds, rss_start_mib,
// rss_end_mib, healthy, problems}.
const [out, caseName, roundsText] = arguments;
const rounds = Number(roundsText);
const { WasmAbortError } = wbhost.bindings;

function rssMiB() {
  const match = /VmRSS:\s+(\d+) kB/.exec(read('/proc/self/status'));
  return match ? Number(match[1]) / 1024 : NaN;
}

const problems = [];
function check(ok, what) {
  if (!ok && problems.length < 20) problems.push(what);
}

// Runs fn, which must abort with `kind`.
function expectAbort(fn, kind, what) {
  try {
    fn();
  } catch (e) {
    check(e instanceof WasmAbortError, `${what}: ${e && e.name} instead of WasmAbortError`);
    if (kind) check(e.kind === kind, `${what}: kind ${e.kind}, expected ${kind}`);
    return e;
  }
  check(false, `${what}: nothing was thrown`);
  return undefined;
}

// The healthy binding: a counter that must end at exactly the number of
// increments, in its first generation, never aborted.
const healthyPkg = require(`${out}/gen/tools/bench-data/calls/calls.js`);
const healthy = wbhost.bindings.of(healthyPkg);
const counter = new healthyPkg.Counter();
let healthyIncrements = 0;
function touchHealthy() {
  counter.inc();
  healthyIncrements++;
  check(healthyPkg.add(2, 3) === 5, 'the healthy binding miscounted');
}

function demo() {
  return require(`${out}/gen/examples/recovery-demo/pkg/demo.js`);
}
function textkit() {
  const kit = wbhost.bindings.load(`${out}/gen/js-tests/packages/textkit/textkit.js`);
  kit.initSync();
  return kit;
}

const cases = {
  // 10,000 aborts in a row, each followed by a call that must work.
  'abort-storm'() {
    const d = demo();
    let cycles = 0;
    for (let i = 0; i < rounds; i++) {
      expectAbort(() => d.abort(), 'trap', 'abort');
      check(d.increment() === 1, 'the call after an abort did not meet a fresh instance');
      if (i % 100 === 0) touchHealthy();
      cycles++;
    }
    return { cycles, binding: wbhost.bindings.of(d) };
  },

  // Every kind of the recovery table, in turn (run with --recovery=strict
  // and --wasm-max-memory so that js-exception and oom are aborts).
  'every-kind'() {
    const d = demo();
    const ctl = wbhost.bindings.of(d);
    let cycles = 0;
    for (let i = 0; i < rounds; i++) {
      expectAbort(() => d.abort(), 'trap', 'unreachable');
      expectAbort(() => d.divide(1, 0), 'trap', 'division by zero');
      expectAbort(() => d.allocate_everything(), 'oom', 'allocation failure');
      expectAbort(() => d.recurse(), 'stack-overflow', 'Wasm stack overflow');
      expectAbort(() => d.throw_unmarked(), 'unmarked-exception', 'unmarked exception');
      expectAbort(() => d.call_back(() => { throw new TypeError('from JS'); }),
                  'js-exception', 'JS exception crossing Wasm (strict)');
      const w = d.__wasm;
      new Int32Array(w.memory.buffer)[w.__instance_terminated.value / 4] = 1;
      expectAbort(() => d.increment(), 'terminated', "the glue's Module terminated");
      // An unwind is not an abort: the instance stays.
      d.increment();
      try { d.panic(1); } catch (e) { check(e.name === 'PanicError', `panic gave ${e.name}`); }
      check(d.increment() === 2, 'a panic lost the instance');
      touchHealthy();
      cycles += 7;
    }
    check(ctl.stats.aborts === rounds * 7, `aborts counted ${ctl.stats.aborts}`);
    return { cycles, binding: ctl };
  },

  // An async export's polling traps with many promises pending: every one
  // settles (the dead generation's reject with WasmAbortError), none hangs,
  // and new ones resolve.
  async 'async-pending'() {
    const kit = textkit();
    let cycles = 0;
    for (let i = 0; i < rounds; i++) {
      const pending = [];
      for (let k = 1; k <= 500; k++) pending.push(kit.later(k));
      pending.push(kit.later(-1));  // traps while polled
      for (let k = 1; k <= 500; k++) pending.push(kit.later(k));
      const settled = await Promise.race([
        Promise.allSettled(pending),
        new Promise((resolve) => setTimeout(() => resolve(null), 5000)),
      ]);
      check(settled !== null, 'promises of a dead generation hung');
      if (settled) {
        const rejected = settled.filter((s) => s.status === 'rejected');
        check(rejected.length > 0, 'the trap rejected nothing');
        check(rejected.every((s) => s.reason instanceof WasmAbortError),
              'a pending promise rejected with something else');
      }
      check(await kit.later(7) === 14, 'a new promise did not resolve after the abort');
      touchHealthy();
      cycles++;
    }
    return { cycles, binding: wbhost.bindings.of(kit) };
  },

  // Callbacks from Wasm into JS, nested 50 deep, the innermost aborting:
  // the outermost caller gets the WasmAbortError, one abort per round.
  'nested-callbacks'() {
    const d = demo();
    const ctl = wbhost.bindings.of(d);
    let cycles = 0;
    for (let i = 0; i < rounds; i++) {
      const before = ctl.stats.aborts;
      const nest = (depth) => d.call_back(() => (depth === 0 ? d.abort() : nest(depth - 1)));
      expectAbort(() => nest(50), 'trap', 'abort 50 callbacks deep');
      check(ctl.stats.aborts === before + 1, `one abort counted ${ctl.stats.aborts - before} times`);
      check(d.increment() === 1, 'no fresh instance after a nested abort');
      touchHealthy();
      cycles++;
    }
    return { cycles, binding: ctl };
  },

  // Aborts inside FinalizationRegistry cleanups (a Label whose free traps),
  // with no JS caller to receive them.
  async 'finalizer'() {
    const kit = textkit();
    const ctl = wbhost.bindings.of(kit);
    let cycles = 0;
    for (let i = 0; i < rounds; i++) {
      const before = ctl.stats.aborts;
      (() => { kit.make_label('poison'); })();
      for (let tries = 0; tries < 20 && ctl.stats.aborts === before; tries++) {
        gc();
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      check(ctl.stats.aborts === before + 1, 'a cleanup abort was not recovered once');
      check(kit.shout('ok') === 'OK', 'the binding does not work after a cleanup abort');
      touchHealthy();
      cycles++;
    }
    return { cycles, binding: ctl };
  },

  // The new instance's start function traps during the recovery: bounded
  // tries, a clear error, no loop; reset() brings it back.
  'start-traps'() {
    const flaky = require(`${out}/gen/js-tests/packages/flaky/flaky.js`);
    const ctl = wbhost.bindings.of(flaky);
    let cycles = 0;
    for (let i = 0; i < rounds; i++) {
      globalThis.flakyStarts = 0;
      globalThis.flakyStartFails = true;
      expectAbort(() => flaky.crash(), 'trap', 'crash');
      check(ctl.state === 'failed', `state ${ctl.state} after failed starts`);
      check(globalThis.flakyStarts === 3, `${globalThis.flakyStarts} tries`);
      expectAbort(() => flaky.ping(), 'recovery-failed', 'a call on a failed binding');
      globalThis.flakyStartFails = false;
      ctl.reset();
      check(flaky.ping() === 1, 'reset did not bring a fresh instance');
      touchHealthy();
      cycles++;
    }
    return { cycles, binding: ctl };
  },

  // Aborts of every kind the key-value store can make, `rounds` in all,
  // alternating with checkpoints and rollbacks (run with --recovery=strict
  // and --wasm-max-memory): every recovery puts back the latest checkpoint
  // exactly, its entries and a handle made before it.
  async 'checkpoints'() {
    const kv = await import(`${out}/gen/js-tests/packages/kvstore/kvstore.js`);
    kv.initSync();
    const ctl = wbhost.bindings.of(kv);
    let handle = kv.put('h', -1);
    ctl.checkpoint();
    let expected = kv.count();
    let handleValue = -1;
    const kinds = [
      ['trap', () => kv.abort()],
      ['oom', () => kv.allocate_everything()],
      ['stack-overflow', () => kv.call_back(function deep() { return deep() + 1; })],
      ['js-exception', () => kv.call_back(() => { throw new TypeError('from JS'); })],
    ];
    let cycles = 0;
    for (let i = 0; cycles < rounds; i++) {
      kv.put(`k${i}`, i);
      if (i % 3 === 0) {
        handle = kv.put(`h${i}`, i);
        handleValue = i;
        ctl.checkpoint();
        expected = kv.count();
      } else if (i % 7 === 0) {
        ctl.rollback();
        check(kv.count() === expected, `rollback left ${kv.count()} entries, not ${expected}`);
      }
      const [kind, fn] = kinds[i % kinds.length];
      expectAbort(fn, kind, kind);
      check(kv.count() === expected,
            `after a ${kind} abort: ${kv.count()} entries, not the checkpoint's ${expected}`);
      check(handle.value === handleValue, 'a handle from before the checkpoint lost its value');
      try { kv.panic(1); } catch (e) { check(e.name === 'PanicError', `panic gave ${e.name}`); }
      if (i % 50 === 0) touchHealthy();
      cycles++;
    }
    return { cycles, binding: ctl };
  },

  // Stack overflow in Wasm, in JS inside a callback from Wasm (an abort),
  // and in plain JS (not the binding's business).
  'stack-overflow'() {
    const d = demo();
    const ctl = wbhost.bindings.of(d);
    let cycles = 0;
    for (let i = 0; i < rounds; i++) {
      expectAbort(() => d.recurse(), 'stack-overflow', 'Wasm recursion');
      expectAbort(() => d.call_back(function deep() { return deep() + 1; }),
                  'stack-overflow', 'JS recursion inside a callback');
      const before = ctl.stats.aborts;
      try {
        (function deep() { return deep() + 1; })();
      } catch (e) {
        check(e instanceof RangeError, 'plain JS overflow was not a RangeError');
      }
      check(ctl.stats.aborts === before, 'plain JS overflow counted as an abort');
      check(d.increment() === 1, 'no fresh instance after an overflow');
      touchHealthy();
      cycles += 2;
    }
    return { cycles, binding: ctl };
  },
};

const rssStart = rssMiB();
const t0 = performance.now();
const result = await cases[caseName]();
const seconds = (performance.now() - t0) / 1000;
if (typeof gc === 'function') gc();
const rssEnd = rssMiB();
// The healthy binding: untouched by everything above.
counter.inc();
healthyIncrements++;
const healthyOk = counter.inc() === healthyIncrements + 1 && healthy.generation === 1 &&
    healthy.stats.aborts === 0 && healthy.state === 'live';
print(JSON.stringify({
  case: caseName,
  cycles: result.cycles,
  aborts: result.binding.stats.aborts,
  seconds,
  rss_start_mib: rssStart,
  rss_end_mib: rssEnd,
  healthy: healthyOk,
  problems,
}));
