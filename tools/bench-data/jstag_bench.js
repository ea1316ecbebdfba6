// ns per call from Wasm into a JS import, for an instance that imports
// WebAssembly.JSTag (its imports wrapped: host/wasm/exceptions.js) or one
// that imports another tag of the same type (V8's own).
// Usage: wbhost jstag_bench.js -- WASM jstag|plain CALLS
// Prints one JSON line.
const [path, mode, callsText] = arguments;
const calls = Number(callsText);
const tag = mode === 'jstag' ? WebAssembly.JSTag : new WebAssembly.Tag({ parameters: ['externref'] });
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(readbuffer(path)),
                                             { m: { tag, f: (x) => x & 1 } });
exports.loop(calls / 10);  // warm up: optimised wrappers and callee
const t0 = performance.now();
const sum = exports.loop(calls);
const ns = ((performance.now() - t0) * 1e6) / calls;
if (sum !== Math.ceil(calls / 2)) throw new Error(`wrong sum ${sum}`);
print(JSON.stringify({ mode, ns_per_call: ns }));
