#include "bindings/recognizer.h"

#include "absl/status/status.h"
#include "bindings/js_text.h"
#include "gtest/gtest.h"

namespace wbhost::bindings {
namespace {

bool IsNotGlue(const absl::StatusOr<GlueInfo>& info) {
  return !info.ok() && info.status().code() == absl::StatusCode::kNotFound &&
         info.status().message() == "not wasm-bindgen glue";
}

TEST(RecognizerTest, PlainJavaScriptIsNotGlue) {
  EXPECT_TRUE(IsNotGlue(RecognizeGlue("app.js", "export function f() { return 1 }")));
  EXPECT_TRUE(IsNotGlue(RecognizeGlue("app.js", "const wasm = await WebAssembly.instantiate(b)")));
}

TEST(RecognizerTest, AMentionInACommentIsNotGlue) {
  const char* source = R"(
// Unlike wasm-bindgen's glue, which imports __wbindgen_throw and calls
// wasm.__wbindgen_malloc, this loader does it by hand: imports.wbg is empty.
/* __wbg_get_imports, __wbg_set_wasm, __wbindgen_placeholder__ */
const { instance } = await WebAssembly.instantiate(bytes, { env: {} });
export const add = instance.exports.add;
)";
  EXPECT_TRUE(IsNotGlue(RecognizeGlue("loader.js", source)));
}

TEST(RecognizerTest, EmscriptenAndAssemblyScriptAreNotGlue) {
  const char* emscripten = R"(
var Module = typeof Module != 'undefined' ? Module : {};
var wasmImports = { emscripten_memcpy_big: _emscripten_memcpy_big };
WebAssembly.instantiate(binary, { env: wasmImports, wasi_snapshot_preview1: wasmImports });
var _malloc = Module['_malloc'] = createExportWrapper('malloc');
)";
  EXPECT_TRUE(IsNotGlue(RecognizeGlue("app.js", emscripten)));
  const char* assemblyscript = R"(
export async function instantiate(module, imports = {}) {
  const { exports } = await WebAssembly.instantiate(module, { env: { abort() {} } });
  const memory = exports.memory || imports.env.memory;
  exports.__new(16, 1); exports.__pin(0);
  return exports;
}
)";
  EXPECT_TRUE(IsNotGlue(RecognizeGlue("release.js", assemblyscript)));
}

TEST(RecognizerTest, AStringThatLooksLikeACommentStaysCode) {
  const char* glue = R"(
const url = 'http://example.org/' + "/*"; let wasm;
function __wbg_get_imports() { const imports = {}; imports.wbg = {}; return imports; }
function initSync(module) {
  const instance = new WebAssembly.Instance(module, __wbg_get_imports());
}
export { initSync }; // "*/"
)";
  auto info = RecognizeGlue("x.js", glue);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->target, GlueTarget::kWeb);
}

TEST(RecognizerTest, WebTargetWithInitSync) {
  const char* glue = R"(
let wasm;
function __wbg_get_imports() { const imports = {}; imports.wbg = {}; return imports; }
function initSync(module) {
  if (module !== undefined && Object.getPrototypeOf(module) === Object.prototype) ({module} = module);
  const instance = new WebAssembly.Instance(module, __wbg_get_imports());
}
async function __wbg_init(module_or_path) {
  if (typeof module_or_path === 'undefined') {
    module_or_path = new URL('foo_bg.wasm', import.meta.url);
  }
  wasm.__wbindgen_start();
}
export { initSync };
export default __wbg_init;
)";
  auto info = RecognizeGlue("foo.js", glue);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->target, GlueTarget::kWeb);
  EXPECT_EQ(info->name, "foo");
  EXPECT_EQ(info->wasm_file, "foo_bg.wasm");
  EXPECT_TRUE(info->has_init_sync);
  EXPECT_TRUE(info->init_takes_object);
  EXPECT_TRUE(info->has_get_imports);
  EXPECT_TRUE(info->has_start);
  EXPECT_FALSE(info->has_wrapped_jstag);
}

TEST(RecognizerTest, WebTargetOf0280) {
  // An async default init only, `imports.wbg`, `init.__wbindgen_wasm_module`.
  const char* glue = R"(
let wasm;
async function load(module, imports) {
    if (typeof Response === 'function' && module instanceof Response) {
        return await WebAssembly.instantiateStreaming(module, imports);
    }
}
async function init(input) {
    if (typeof input === 'undefined') {
        input = new URL('brotli_wasm_bg.wasm', import.meta.url);
    }
    const imports = {};
    imports.wbg = {};
    imports.wbg.__wbindgen_throw = function(arg0, arg1) {};
    const { instance, module } = await load(await input, imports);
    wasm = instance.exports;
    init.__wbindgen_wasm_module = module;
    return wasm;
}
export default init;
)";
  auto info = RecognizeGlue("brotli_wasm.js", glue);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->target, GlueTarget::kWeb);
  EXPECT_EQ(info->wasm_file, "brotli_wasm_bg.wasm");
  EXPECT_FALSE(info->has_init_sync);
  EXPECT_FALSE(info->init_takes_object);
}

TEST(RecognizerTest, WebGlueInlinedIntoABundleWithItsOwnInit) {
  // A bundler put the glue in a package's own module: its init is not
  // exported under wasm-bindgen's names, and the default URL is broken.
  const char* bundle = R"(
var wasm;
var cachedUint8Memory0 = null;
function getUint8Memory0() { return cachedUint8Memory0; }
function __wbg_get_imports() {
  const imports = {};
  imports.wbg = {};
  imports.wbg.__wbindgen_throw = function(arg0, arg1) { throw new Error('x'); };
  return imports;
}
async function __wbg_load(module, imports) { return await WebAssembly.instantiate(module, imports); }
async function __wbg_init(input) {
  if (typeof input === "undefined") input = new URL("svg2png_wasm_bg.wasm", void 0);
  const { instance, module } = await __wbg_load(await input, __wbg_get_imports());
}
var initialize = async (mod) => { await __wbg_init(mod); };
export { initialize, svg2png };
)";
  auto info = RecognizeGlue("index.mjs", bundle);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->target, GlueTarget::kWeb);
  EXPECT_EQ(info->name, "index");
}

TEST(RecognizerTest, NodejsTargetOldAndNew) {
  const char* old_glue = R"(
let imports = {};
imports['__wbindgen_placeholder__'] = module.exports;
module.exports.compress = function(input) {};
const path = require('path').join(__dirname, 'lz4_wasm_nodejs_bg.wasm');
const bytes = require('fs').readFileSync(path);
const wasmModule = new WebAssembly.Module(bytes);
const wasmInstance = new WebAssembly.Instance(wasmModule, imports);
)";
  auto info = RecognizeGlue("lz4_wasm_nodejs.js", old_glue);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->target, GlueTarget::kNodejs);
  EXPECT_EQ(info->wasm_file, "lz4_wasm_nodejs_bg.wasm");

  const char* new_glue = R"(
/* @ts-self-types="./x.d.ts" */
function add(a, b) { return wasm.add(a, b); }
exports.add = add;
function __wbg_get_imports() {
  const import0 = { __proto__: null, __wbindgen_init_externref_table: function() {} };
  return { __proto__: null, "./x_bg.js": import0 };
}
const wasmPath = `${__dirname}/x_bg.wasm`;
const wasmBytes = require('fs').readFileSync(wasmPath);
const wasmModule = new WebAssembly.Module(wasmBytes);
let wasmInstance = new WebAssembly.Instance(wasmModule, __wbg_get_imports());
let wasm = wasmInstance.exports;
wasm.__wbindgen_start();
)";
  info = RecognizeGlue("x.js", new_glue);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->target, GlueTarget::kNodejs);
}

TEST(RecognizerTest, BundlerEntryWithWasmFileAndItsBgModule) {
  const char* glue = R"(
/* @ts-self-types="./foo.d.ts" */
import * as wasm from "./foo_bg.wasm";
import { __wbg_set_wasm } from "./foo_bg.js";
__wbg_set_wasm(wasm);
wasm.__wbindgen_start();
export { greet } from "./foo_bg.js";
)";
  auto info = RecognizeGlue("foo.js", glue);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->target, GlueTarget::kBundler);
  EXPECT_EQ(info->wasm_import, "./foo_bg.wasm");
  EXPECT_EQ(info->bg_import, "./foo_bg.js");
  EXPECT_EQ(info->wasm_file, "foo_bg.wasm");

  const char* bg = R"(
let wasm;
export function __wbg_set_wasm(val) { wasm = val; }
export function greet() { wasm.greet(); }
export function __wbindgen_throw(a, b) {}
)";
  auto bg_info = RecognizeGlue("foo_bg.js", bg);
  ASSERT_TRUE(bg_info.ok()) << bg_info.status();
  EXPECT_EQ(bg_info->target, GlueTarget::kBundlerBg);
  EXPECT_EQ(bg_info->name, "foo");
}

TEST(RecognizerTest, BundlerEntryWithAnInlineWasmModule) {
  const char* glue = R"(
import * as wasm from "./foo_bg.wasm.js";
export * from "./foo_bg.js";
import { __wbg_set_wasm } from "./foo_bg.js";
__wbg_set_wasm(wasm);
)";
  auto info = RecognizeGlue("foo.js", glue);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->target, GlueTarget::kBundler);
  EXPECT_EQ(info->wasm_import, "./foo_bg.wasm.js");
  EXPECT_EQ(info->bg_import, "./foo_bg.js");
}

TEST(RecognizerTest, BundlerGlueBefore0284) {
  const char* entry = R"(
import * as wasm from "./foo_bg.wasm";
export * from "./foo_bg.js";
wasm.__wbindgen_start();
)";
  auto info = RecognizeGlue("foo.js", entry);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->target, GlueTarget::kBundler);
  EXPECT_EQ(info->wasm_import, "./foo_bg.wasm");
  EXPECT_EQ(info->bg_import, "./foo_bg.js");
  const char* bg = R"(
import * as wasm from './foo_bg.wasm';
let cachegetUint8Memory0 = null;
function getUint8Memory0() { return cachegetUint8Memory0; }
export function greet() { wasm.greet(); }
export function __wbindgen_throw(a, b) { getUint8Memory0(); }
)";
  info = RecognizeGlue("foo_bg.js", bg);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->target, GlueTarget::kBundlerBg);
  EXPECT_EQ(info->source_import_name, "wasm");
  std::string_view decl(bg + info->source_import_begin,
                        info->source_import_end - info->source_import_begin);
  EXPECT_EQ(decl, "import * as wasm from './foo_bg.wasm';");
}

TEST(RecognizerTest, NoModulesTargetOldAndNew) {
  const char* old_glue = R"(
let wasm_bindgen;
(function() {
    const __exports = {};
    let wasm;
    function initSync(module) { new WebAssembly.Instance(module, __wbg_get_imports()); }
    async function __wbg_init(input) { input = 'counter_bg.wasm'; }
    wasm_bindgen = Object.assign(__wbg_init, { initSync }, __exports);
})();
)";
  auto info = RecognizeGlue("counter.js", old_glue);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->target, GlueTarget::kNoModules);
  EXPECT_EQ(info->global_name, "wasm_bindgen");
  ASSERT_NE(info->global_assign, std::string::npos);
  EXPECT_EQ(std::string_view(old_glue + info->global_assign, 29), "Object.assign(__wbg_init, { i");

  const char* new_glue = R"(
let mylib = (function(exports) {
    let wasm;
    function __wbg_get_imports() { return { __proto__: null, "./mylib_bg.js": {} }; }
    function initSync(module) { new WebAssembly.Instance(module, __wbg_get_imports()); }
    exports.add = function add(a, b) { return wasm.add(a, b); };
    return Object.assign(__wbg_init, { initSync }, exports);
})({ __proto__: null });
)";
  info = RecognizeGlue("mylib.js", new_glue);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->target, GlueTarget::kNoModules);
  EXPECT_EQ(info->global_name, "mylib");
  ASSERT_NE(info->global_assign, std::string::npos);
  EXPECT_EQ(std::string_view(new_glue + info->global_assign - 7, 21), "return Object.assign(");
}

TEST(RecognizerTest, DenoTarget) {
  const char* glue = R"(
const imports = { __wbindgen_placeholder__: { __wbindgen_throw: function() {} } };
const wasm_url = new URL('x_bg.wasm', import.meta.url);
let wasmCode = '';
switch (wasm_url.protocol) {
    case 'file:': wasmCode = await Deno.readFile(wasm_url); break;
}
const wasmInstance = (await WebAssembly.instantiate(wasmCode, imports)).instance;
const wasm = wasmInstance.exports;
export const __wasm = wasm;
)";
  auto info = RecognizeGlue("x.js", glue);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->target, GlueTarget::kDeno);
}

TEST(RecognizerTest, ExperimentalNodejsModuleAndSourcePhaseTargets) {
  const char* node_module = R"(
import { readFileSync } from 'node:fs';
export function add(a, b) { return wasm.add(a, b); }
function __wbg_get_imports() { return { __proto__: null, "./x_bg.js": {} }; }
const wasmUrl = new URL('x_bg.wasm', import.meta.url);
const wasmModule = new WebAssembly.Module(readFileSync(wasmUrl));
const wasm = new WebAssembly.Instance(wasmModule, __wbg_get_imports()).exports;
)";
  auto info = RecognizeGlue("x.js", node_module);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->target, GlueTarget::kNodeModule);

  const char* source_phase = R"(/* @ts-self-types="./x.d.ts" */
import source wasmModule from "./x_bg.wasm";
export function add(a, b) { return wasm.add(a, b); }
function __wbg_get_imports() { return { __proto__: null, "./x_bg.js": {} }; }
const wasmInstance = new WebAssembly.Instance(wasmModule, __wbg_get_imports());
const wasm = wasmInstance.exports;
)";
  info = RecognizeGlue("x.js", source_phase);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->target, GlueTarget::kSourcePhase);
  EXPECT_EQ(info->source_import_name, "wasmModule");
  EXPECT_EQ(info->wasm_file, "x_bg.wasm");
  std::string_view decl(source_phase + info->source_import_begin,
                        info->source_import_end - info->source_import_begin);
  EXPECT_EQ(decl, "import source wasmModule from \"./x_bg.wasm\";");
}

TEST(RecognizerTest, ThreadedBuildsAreNotSupported) {
  const char* glue = R"(
let wasm;
function __wbg_get_imports() { const imports = {}; imports.wbg = {}; return imports; }
function initSync(module, memory, thread_stack_size) {
  new WebAssembly.Instance(module, __wbg_get_imports());
  wasm.__wbindgen_start(thread_stack_size);
}
export { initSync };
)";
  auto info = RecognizeGlue("x.js", glue);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().code(), absl::StatusCode::kUnimplemented);
}

TEST(RecognizerTest, PanicUnwindFeatures) {
  const char* glue = R"(
const __wbindgen_wrapped_jstag = new WebAssembly.Tag({parameters: ['externref']});
function __wbg_get_imports() { return { './x_bg.js': { __wbindgen_wrapped_jstag } }; }
const FinalizerRegistry = new FinalizationRegistry(p => {});
class X { constructor() { this.__wbg_ptr = 0 } }
function guard() { if (wasm.__instance_terminated) throw new Error('Module terminated') }
export function initSync({module}) {
  new URL('x_bg.wasm', import.meta.url);
  new WebAssembly.Instance(module, __wbg_get_imports());
}
export default function __wbg_init() {}
)";
  auto info = RecognizeGlue("x.js", glue);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_TRUE(info->has_wrapped_jstag);
  EXPECT_TRUE(info->has_terminated_flag);
  EXPECT_TRUE(info->has_finalization);
  EXPECT_TRUE(info->uses_wbg_ptr);
}

TEST(RecognizerTest, GlueThatNeverInstantiatesIsNot) {
  EXPECT_TRUE(IsNotGlue(RecognizeGlue("x.js", "export function __wbg_foo() {}")));
}

TEST(JsTextTest, BlankCommentsKeepsOffsetsStringsAndRegexps) {
  std::string source = "a = '//x'; // c1\nb = /\\/*x/g; /* c2\n */ c = `${1 /* in */}//`;";
  std::string blanked = BlankComments(source);
  ASSERT_EQ(blanked.size(), source.size());
  EXPECT_EQ(blanked.find("c1"), std::string::npos);
  EXPECT_EQ(blanked.find("c2"), std::string::npos);
  EXPECT_EQ(blanked.find("in"), std::string::npos);
  EXPECT_NE(blanked.find("'//x'"), std::string::npos);
  EXPECT_NE(blanked.find("/\\/*x/g"), std::string::npos);
  EXPECT_NE(blanked.find("}//`"), std::string::npos);
  EXPECT_EQ(blanked[16], '\n');
}

TEST(JsTextTest, FindImportDecls) {
  auto decls = FindImportDecls(
      "import * as wasm from './a.wasm';\nimport {\n  x,\n  y\n} from \"./b.js\"\n"
      "export * from './c.js';\nexport function f() { return Array.from(z) }\n"
      "const m = import.meta.url; import('./d.js');");
  ASSERT_EQ(decls.size(), 3u);
  EXPECT_EQ(decls[0].clause, "* as wasm");
  EXPECT_EQ(decls[0].specifier, "./a.wasm");
  EXPECT_EQ(decls[1].specifier, "./b.js");
  EXPECT_TRUE(decls[2].is_export);
  EXPECT_EQ(decls[2].specifier, "./c.js");
}

}  // namespace
}  // namespace wbhost::bindings
