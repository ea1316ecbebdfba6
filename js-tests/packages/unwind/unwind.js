// Glue in the shape of wasm-bindgen 0.2.12x's nodejs target with
// panic=unwind, for unwind_bg.modern.wat (modern exception handling), written
// for wbhost's tests (not generated): the Wasm imports a wrapped-JS tag the
// glue creates and WebAssembly.JSTag, panics arrive as exceptions with the
// wrapped tag carrying a PanicError, and the glue's per-export catch
// unwraps them.
// Anything else is an abort: the glue marks the instance terminated and
// rethrows; later calls meet its guard.
let imports = {};
imports['__wbindgen_placeholder__'] = module.exports;
let wasm;

class PanicError extends Error {}
Object.defineProperty(PanicError.prototype, 'name', { value: 'PanicError' });

const __wbindgen_wrapped_jstag = new WebAssembly.Tag({ parameters: ['externref'] });
module.exports.__wbindgen_wrapped_jstag = __wbindgen_wrapped_jstag;
module.exports.__wbindgen_jstag = WebAssembly.JSTag;

const callbacks = new Map();
let nextCallback = 1;

function terminated() {
  const flag = wasm.__instance_terminated.value;
  return new Int32Array(wasm.memory.buffer)[flag / 4] !== 0;
}

function call(f) {
  if (terminated()) throw new Error('Module terminated');
  try {
    return f();
  } catch (e) {
    if (e instanceof WebAssembly.Exception && e.is(__wbindgen_wrapped_jstag)) {
      throw e.getArg(__wbindgen_wrapped_jstag, 0);
    }
    const flag = wasm.__instance_terminated.value;
    new Int32Array(wasm.memory.buffer)[flag / 4] = 1;
    invokeAbortHandler();
    throw e;
  }
}

// The crate's set_on_abort hook, if it registered one: its table index is
// at the address __abort_handler holds. A failing hook must not hide the
// abort.
function invokeAbortHandler() {
  const index = new Uint32Array(wasm.memory.buffer)[wasm.__abort_handler.value / 4];
  if (index === 0) return;
  try {
    wasm.__indirect_function_table.get(index)();
  } catch (_) {
    // The abort's own error is what the caller must see.
  }
}

module.exports.__wbg_panicerror_new = function (code) {
  return new PanicError(`panicked at src/lib.rs: unwind panic ${code}`);
};

module.exports.__wbg_call_callback = function () {
  return handleError(function (id) { return callbacks.get(id)() | 0; }, arguments);
};

// wasm-bindgen's shape for imports that may throw: their arguments passed on.
function handleError(f, args) {
  return f.apply(this, args);
}

module.exports.increment = function () { return call(() => wasm.increment()); };
module.exports.get = function () { return call(() => wasm.get()); };
module.exports.panic = function (code) { return call(() => wasm.panic(code)); };
module.exports.abort = function () { return call(() => wasm.abort()); };
module.exports.divide = function (a, b) { return call(() => wasm.divide(a, b)); };
module.exports.allocate_everything = function () { return call(() => wasm.allocate_everything()); };
// A Rust `Err` turned into a JS throw after Wasm returned.
module.exports.checked_divide = function (a, b) {
  const r = call(() => wasm.divide(a, b | 0 || 1));
  if (b === 0) throw new Error('division by zero (an Err from Rust)');
  return r;
};
module.exports.recurse = function () { return call(() => wasm.recurse(0)); };
module.exports.throw_unmarked = function () { return call(() => wasm.throw_unmarked()); };
module.exports.drops = function () { return call(() => wasm.drops()); };
// A Rust function calling a #[wasm_bindgen(catch)] import: Ok(value) or
// Err(the JS value thrown), as an object here.
module.exports.try_call_back = function (f) {
  const id = nextCallback++;
  callbacks.set(id, f);
  try {
    const r = call(() => wasm.try_call_back(id));
    return r === -1 ? { err: wasm.take_error() } : { ok: r };
  } finally {
    callbacks.delete(id);
  }
};
module.exports.call_back = function (f) {
  const id = nextCallback++;
  callbacks.set(id, f);
  try {
    return call(() => wasm.call_back(id));
  } finally {
    callbacks.delete(id);
  }
};

const CounterFinalization = typeof FinalizationRegistry === 'undefined'
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry((ptr) => wasm.__wbg_counter_free(ptr >>> 0, 1));

class Counter {
  static __wrap(ptr) {
    const obj = Object.create(Counter.prototype);
    obj.__wbg_ptr = ptr;
    CounterFinalization.register(obj, obj.__wbg_ptr, obj);
    return obj;
  }
  constructor(start) {
    const ptr = call(() => wasm.counter_new(start));
    this.__wbg_ptr = ptr >>> 0;
    CounterFinalization.register(this, this.__wbg_ptr, this);
  }
  add(n) { return call(() => wasm.counter_add(this.__wbg_ptr, n)); }
  get value() { return call(() => wasm.counter_value(this.__wbg_ptr)); }
  free() {
    const ptr = this.__wbg_ptr;
    this.__wbg_ptr = 0;
    CounterFinalization.unregister(this);
    wasm.__wbg_counter_free(ptr, 0);
  }
}
function _assertClass(instance, klass) {
  if (!(instance instanceof klass)) throw new Error(`expected instance of ${klass.name}`);
}

// A function taking a Counter, checked as wasm-bindgen checks class arguments.
module.exports.read_counter = function (counter) {
  _assertClass(counter, Counter);
  return call(() => wasm.counter_value(counter.__wbg_ptr));
};

// V8 10.2 has no Symbol.dispose; the glue adds it only where it exists.
if (Symbol.dispose) Counter.prototype[Symbol.dispose] = Counter.prototype.free;
module.exports.Counter = Counter;
module.exports.PanicError = PanicError;

const path = require('path').join(__dirname, 'unwind_bg.wasm');
const bytes = require('fs').readFileSync(path);
const wasmModule = new WebAssembly.Module(bytes);
const wasmInstance = new WebAssembly.Instance(wasmModule, imports);
wasm = wasmInstance.exports;
module.exports.__wasm = wasm;
