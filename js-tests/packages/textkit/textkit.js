// Glue in the shape of wasm-bindgen's no-modules target (a global
// `wasm_bindgen`: the async init with initSync and the exports on it), for
// a module built with panic=abort and reference types. Written for wbhost's
// tests following wasm-bindgen's ABI, not generated: strings go in through
// __wbindgen_malloc/__wbindgen_realloc and come back through a return
// pointer and __wbindgen_free; JS values live in an externref table that
// __wbindgen_start has the glue set up; Label instances come from Wasm
// (__wrap) and are freed by free() or a FinalizationRegistry.
let wasm_bindgen;
(function () {
  const __exports = {};
  let wasm = undefined;

  const encoder = new TextEncoder();
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
  let cachedBytes = null;
  function bytes() {
    if (cachedBytes === null || cachedBytes.byteLength === 0) {
      cachedBytes = new Uint8Array(wasm.memory.buffer);
    }
    return cachedBytes;
  }
  let cachedWords = null;
  function words() {
    if (cachedWords === null || cachedWords.buffer !== wasm.memory.buffer) {
      cachedWords = new DataView(wasm.memory.buffer);
    }
    return cachedWords;
  }

  let WASM_VECTOR_LEN = 0;
  // ASCII first, then realloc for the rest, as wasm-bindgen's passStringToWasm.
  function passString(text, malloc, realloc) {
    let len = text.length;
    let ptr = malloc(len, 1) >>> 0;
    const mem = bytes();
    let offset = 0;
    for (; offset < len; offset++) {
      const code = text.charCodeAt(offset);
      if (code > 0x7f) break;
      mem[ptr + offset] = code;
    }
    if (offset !== len) {
      const rest = encoder.encode(text.slice(offset));
      ptr = realloc(ptr, len, len = offset + rest.length * 3, 1) >>> 0;
      const view = bytes().subarray(ptr + offset, ptr + len);
      view.set(rest);
      offset += rest.length;
      ptr = realloc(ptr, len, offset, 1) >>> 0;
    }
    WASM_VECTOR_LEN = offset;
    return ptr;
  }

  function getString(ptr, len) {
    return decoder.decode(bytes().subarray(ptr >>> 0, (ptr >>> 0) + len));
  }

  function addToExternrefTable(value) {
    const idx = wasm.__externref_table_alloc();
    wasm.__wbindgen_export_0.set(idx, value);
    return idx;
  }

  __exports.started = function () {
    return wasm.started() !== 0;
  };

  __exports.shout = function (text) {
    let deferredPtr;
    let deferredLen;
    const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
    try {
      const ptr0 = passString(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      wasm.shout(retptr, ptr0, WASM_VECTOR_LEN);
      const r0 = words().getInt32(retptr, true);
      const r1 = words().getInt32(retptr + 4, true);
      deferredPtr = r0;
      deferredLen = r1;
      return getString(r0, r1);
    } finally {
      wasm.__wbindgen_add_to_stack_pointer(16);
      if (deferredPtr !== undefined) wasm.__wbindgen_free(deferredPtr, deferredLen, 1);
    }
  };

  __exports.remember = function (value) {
    wasm.remember(addToExternrefTable(value));
  };

  __exports.recall = function () {
    return wasm.__wbindgen_export_0.get(wasm.recall());
  };

  __exports.each = function (n, f) {
    const idx = addToExternrefTable(f);
    try {
      return wasm.each(n, idx);
    } finally {
      wasm.__externref_table_dealloc(idx);
    }
  };

  // An async export: the job is polled in a later task, as wasm-bindgen's
  // futures are. A trap while polling leaves the task, not this function.
  const jobs = new Map();
  __exports.later = function (x) {
    const job = wasm.later_start(x);
    return new Promise((resolve) => {
      jobs.set(job, resolve);
      queueMicrotask(() => wasm.later_poll(job, x));
    });
  };

  const LabelFinalization = typeof FinalizationRegistry === 'undefined'
      ? { register: () => {}, unregister: () => {} }
      : new FinalizationRegistry((ptr) => wasm.__wbg_label_free(ptr >>> 0, 1));

  class Label {
    static __wrap(ptr) {
      ptr = ptr >>> 0;
      const obj = Object.create(Label.prototype);
      obj.__wbg_ptr = ptr;
      LabelFinalization.register(obj, obj.__wbg_ptr, obj);
      return obj;
    }
    get text() {
      const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
      try {
        wasm.label_text(retptr, this.__wbg_ptr);
        return getString(words().getInt32(retptr, true), words().getInt32(retptr + 4, true));
      } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
      }
    }
    free() {
      const ptr = this.__wbg_ptr;
      this.__wbg_ptr = 0;
      LabelFinalization.unregister(this);
      wasm.__wbg_label_free(ptr, 0);
    }
  }
  __exports.Label = Label;

  __exports.make_label = function (text) {
    const ptr0 = passString(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    return Label.__wrap(wasm.label_new(ptr0, WASM_VECTOR_LEN));
  };

  function __wbg_get_imports() {
    const imports = {};
    imports.wbg = {};
    imports.wbg.__wbindgen_init_externref_table = function () {
      const table = wasm.__wbindgen_export_0;
      const offset = table.grow(4);
      table.set(0, undefined);
      table.set(offset + 0, undefined);
      table.set(offset + 1, null);
      table.set(offset + 2, true);
      table.set(offset + 3, false);
    };
    imports.wbg.__wbg_call_closure = function (idx, arg) {
      return wasm.__wbindgen_export_0.get(idx)(arg) | 0;
    };
    imports.wbg.__wbg_resolve = function (job, value) {
      const resolve = jobs.get(job);
      jobs.delete(job);
      resolve(value);
    };
    return imports;
  }

  function __wbg_finalize_init(instance, module) {
    wasm = instance.exports;
    __wbg_init.__wbindgen_wasm_module = module;
    cachedBytes = null;
    cachedWords = null;
    wasm.__wbindgen_start();
    return wasm;
  }

  function initSync(module) {
    if (wasm !== undefined) return wasm;
    if (typeof module !== 'undefined' && Object.getPrototypeOf(module) === Object.prototype) {
      ({ module } = module);
    }
    const imports = __wbg_get_imports();
    if (!(module instanceof WebAssembly.Module)) module = new WebAssembly.Module(module);
    const instance = new WebAssembly.Instance(module, imports);
    return __wbg_finalize_init(instance, module);
  }

  async function __wbg_init(module_or_path) {
    if (wasm !== undefined) return wasm;
    if (typeof module_or_path !== 'undefined' &&
        Object.getPrototypeOf(module_or_path) === Object.prototype) {
      ({ module_or_path } = module_or_path);
    }
    // As wasm-bindgen's no-modules glue: its default is next to the script
    // a page loaded it from (document.currentScript), which a shell has not.
    if (typeof module_or_path === 'undefined' && typeof document !== 'undefined') {
      module_or_path = new URL('textkit_bg.wasm', document.currentScript.src);
    }
    if (typeof module_or_path === 'string' || module_or_path instanceof URL) {
      module_or_path = fetch(module_or_path);
    }
    const source = await module_or_path;
    const imports = __wbg_get_imports();
    let result;
    if (typeof Response === 'function' && source instanceof Response) {
      result = await WebAssembly.instantiateStreaming(source, imports);
    } else {
      const instance = await WebAssembly.instantiate(source, imports);
      result = instance instanceof WebAssembly.Instance ? { instance, module: source } : instance;
    }
    return __wbg_finalize_init(result.instance, result.module);
  }

  wasm_bindgen = Object.assign(__wbg_init, { initSync }, __exports);
})();
