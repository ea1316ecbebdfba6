// ns per turn of a loop entering a try_table with a landing pad
// (exnref_bench.modern.wat): run once as wbhost translates it and once
// with WBHOST_EH_OUTLINE=all (outlined behind the JS trampoline).
// Usage: wbhost exnref_bench.js -- WASM TURNS
// Prints one JSON line.
const [path, turnsText] = arguments;
const turns = Number(turnsText);
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(readbuffer(path)), {});
exports.loop(turns / 10);  // warm up
const t0 = performance.now();
const sum = exports.loop(turns);
const ns = ((performance.now() - t0) * 1e6) / turns;
if (sum !== turns) throw new Error(`wrong sum ${sum}`);
print(JSON.stringify({ ns_per_turn: ns }));
