// Glue in the shape of wasm-bindgen's web target (0.2.9x+: initSync and an
// async default init taking {module_or_path}), written for wbhost's tests.
// Same module as ../pkg (the Wasm imports its functions from
// "__wbindgen_placeholder__", which the glue may name as it likes).
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
    __wbg_panicerror_new: (code) => new PanicError(`panicked at src/lib.rs: demo panic ${code}`),
    __wbg_call_callback: (id) => callbacks.get(id)() | 0,
    __wbg_abort_hook_ran: () => {},
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
  if (module_or_path === undefined) module_or_path = new URL('demo_bg.wasm', import.meta.url);
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
