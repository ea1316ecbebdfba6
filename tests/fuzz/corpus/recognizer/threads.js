let wasm;
function __wbg_get_imports() { const imports = {}; imports.wbg = {}; return imports; }
export function initSync(module, memory, thread_stack_size) {
  wasm = new WebAssembly.Instance(module, __wbg_get_imports()).exports;
  wasm.__wbindgen_start(thread_stack_size);
}
