// Glue in the shape of wasm-bindgen 0.2.12x's web target (initSync and an
// async default init taking {module_or_path}) for ../unwind_bg.modern.wat,
// written for wbhost's tests. Same module as the nodejs glue beside it.
let wasm;

class PanicError extends Error {}
Object.defineProperty(PanicError.prototype, 'name', { value: 'PanicError' });
export { PanicError };

const jstag = new WebAssembly.Tag({ parameters: ['externref'] });
const callbacks = new Map();
let nextCallback = 1;

function call(f) {
  const view = new Int32Array(wasm.memory.buffer);
  if (view[wasm.__instance_terminated.value / 4] !== 0) throw new Error('Module terminated');
  try {
    return f();
  } catch (e) {
    if (e instanceof WebAssembly.Exception && e.is(jstag)) throw e.getArg(jstag, 0);
    new Int32Array(wasm.memory.buffer)[wasm.__instance_terminated.value / 4] = 1;
    throw e;
  }
}

function __wbg_get_imports() {
  const imports = {};
  imports.__wbindgen_placeholder__ = {
    __wbindgen_wrapped_jstag: jstag,
    __wbindgen_jstag: WebAssembly.JSTag,
    __wbg_panicerror_new: (code) => new PanicError(`panicked at src/lib.rs: unwind panic ${code}`),
    __wbg_call_callback: (id) => callbacks.get(id)() | 0,
  };
  return imports;
}

function __wbg_finalize_init(instance, module) {
  wasm = instance.exports;
  __wbg_init.__wbindgen_wasm_module = module;
  return wasm;
}

export function increment() { return call(() => wasm.increment()); }
export function get() { return call(() => wasm.get()); }
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

export function drops() { return call(() => wasm.drops()); }
// A Rust function calling a #[wasm_bindgen(catch)] import: Ok or Err.
export function try_call_back(f) {
  const id = nextCallback++;
  callbacks.set(id, f);
  try {
    const r = call(() => wasm.try_call_back(id));
    return r === -1 ? { err: wasm.take_error() } : { ok: r };
  } finally {
    callbacks.delete(id);
  }
}
export function recurse() { return call(() => wasm.recurse(0)); }
export function throw_unmarked() { return call(() => wasm.throw_unmarked()); }

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

export function initSync(module) {
  if (wasm !== undefined) return wasm;
  if (module !== undefined && Object.getPrototypeOf(module) === Object.prototype) {
    ({ module } = module);
  }
  const imports = __wbg_get_imports();
  if (!(module instanceof WebAssembly.Module)) module = new WebAssembly.Module(module);
  const instance = new WebAssembly.Instance(module, imports);
  return __wbg_finalize_init(instance, module);
}

async function __wbg_init(module_or_path) {
  if (wasm !== undefined) return wasm;
  if (module_or_path !== undefined && Object.getPrototypeOf(module_or_path) === Object.prototype) {
    ({ module_or_path } = module_or_path);
  }
  if (module_or_path === undefined) module_or_path = new URL('unwind_bg.wasm', import.meta.url);
  const imports = __wbg_get_imports();
  if (typeof module_or_path === 'string' || module_or_path instanceof URL) {
    module_or_path = fetch(module_or_path);
  }
  const source = await module_or_path;
  let result;
  if (source instanceof Response) {
    result = await WebAssembly.instantiateStreaming(source, imports);
  } else if (source instanceof WebAssembly.Module) {
    result = { instance: await WebAssembly.instantiate(source, imports), module: source };
  } else {
    result = await WebAssembly.instantiate(source, imports);
  }
  return __wbg_finalize_init(result.instance, result.module);
}

export default __wbg_init;
