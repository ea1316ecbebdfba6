// Checkpoints of a 16 MiB memory (js-tests/packages/kvstore grown to 256
// pages, every page touched), measured in one run beside a plain
// TypedArray.prototype.set copy of the same bytes:
//   memcpy_ms          copying the memory into a Uint8Array of its size
//   checkpoint_ms      taking a checkpoint (after the first, whose buffer
//                      is then reused)
//   fresh_copy_ms      the same copy into a new Uint8Array (pages the
//                      system hands out on first write, as a new instance's)
//   restore_ms         putting it into a new generation (rollback())
//   recovery_ms        an abort to the next successful call, restored
//   extra_rss_ratio    resident memory a checkpoint adds, over the memory's
// Usage: wbhost [--standby] --module checkpoint_bench.js -- KVSTORE_DIR ROUNDS [idle|bare]
// With `idle` the event loop turns between recoveries (--standby makes its
// spare then). `bare` is `idle` with no checkpoint at all: the same
// package's recoveries from its initial state, to compare with. Prints one
// JSON line of medians.
const [dir, roundsText, mode] = arguments;
const rounds = Number(roundsText);
const bare = mode === 'bare';
const idle = mode === 'idle' || bare;
const now = () => performance.now();
const kv = await import(`${dir}/kvstore.js`);
const exports = kv.initSync();
const ctl = wbhost.bindings.of(kv);
kv.reserve(256);
kv.put('key', 1);
const size = exports.memory.buffer.byteLength;

function rssMiB() {
  const match = /VmRSS:\s+(\d+) kB/.exec(read('/proc/self/status'));
  return match ? Number(match[1]) / 1024 : NaN;
}
function median(list) {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

if (typeof gc === 'function') gc();
const rssBefore = rssMiB();
if (!bare) ctl.checkpoint();
const extraRss = (rssMiB() - rssBefore) / (size / 1048576);

const copy = new Uint8Array(size);
const memcpy = [], checkpoint = [], fresh = [], restore = [], recovery = [];
for (let i = 0; bare ? false : i < rounds; i++) {
  let t = now();
  copy.set(new Uint8Array(exports.memory.buffer));
  memcpy.push(now() - t);
  t = now();
  ctl.checkpoint();
  checkpoint.push(now() - t);
}
// A restore writes a new instance's memory, pages the system has not
// handed out yet: beside it, the same copy into a new buffer.
for (let i = 0; idle ? false : i < rounds; i++) {
  const t = now();
  new Uint8Array(size).set(copy);
  fresh.push(now() - t);
  ctl.rollback();
  restore.push(ctl.lastCheckpoint.restoreMs);
}
for (let i = 0; i < rounds; i++) {
  if (idle) await turn();
  const t = now();
  try {
    kv.abort();
  } catch (e) {
    if (e.name !== 'WasmAbortError') throw e;
  }
  if (kv.get('key') !== (bare ? undefined : 1)) throw new Error('the call after recovery failed');
  recovery.push(now() - t);
}
print(JSON.stringify({
  bytes: size,
  memcpy_ms: memcpy.length ? median(memcpy) : null,
  checkpoint_ms: checkpoint.length ? median(checkpoint) : null,
  fresh_copy_ms: fresh.length ? median(fresh) : null,
  restore_ms: restore.length ? median(restore) : null,
  recovery_ms: median(recovery),
  extra_rss_ratio: extraRss,
  generation: ctl.generation,
}));
