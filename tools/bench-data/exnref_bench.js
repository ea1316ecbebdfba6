// ns per turn of a loop entering a try_table with a landing pad
// (exnref_bench.modern.wat): run once as wbhost translates it and once
// with WBHOST_EH_OUTLINE=all (outlined behind the JS trampoline); or the
// same work entered through a JS function (roundtrip_bench.wat).
// Usage: wbhost exnref_bench.js -- WASM TURNS
// Prints one JSON line.
const [path, turnsText] = arguments;
const turns = Number(turnsText);
// roundtrip_bench.wat's import: a JS frame that catches, as the trampoline
// (host/wasm/exnref.js) does.
function enter(body) {
  try {
    body();
    return null;
  } catch (e) {
    return e;
  }
}
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(readbuffer(path)),
                                             { js: { enter } });
exports.loop(turns / 10);  // warm up
const t0 = performance.now();
const sum = exports.loop(turns);
const ns = ((performance.now() - t0) * 1e6) / turns;
if (sum !== turns) throw new Error(`wrong sum ${sum}`);
print(JSON.stringify({ ns_per_turn: ns }));
