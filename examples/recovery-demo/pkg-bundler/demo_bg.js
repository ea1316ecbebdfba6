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
export function call_back(f) {
  const id = nextCallback++;
  callbacks.set(id, f);
  try {
    return call(() => wasm.call_back(id));
  } finally {
    callbacks.delete(id);
  }
}
