import source wasmModule from "./demo_bg.wasm";
const wasmInstance = new WebAssembly.Instance(wasmModule, __wbg_get_imports());
const wasm = wasmInstance.exports;
