// Glue in the shape wasm-bindgen 0.2.80 gives the web target, written for
// wbhost's tests (not generated): an async default init only (no initSync),
// imports under "wbg", JS objects in a heap slab, strings through a
// one-argument malloc and the shadow stack, a class holding `ptr`, no
// FinalizationRegistry (0.2.80 made one only with --weak-refs).
let wasm;

// The heap slab: indices below 36 are reserved (32..35: undefined, null,
// true, false); free slots chain through heap_next.
const heap = new Array(32).fill(undefined);
heap.push(undefined, null, true, false);
let heap_next = heap.length;

function getObject(idx) {
  return heap[idx];
}

function dropObject(idx) {
  if (idx < 36) return;
  heap[idx] = heap_next;
  heap_next = idx;
}

function takeObject(idx) {
  const value = getObject(idx);
  dropObject(idx);
  return value;
}

function addHeapObject(obj) {
  if (heap_next === heap.length) heap.push(heap.length + 1);
  const idx = heap_next;
  heap_next = heap[idx];
  heap[idx] = obj;
  return idx;
}

const cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
cachedTextDecoder.decode();

let cachegetUint8Memory0 = null;
function getUint8Memory0() {
  if (cachegetUint8Memory0 === null || cachegetUint8Memory0.buffer !== wasm.memory.buffer) {
    cachegetUint8Memory0 = new Uint8Array(wasm.memory.buffer);
  }
  return cachegetUint8Memory0;
}

let cachegetInt32Memory0 = null;
function getInt32Memory0() {
  if (cachegetInt32Memory0 === null || cachegetInt32Memory0.buffer !== wasm.memory.buffer) {
    cachegetInt32Memory0 = new Int32Array(wasm.memory.buffer);
  }
  return cachegetInt32Memory0;
}

function getStringFromWasm0(ptr, len) {
  return cachedTextDecoder.decode(getUint8Memory0().subarray(ptr, ptr + len));
}

let WASM_VECTOR_LEN = 0;
const cachedTextEncoder = new TextEncoder('utf-8');

// ASCII first, byte by byte; on the first other character, grow to the
// worst case (3 bytes per UTF-16 unit) and encode the rest.
function passStringToWasm0(arg, malloc, realloc) {
  let len = arg.length;
  let ptr = malloc(len);
  const mem = getUint8Memory0();
  let offset = 0;
  for (; offset < len; offset++) {
    const code = arg.charCodeAt(offset);
    if (code > 0x7f) break;
    mem[ptr + offset] = code;
  }
  if (offset !== len) {
    const rest = arg.slice(offset);
    ptr = realloc(ptr, len, len = offset + rest.length * 3);
    const view = getUint8Memory0().subarray(ptr + offset, ptr + len);
    offset += cachedTextEncoder.encodeInto(rest, view).written;
  }
  WASM_VECTOR_LEN = offset;
  return ptr;
}

export function remember(obj) {
  wasm.remember(addHeapObject(obj));
}

export function remembered_index() {
  const ret = wasm.remembered_index();
  return ret >>> 0;
}

export function recall() {
  const ret = wasm.recall();
  return takeObject(ret);
}

export function greet(name) {
  let r0;
  let r1;
  try {
    const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
    const ptr0 = passStringToWasm0(name, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    wasm.greet(retptr, ptr0, len0);
    r0 = getInt32Memory0()[retptr / 4 + 0];
    r1 = getInt32Memory0()[retptr / 4 + 1];
    return getStringFromWasm0(r0, r1);
  } finally {
    wasm.__wbindgen_add_to_stack_pointer(16);
    wasm.__wbindgen_free(r0, r1);
  }
}

export function fail() {
  wasm.fail();
}

export function crash() {
  wasm.crash();
}

export class Tally {
  static __wrap(ptr) {
    const obj = Object.create(Tally.prototype);
    obj.ptr = ptr;
    return obj;
  }

  __destroy_into_raw() {
    const ptr = this.ptr;
    this.ptr = 0;
    return ptr;
  }

  free() {
    const ptr = this.__destroy_into_raw();
    wasm.__wbg_tally_free(ptr);
  }

  constructor() {
    const ret = wasm.tally_new();
    return Tally.__wrap(ret);
  }

  add(n) {
    const ret = wasm.tally_add(this.ptr, n);
    return ret;
  }
}

async function load(module, imports) {
  if (typeof Response === 'function' && module instanceof Response) {
    if (typeof WebAssembly.instantiateStreaming === 'function') {
      return await WebAssembly.instantiateStreaming(module, imports);
    }
    const bytes = await module.arrayBuffer();
    return await WebAssembly.instantiate(bytes, imports);
  }
  const instance = await WebAssembly.instantiate(module, imports);
  if (instance instanceof WebAssembly.Instance) return { instance, module };
  return instance;
}

async function init(input) {
  if (typeof input === 'undefined') {
    input = new URL('legacy_bg.wasm', import.meta.url);
  }
  const imports = {};
  imports.wbg = {};
  imports.wbg.__wbindgen_object_clone_ref = function (arg0) {
    return addHeapObject(getObject(arg0));
  };
  imports.wbg.__wbindgen_object_drop_ref = function (arg0) {
    takeObject(arg0);
  };
  imports.wbg.__wbindgen_throw = function (arg0, arg1) {
    throw new Error(getStringFromWasm0(arg0, arg1));
  };
  if (typeof input === 'string' || (typeof Request === 'function' && input instanceof Request) ||
      (typeof URL === 'function' && input instanceof URL)) {
    input = fetch(input);
  }
  const { instance, module } = await load(await input, imports);
  wasm = instance.exports;
  init.__wbindgen_wasm_module = module;
  return wasm;
}

export default init;
