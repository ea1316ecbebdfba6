// Call overhead: a tight loop over a trivial export and a trivial method,
// through the stable binding ("binding") or the raw glue ("raw").
// Usage: wbhost calls_bench.js -- PKG_DIR MODE ITERATIONS
// Prints one JSON line: {"fn_ns": ..., "method_ns": ...}.
const [dir, mode, iterations] = arguments;
const N = Number(iterations);
const now = globalThis.performance ? () => performance.now() : () => Date.now();
let pkg;
if (mode === 'binding') {
  pkg = wbhost.bindings.load(`${dir}/calls.js`);
} else {
  // The glue evaluated as CommonJS with nothing of wbhost around it.
  const module = { exports: {} };
  const require = (id) => (id === 'path'
    ? { join: (a, b) => `${a}/${b}` }
    : { readFileSync: (p) => new Uint8Array(readbuffer(p)) });
  new Function('exports', 'require', 'module', '__dirname', read(`${dir}/calls.js`))(
      module.exports, require, module, dir);
  pkg = module.exports;
}

// Each loop is its own function, warmed up, then timed three times; the
// best time counts (the others carry JIT and machine noise).
function measure(body, target) {
  const loop = new Function('t', 'n', `let s = 0; for (let i = 0; i < n; i++) ${body}; return s;`);
  loop(target, N / 10);
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t = now();
    loop(target, N);
    best = Math.min(best, now() - t);
  }
  return (best * 1e6) / N;
}

const counter = new pkg.Counter();
const fnNs = measure('s = t.add(s, 1) | 0', pkg);
const methodNs = measure('s = t.inc()', counter);
print(JSON.stringify({ fn_ns: fnNs, method_ns: methodNs }));
