// The bundler target's _bg.js: the glue's functions and the Wasm's imports.
let wasm;
export function __wbg_set_wasm(value) {
  wasm = value;
}

export class PanicError extends Error {}
Object.defineProperty(PanicError.prototype, 'name', { value: 'PanicError' });

export const __wbindgen_wrapped_jstag = new WebAssembly.Tag({ parameters: ['externref'] });
const callbacks = new Map();
let nextCallback = 1;

function call(f) {
  try {
    return f();
  } catch (e) {
    if (e instanceof WebAssembly.Exception && e.is(__wbindgen_wrapped_jstag)) {
      throw e.getArg(__wbindgen_wrapped_jstag, 0);
    }
    throw e;
  }
}

export function __wbg_panicerror_new(code) {
  return new PanicError(`panicked at src/lib.rs: demo panic ${code}`);
}
export function __wbg_abort_hook_ran() {}
export function __wbg_call_callback(id) {
  return callbacks.get(id)() | 0;
}

export function increment() { return call(() => wasm.increment()); }
export function panic(code) { return call(() => wasm.panic(code)); }
export function abort() { return call(() => wasm.abort()); }
export function allocate_everything() { return call(() => wasm.allocate_everything()); }
export function call_back(f) {
  const id = nextCallback++;
  callbacks.set(id, f);
  try {
    return call(() => wasm.call_back(id));
  } finally {
    callbacks.delete(id);
  }
}

export class Counter {
  constructor(start) {
    this.__wbg_ptr = call(() => wasm.counter_new(start)) >>> 0;
  }
  add(n) { return call(() => wasm.counter_add(this.__wbg_ptr, n)); }
  get value() { return call(() => wasm.counter_value(this.__wbg_ptr)); }
  free() {
    const ptr = this.__wbg_ptr;
    this.__wbg_ptr = 0;
    wasm.__wbg_counter_free(ptr, 0);
  }
}
