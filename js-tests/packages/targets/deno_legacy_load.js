// deno glue before 0.2.104: its imports are under __wbindgen_placeholder__
// (this body names them "./demo_bg.js", as 0.2.107+ does) and it reads a
// file: URL with Deno.readFile.
const imports = { __wbindgen_placeholder__: __wbg_get_imports()["./demo_bg.js"] };
const wasm_url = new URL('demo_bg.wasm', import.meta.url);
let wasmCode = '';
switch (wasm_url.protocol) {
    case 'file:':
    wasmCode = await Deno.readFile(wasm_url);
    break
    case 'https:':
    case 'http:':
    wasmCode = await (await fetch(wasm_url)).arrayBuffer();
    break
    default:
    throw new Error(`Unsupported protocol: ${wasm_url.protocol}`);
}
const wasmInstance = (await WebAssembly.instantiate(wasmCode, imports)).instance;
const wasm = wasmInstance.exports;
export const __wasm = wasm;
