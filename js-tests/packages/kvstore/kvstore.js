// Glue for kvstore_bg.wat in the shape of wasm-bindgen's web target
// (0.2.9x: initSync and an async default init; a heap slab for the JS
// values Wasm keeps by index, as glue without reference types has; Entry
// handles wrapped from pointers and registered for finalisation), written
// for wbhost's tests of checkpoints.
let wasm;

const heap = new Array(128).fill(undefined);
heap.push(undefined, null, true, false);
let heap_next = heap.length;

function getObject(idx) { return heap[idx]; }

function addHeapObject(obj) {
  if (heap_next === heap.length) heap.push(heap.length + 1);
  const idx = heap_next;
  heap_next = heap[idx];
  heap[idx] = obj;
  return idx;
}

function dropObject(idx) {
  if (idx < 132) return;
  heap[idx] = heap_next;
  heap_next = idx;
}

let cachedUint8ArrayMemory0 = null;
function getUint8ArrayMemory0() {
  if (cachedUint8ArrayMemory0 === null || cachedUint8ArrayMemory0.byteLength === 0) {
    cachedUint8ArrayMemory0 = new Uint8Array(wasm.memory.buffer);
  }
  return cachedUint8ArrayMemory0;
}

let cachedDataViewMemory0 = null;
function getDataViewMemory0() {
  if (cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer !== wasm.memory.buffer) {
    cachedDataViewMemory0 = new DataView(wasm.memory.buffer);
  }
  return cachedDataViewMemory0;
}

const cachedTextEncoder = new TextEncoder();
const cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
let WASM_VECTOR_LEN = 0;

function passStringToWasm0(arg, malloc) {
  const buf = cachedTextEncoder.encode(arg);
  const ptr = malloc(buf.length, 1) >>> 0;
  getUint8ArrayMemory0().subarray(ptr, ptr + buf.length).set(buf);
  WASM_VECTOR_LEN = buf.length;
  return ptr;
}

function getStringFromWasm0(ptr, len) {
  ptr = ptr >>> 0;
  return cachedTextDecoder.decode(getUint8ArrayMemory0().subarray(ptr, ptr + len));
}

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

const callbacks = new Map();
let nextCallback = 1;

const EntryFinalization = typeof FinalizationRegistry === 'undefined'
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry((ptr) => wasm.__wbg_entry_free(ptr >>> 0, 1));

export class Entry {
  static __wrap(ptr) {
    ptr = ptr >>> 0;
    const obj = Object.create(Entry.prototype);
    obj.__wbg_ptr = ptr;
    EntryFinalization.register(obj, obj.__wbg_ptr, obj);
    return obj;
  }
  __destroy_into_raw() {
    const ptr = this.__wbg_ptr;
    this.__wbg_ptr = 0;
    EntryFinalization.unregister(this);
    return ptr;
  }
  free() {
    const ptr = this.__destroy_into_raw();
    wasm.__wbg_entry_free(ptr, 0);
  }
  get key() {
    try {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
      wasm.entry_key(retptr, this.__wbg_ptr);
      const ptr = getDataViewMemory0().getInt32(retptr, true);
      const len = getDataViewMemory0().getInt32(retptr + 4, true);
      return getStringFromWasm0(ptr, len);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
    }
  }
  get value() { return wasm.entry_value(this.__wbg_ptr); }
  set value(v) { wasm.entry_set_value(this.__wbg_ptr, v); }
}

export function put(key, value) {
  const ptr0 = passStringToWasm0(key, wasm.__wbindgen_malloc);
  return Entry.__wrap(call(() => wasm.kv_put(ptr0, WASM_VECTOR_LEN, value)));
}

export function get(key) {
  const ptr0 = passStringToWasm0(key, wasm.__wbindgen_malloc);
  const value = call(() => wasm.kv_get(ptr0, WASM_VECTOR_LEN));
  return value === -1 ? undefined : value;
}

export function count() { return wasm.kv_count(); }
export function frees() { return wasm.kv_frees(); }
export function keep(obj) { wasm.kv_keep(addHeapObject(obj)); }
export function kept() { return getObject(wasm.kv_kept()); }
export function keep_ref(obj) { return wasm.kv_keep_ref(obj); }
export function ref(index) { return wasm.kv_ref(index); }
export function set_transform(triple) { wasm.kv_set_transform(triple ? 1 : 0); }
export function apply(x) { return call(() => wasm.kv_apply(x)); }
export function abort() { call(() => wasm.kv_abort()); }
export function panic(code) { call(() => wasm.kv_panic(code)); }
export function allocate_everything() { call(() => wasm.kv_allocate_everything()); }
export function reserve(pages) { wasm.kv_reserve(pages); }

export function call_back(f) {
  const id = nextCallback++;
  callbacks.set(id, f);
  try {
    return call(() => wasm.kv_call_back(id));
  } finally {
    callbacks.delete(id);
  }
}

// {caught} if Wasm caught what the callback threw (under JSTag), else
// {value} it returned.
export function try_call_back(f) {
  const id = nextCallback++;
  callbacks.set(id, f);
  try {
    const r = call(() => wasm.kv_try_call_back(id));
    return r < 0 ? { caught: wasm.kv_ref(-r) } : { value: r };
  } finally {
    callbacks.delete(id);
  }
}

export function throw_value(value) { call(() => wasm.kv_throw_value(value)); }

function passErrors(f, args) {
  try {
    return f.apply(this, args);
  } catch (e) {
    throw e;
  }
}

function __wbg_get_imports() {
  const imports = {};
  imports.wbg = {};
  imports.wbg.__wbindgen_wrapped_jstag = __wbindgen_wrapped_jstag;
  imports.wbg.__wbg_panicerror_new = function (code) {
    return new PanicError(`panicked at src/lib.rs: kvstore panic ${code}`);
  };
  // The shape wasm-bindgen gives a `catch` import: no declared parameters,
  // its body passes `arguments` on.
  imports.wbg.__wbg_call_callback = function () {
    return passErrors(function (id) { return callbacks.get(id)() | 0; }, arguments);
  };
  imports.wbg.__wbindgen_object_drop_ref = function (idx) { dropObject(idx); };
  imports.wbg.__wbindgen_js_tag = WebAssembly.JSTag;
  return imports;
}

function __wbg_finalize_init(instance, module) {
  wasm = instance.exports;
  __wbg_init.__wbindgen_wasm_module = module;
  cachedUint8ArrayMemory0 = null;
  cachedDataViewMemory0 = null;
  return wasm;
}

export function initSync(module) {
  if (wasm !== undefined) return wasm;
  if (typeof module !== 'undefined' && Object.getPrototypeOf(module) === Object.prototype) {
    ({ module } = module);
  }
  if (!(module instanceof WebAssembly.Module)) module = new WebAssembly.Module(module);
  const instance = new WebAssembly.Instance(module, __wbg_get_imports());
  return __wbg_finalize_init(instance, module);
}

async function __wbg_init(module_or_path) {
  if (wasm !== undefined) return wasm;
  if (typeof module_or_path !== 'undefined' &&
      Object.getPrototypeOf(module_or_path) === Object.prototype) {
    ({ module_or_path } = module_or_path);
  }
  if (typeof module_or_path === 'undefined') {
    module_or_path = new URL('kvstore_bg.wasm', import.meta.url);
  }
  if (typeof module_or_path === 'string' || module_or_path instanceof URL) {
    module_or_path = fetch(module_or_path);
  }
  const source = await module_or_path;
  const imports = __wbg_get_imports();
  const { instance, module } = source instanceof Response
      ? await WebAssembly.instantiateStreaming(source, imports)
      : await WebAssembly.instantiate(source, imports);
  return __wbg_finalize_init(instance, module);
}

export default __wbg_init;
