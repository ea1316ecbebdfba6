// Glue in the shape of wasm-bindgen's nodejs target (CommonJS, reads its
// .wasm with fs), written for the call-overhead and recovery benchmarks.
let imports = {};
imports['__wbindgen_placeholder__'] = module.exports;
let wasm;

module.exports.add = function (a, b) {
  const ret = wasm.add(a, b);
  return ret;
};

module.exports.fail = function () {
  wasm.fail();
};

class Counter {
  static __wrap(ptr) {
    const obj = Object.create(Counter.prototype);
    obj.__wbg_ptr = ptr;
    return obj;
  }
  constructor() {
    this.__wbg_ptr = wasm.counter_new() >>> 0;
  }
  free() {
    const ptr = this.__wbg_ptr;
    this.__wbg_ptr = 0;
    wasm.__wbg_counter_free(ptr, 0);
  }
  inc() {
    const ret = wasm.counter_inc(this.__wbg_ptr);
    return ret;
  }
}
module.exports.Counter = Counter;

const path = require('path').join(__dirname, 'calls_bg.wasm');
const bytes = require('fs').readFileSync(path);
const wasmModule = new WebAssembly.Module(bytes);
const wasmInstance = new WebAssembly.Instance(wasmModule, imports);
wasm = wasmInstance.exports;
module.exports.__wasm = wasm;
