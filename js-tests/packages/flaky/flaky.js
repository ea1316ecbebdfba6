// Glue in the shape of wasm-bindgen's nodejs target for flaky_bg.wat,
// written for wbhost's tests: the start function asks JS whether to fail
// (globalThis.flakyStartFails), and counts its runs
// (globalThis.flakyStarts).
let imports = {};
imports['__wbindgen_placeholder__'] = module.exports;
let wasm;

module.exports.__wbg_start_should_fail = function () {
  globalThis.flakyStarts = (globalThis.flakyStarts || 0) + 1;
  return globalThis.flakyStartFails ? 1 : 0;
};

module.exports.ping = function () {
  return wasm.ping();
};

module.exports.crash = function () {
  wasm.crash();
};

const path = require('path').join(__dirname, 'flaky_bg.wasm');
const bytes = require('fs').readFileSync(path);
const wasmModule = new WebAssembly.Module(bytes);
const wasmInstance = new WebAssembly.Instance(wasmModule, imports);
wasm = wasmInstance.exports;
module.exports.__wasm = wasm;

wasm.__wbindgen_start();
