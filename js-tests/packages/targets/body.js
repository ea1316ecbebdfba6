/* @ts-self-types="./demo.d.ts" */
// The body of wasm-bindgen 0.2.12x glue for the recovery demo's module
// (examples/recovery-demo, the variant importing from "./demo_bg.js"), as
// the self-instantiating ES module targets emit it: experimental-nodejs-
// module, module (source phase) and deno. The build appends each target's
// own loading code (*_load.js) to make that target's glue. Written for
// wbhost's tests in the shape wasm-bindgen gives.
export class PanicError extends Error {}
Object.defineProperty(PanicError.prototype, 'name', { value: 'PanicError' });

const __wbindgen_wrapped_jstag = new WebAssembly.Tag({ parameters: ['externref'] });

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

export function increment() { return call(() => wasm.increment()); }
export function panic(code) { return call(() => wasm.panic(code)); }
export function abort() { return call(() => wasm.abort()); }
export function allocate_everything() { return call(() => wasm.allocate_everything()); }

export class Counter {
  constructor(start) {
    this.__wbg_ptr = call(() => wasm.counter_new(start)) >>> 0;
  }
  add(n) { return call(() => wasm.counter_add(this.__wbg_ptr, n)); }
  free() {
    const ptr = this.__wbg_ptr;
    this.__wbg_ptr = 0;
    wasm.__wbg_counter_free(ptr, 0);
  }
}

function __wbg_get_imports() {
  const import0 = {
    __proto__: null,
    __wbindgen_wrapped_jstag,
    __wbg_panicerror_new(code) {
      return new PanicError(`panicked at src/lib.rs: demo panic ${code}`);
    },
    __wbg_call_callback() { return 0; },
    __wbg_abort_hook_ran() {},
  };
  return { __proto__: null, "./demo_bg.js": import0 };
}
