// Recovery: from an abort to the next successful call, over many cycles,
// and compiling the same module again from bytes, for comparison.
// Usage: wbhost [--standby] --module recovery_bench.js -- PKG_DIR NAME CYCLES [idle]
// With `idle`, the program lets the event loop turn between cycles (outside
// the timed part), as a program does between failures: that is when
// --standby rebuilds its spare generation, off the failing call's path.
// Prints one JSON line.
const [dir, name, cyclesText, idleArg] = arguments;
const idle = idleArg === 'idle';
const cycles = Number(cyclesText);
const now = globalThis.performance ? () => performance.now() : () => Date.now();
const pkg = wbhost.bindings.load(`${dir}/${name}.js`);
const ctl = wbhost.bindings.of(pkg);

function rssMiB() {
  const status = read('/proc/self/status');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : NaN;
}

function cycle() {
  const t0 = now();
  try {
    pkg.fail();
  } catch (e) {
    if (e.name !== 'WasmAbortError') throw e;
  }
  if (pkg.add(2, 3) !== 5) throw new Error('the call after recovery failed');
  return now() - t0;
}

const times = [];
let rssAt100 = NaN;
for (let i = 0; i < cycles; i++) {
  times.push(cycle());
  if (idle) await new Promise((resolve) => setTimeout(resolve, 0));
  if (i === 99) {
    if (typeof gc === 'function') gc();
    rssAt100 = rssMiB();
  }
}
if (typeof gc === 'function') gc();
const rssEnd = rssMiB();
times.sort((a, b) => a - b);
const pick = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];

// V8 reuses a module compiled from the same bytes, so each compile gets
// bytes of its own: the module plus a custom section naming the round.
const bytes = new Uint8Array(readbuffer(`${dir}/${name}_bg.wasm`));
const compiles = [];
for (let i = 0; i < 15; i++) {
  const tag = `wbhost-bench-${i}-${Math.random()}`;
  const unique = new Uint8Array(bytes.length + 3 + tag.length);
  unique.set(bytes);
  unique[bytes.length] = 0;  // custom section
  unique[bytes.length + 1] = 1 + tag.length;
  unique[bytes.length + 2] = tag.length;
  for (let k = 0; k < tag.length; k++) unique[bytes.length + 3 + k] = tag.charCodeAt(k);
  const t0 = now();
  new WebAssembly.Module(unique.subarray(0, bytes.length + 3 + tag.length));
  compiles.push(now() - t0);
}
compiles.sort((a, b) => a - b);

print(JSON.stringify({
  median_ms: pick(0.5),
  p99_ms: pick(0.99),
  recompile_ms: compiles[Math.floor(compiles.length / 2)],
  rss_at_100_mib: rssAt100,
  rss_end_mib: rssEnd,
  generation: ctl.generation,
  aborts: ctl.stats.aborts,
  wasm_bytes: bytes.byteLength,
}));
