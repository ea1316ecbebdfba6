// Not glue: wasm-bindgen's names only in comments. imports.wbg, __wbg_get_imports,
// __wbindgen_placeholder__, __wbg_set_wasm, wasm.__wbindgen_malloc.
/* let wasm; __wbg_finalize_init */
const { instance } = await WebAssembly.instantiate(bytes, { env: {} });
export const add = instance.exports.add;
