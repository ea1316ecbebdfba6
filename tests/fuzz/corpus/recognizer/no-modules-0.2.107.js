let mylib = (function(exports) {
    let wasm;
    function __wbg_get_imports() { return { __proto__: null, "./mylib_bg.js": {} }; }
    function initSync(module) { wasm = new WebAssembly.Instance(module, __wbg_get_imports()).exports; }
    async function __wbg_init(module_or_path) { if (typeof module_or_path === 'string') module_or_path = fetch(module_or_path); }
    exports.add = function add(a, b) { return wasm.add(a, b); };
    return Object.assign(__wbg_init, { initSync }, exports);
})({ __proto__: null });
