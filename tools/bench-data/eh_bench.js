// Compile time of a module using modern exception handling (V8 refuses it,
// wbhost translates and compiles again) over the same module in legacy form.
// Each compile gets bytes of its own (a custom section naming the round), so
// V8 reuses nothing. Usage: wbhost eh_bench.js -- LEGACY.wasm MODERN.wasm ROUNDS
// Prints one JSON line of medians.
const [legacyPath, modernPath, roundsText] = arguments;
const rounds = Number(roundsText);
const legacy = new Uint8Array(readbuffer(legacyPath));
const modern = new Uint8Array(readbuffer(modernPath));

function unique(bytes, round) {
  const tag = `wbhost-bench-${round}-${Math.random()}`;
  const out = new Uint8Array(bytes.length + 3 + tag.length);
  out.set(bytes);
  let p = bytes.length;
  out[p++] = 0;  // custom section
  out[p++] = 1 + tag.length;
  out[p++] = tag.length;
  for (let k = 0; k < tag.length; k++) out[p++] = tag.charCodeAt(k);
  return out;
}

function time(bytes) {
  const t = performance.now();
  new WebAssembly.Module(bytes);
  return performance.now() - t;
}

const l = [], m = [];
for (let i = 0; i < rounds; i++) {
  l.push(time(unique(legacy, i)));
  m.push(time(unique(modern, i)));
}
const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];
print(JSON.stringify({ legacy_ms: median(l), modern_ms: median(m) }));
