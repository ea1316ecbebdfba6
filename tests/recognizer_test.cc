#include "bindings/recognizer.h"

#include "gtest/gtest.h"

namespace wbhost::bindings {
namespace {

TEST(RecognizerTest, PlainJavaScriptIsNotGlue) {
  EXPECT_FALSE(RecognizeGlue("app.js", "export function f() { return 1 }"));
  EXPECT_FALSE(RecognizeGlue("app.js", "const wasm = await WebAssembly.instantiate(b)"));
}

TEST(RecognizerTest, WebTargetWithInitSync) {
  const char* glue = R"(
let wasm;
function __wbg_get_imports() { const imports = {}; imports.wbg = {}; return imports; }
function initSync(module) { if (module !== undefined) { ({module} = module) } }
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
  ASSERT_TRUE(info);
  EXPECT_EQ(info->target, GlueTarget::kWeb);
  EXPECT_EQ(info->wasm_file, "foo_bg.wasm");
  EXPECT_TRUE(info->has_init_sync);
  EXPECT_TRUE(info->init_takes_object);
  EXPECT_TRUE(info->has_get_imports);
  EXPECT_TRUE(info->has_start);
  EXPECT_FALSE(info->has_wrapped_jstag);
}

TEST(RecognizerTest, LegacyWebTarget) {
  const char* glue = R"(
// An async default init only (no initSync), as before 0.2.84.
let wasm;
async function init(input) {
    if (typeof input === 'undefined') {
        input = new URL('brotli_wasm_bg.wasm', import.meta.url);
    }
    const imports = {};
    imports.wbg = {};
    imports.wbg.__wbindgen_throw = function(arg0, arg1) {};
}
export default init;
)";
  auto info = RecognizeGlue("brotli_wasm.js", glue);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->target, GlueTarget::kWeb);
  EXPECT_EQ(info->wasm_file, "brotli_wasm_bg.wasm");
  EXPECT_FALSE(info->has_init_sync);
  EXPECT_FALSE(info->init_takes_object);
}

TEST(RecognizerTest, NodejsTarget) {
  const char* glue = R"(
let imports = {};
imports['__wbindgen_placeholder__'] = module.exports;
module.exports.compress = function(input) {};
const path = require('path').join(__dirname, 'lz4_wasm_nodejs_bg.wasm');
const bytes = require('fs').readFileSync(path);
)";
  auto info = RecognizeGlue("lz4_wasm_nodejs.js", glue);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->target, GlueTarget::kNodejs);
  EXPECT_EQ(info->wasm_file, "lz4_wasm_nodejs_bg.wasm");
}

TEST(RecognizerTest, BundlerTargetAndItsBgModule) {
  const char* glue = R"(
import * as wasm from "./foo_bg.wasm";
export * from "./foo_bg.js";
import { __wbg_set_wasm } from "./foo_bg.js";
__wbg_set_wasm(wasm);
wasm.__wbindgen_start();
)";
  auto info = RecognizeGlue("foo.js", glue);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->target, GlueTarget::kBundler);
  EXPECT_EQ(info->wasm_file, "foo_bg.wasm");

  const char* bg = R"(
let wasm;
export function __wbg_set_wasm(val) { wasm = val; }
export function greet() { wasm.greet(); }
export function __wbindgen_throw(a, b) {}
)";
  auto bg_info = RecognizeGlue("foo_bg.js", bg);
  ASSERT_TRUE(bg_info);
  EXPECT_EQ(bg_info->target, GlueTarget::kBundlerBg);
  EXPECT_EQ(bg_info->wasm_file, "foo_bg.wasm");
}

TEST(RecognizerTest, NoModulesTarget) {
  const char* glue = R"(
let wasm_bindgen;
(function() {
    const __exports = {};
    function __wbg_init(input) { input = 'counter_bg.wasm'; }
    wasm_bindgen = Object.assign(__wbg_init, { initSync }, __exports);
})();
)";
  auto info = RecognizeGlue("counter.js", glue);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->target, GlueTarget::kNoModules);
}

TEST(RecognizerTest, PanicUnwindFeatures) {
  const char* glue = R"(
const __wbindgen_wrapped_jstag = new WebAssembly.Tag({parameters: ['externref']});
function __wbg_get_imports() { return { './x_bg.js': { __wbindgen_wrapped_jstag } }; }
const FinalizerRegistry = new FinalizationRegistry(p => {});
class X { constructor() { this.__wbg_ptr = 0 } }
function guard() { if (wasm.__instance_terminated) throw new Error('Module terminated') }
export function initSync({module}) { new URL('x_bg.wasm', import.meta.url) }
export default function __wbg_init() {}
)";
  auto info = RecognizeGlue("x.js", glue);
  ASSERT_TRUE(info);
  EXPECT_TRUE(info->has_wrapped_jstag);
  EXPECT_TRUE(info->has_terminated_flag);
  EXPECT_TRUE(info->has_finalization);
  EXPECT_TRUE(info->uses_wbg_ptr);
}

TEST(RecognizerTest, GlueWithoutWasmFileIsNotAPackage) {
  EXPECT_FALSE(RecognizeGlue("x.js", "export function __wbg_foo() {}"));
}

}  // namespace
}  // namespace wbhost::bindings
