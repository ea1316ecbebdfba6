// Every way a wasm-bindgen package is laid out makes a binding, through the
// binary: real npm packages whose Wasm is inline (base64 in a JS module) or
// handed over by the program from a file of another name, the build's
// layout fixtures (js-tests/packages/layouts) under --wasm-max-memory, the
// --trace-recovery line for each instance, and programs that are not
// wasm-bindgen glue, which must run as before.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "gtest/gtest.h"
#include "tests/subprocess.h"

namespace wbhost::testing {
namespace {

std::string OutDir() {
  const char* out = getenv("WBHOST_OUT");
  return std::filesystem::absolute(out ? out : "out").string();
}

// A folder whose node_modules is the repository's npm packages (tools/test
// runs from the repository's root).
std::string WithNodeModules() {
  std::string dir = TempDir();
  std::string link = dir + "/node_modules";
  symlink(std::filesystem::absolute("third_party/npm/node_modules").c_str(), link.c_str());
  return dir;
}

ProcessResult RunFile(const std::string& file,
                      std::vector<std::string> flags = {},
                      const std::vector<std::string>& args = {}) {
  flags.insert(flags.begin(), WbhostPath());
  flags.push_back(file);
  flags.insert(flags.end(), args.begin(), args.end());
  return RunProcess(flags);
}

// @cf-wasm/photon 0.4.0: its node entry compiles the Wasm from a base64
// JS module (photon_rs_bg.wasm.inline.js) and hands the Module to the
// glue's initSync. A malformed image is a Rust panic under panic=abort: a
// real trap.
const char kPhoton[] = R"(
  import { PhotonImage, grayscale, crop, resize } from '@cf-wasm/photon';
  const ctl = wbhost.bindings.of(PhotonImage);
  print(ctl.name, ctl.target, ctl.generation);
  const px = new Uint8Array(64).fill(200);
  const img = new PhotonImage(px, 4, 4);
  grayscale(img);
  print(img.get_width(), img.get_raw_pixels().length);
  try { PhotonImage.new_from_byteslice(new Uint8Array([1, 2, 3, 4])); print('no abort'); }
  catch (e) { print(e.name, e.kind, e.cause instanceof WebAssembly.RuntimeError); }
  print(ctl.generation, ctl.state);
  try { img.get_width(); } catch (e) { print(e.name); }
  try { crop(img, 0, 0, 2, 2); } catch (e) { print(e.name); }
  const again = new PhotonImage(px, 4, 4);
  print(crop(again, 0, 0, 2, 2).get_width(), again instanceof PhotonImage);
  // With the argument 'big', under --wasm-max-memory=64: 4500x4500 pixels
  // (81 MB) fail in Rust's allocator.
  if (wbhost.args[0] === 'big') {
    try { resize(again, 4500, 4500, 1); print('resized'); } catch (e) { print(e.name); }
  }
  print(ctl.generation, JSON.stringify(ctl.stats));
)";

TEST(LayoutsTest, RealInlinePackageRecovers) {
  std::string main = WriteFile(WithNodeModules(), "photon.mjs", kPhoton);
  const char* expected =
      "photon_rs web 1\n4 64\nWasmAbortError trap true\n2 live\nStaleObjectError\n"
      "StaleObjectError\n2 true\n2 {\"calls\":10,\"panics\":0,\"aborts\":1,\"resets\":0}\n";
  for (const std::vector<std::string>& flags :
       {std::vector<std::string>{}, std::vector<std::string>{"--standby"}}) {
    auto r = RunFile(main, flags);
    EXPECT_EQ(r.status, 0) << r.out << r.err;
    EXPECT_EQ(r.out, expected) << flags.size();
  }
  // Under a memory bound, a resize too large for it fails in Rust's
  // allocator: an abort, recovered.
  auto r = RunFile(main, {"--wasm-max-memory=64"}, {"big"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("2 true\nWasmAbortError\n3 {\"calls\":11,\"panics\":0,\"aborts\":2"),
            std::string::npos)
      << r.out;
}

// svg2png-wasm 1.4.1: the glue is bundled into dist/index.mjs (its default
// URL broken by the bundler), the .wasm sits at the package's root, and the
// program reads it and hands the bytes to the package's own initialize().
TEST(LayoutsTest, RealRelocatedWasmHandedOverByTheProgramRecovers) {
  std::string dir = WithNodeModules();
  std::string main = WriteFile(dir, "svg.mjs", R"(
    import { initialize, svg2png } from 'svg2png-wasm';
    await initialize(readbuffer(')" + dir + R"(/node_modules/svg2png-wasm/svg2png_wasm_bg.wasm'));
    const ctl = wbhost.bindings.of(svg2png);
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">' +
                '<rect width="4" height="4" fill="red"/></svg>';
    const png = await svg2png(svg);
    print(ctl.generation, png.length, String.fromCharCode(png[1], png[2], png[3]));
    try { await svg2png('<svg'); } catch (e) { print(e.name, ctl.generation); }
    try { await svg2png(svg, { width: 20000, height: 20000 }); print('no abort'); }
    catch (e) { print(e.name, e.kind); }
    print(ctl.generation, ctl.state, (await svg2png(svg)).length);
  )");
  for (const std::vector<std::string>& flags :
       {std::vector<std::string>{"--wasm-max-memory=256"},
        std::vector<std::string>{"--wasm-max-memory=256", "--standby"}}) {
    auto r = RunFile(main, flags);
    EXPECT_EQ(r.status, 0) << r.out << r.err;
    EXPECT_EQ(r.out, "1 136 PNG\nError 1\nWasmAbortError trap\n2 live 136\n") << flags.size();
  }
}

// The bound --wasm-max-memory sets reaches the module however it arrived:
// each layout's allocation failure happens at 32 pages (2 MiB), not at the
// module's own maximum of 64 (the trace line says how many pages).
TEST(LayoutsTest, EveryLayoutIsBoundedByWasmMaxMemory) {
  std::string layouts = OutDir() + "/gen/js-tests/packages/layouts/";
  std::string wasm = OutDir() + "/gen/examples/recovery-demo/pkg/demo_bg.wasm";
  const std::pair<const char*, std::string> cases[] = {
      {"inline", "const ns = await import('" + layouts + "inline/demo.js');\n" +
                     "ns.initSync({ module: (await import('" + layouts +
                     "inline/demo_wasm.js')).default });\n"},
      {"module", "const ns = await import('" + layouts + "renamed/demo.js');\n" +
                     "ns.initSync({ module: new WebAssembly.Module(readbuffer('" + layouts +
                     "renamed/payload.wasm')) });\n"},
      {"default-url",
       "const ns = await import('" + layouts + "renamed-default/demo.js');\nawait ns.default();\n"},
      {"bundled", "const ns = await import('" + layouts + "bundled/index.js');\n" +
                      "await ns.initialize(readbuffer('" + wasm + "'));\n"},
      {"bundler-inline", "const ns = await import('" + layouts + "bundler-inline/demo.js');\n"},
  };
  for (const auto& [name, setup] : cases) {
    std::string main = WriteFile(TempDir(), std::string(name) + ".mjs", setup + R"(
      try { ns.allocate_everything(); } catch (e) { print(e.kind); }
      print(wbhost.bindings.of(ns).generation);
    )");
    auto r = RunFile(main, {"--wasm-max-memory=2", "--trace-recovery"});
    EXPECT_EQ(r.status, 0) << name << r.out << r.err;
    EXPECT_EQ(r.out, "oom\n2\n") << name;
    EXPECT_NE(r.err.find("kind=oom generation=1 pages=32 "), std::string::npos) << name << r.err;
  }
}

// Programs that are not wasm-bindgen glue run exactly as with recovery off
// (no binding, same output), and --trace-recovery says of each instance
// that it is not a binding and why: a hand-written instantiate, an
// Emscripten-style loader, an AssemblyScript-style loader, and a loader
// whose comments mention wasm-bindgen's names.
TEST(LayoutsTest, NotGlueRunsAsBeforeAndTheTraceSaysWhy) {
  std::string dir = TempDir();
  std::string add = OutDir() + "/gen/examples/hello-wasm/add.wasm";
  WriteFile(dir, "emscripten.js",
            R"(
    var Module = typeof Module != 'undefined' ? Module : {};
    var wasmImports = { emscripten_notify_memory_growth: function () {} };
    var info = { env: wasmImports, wasi_snapshot_preview1: wasmImports };
    var instance = new WebAssembly.Instance(new WebAssembly.Module(readbuffer(')" +
                add + R"(')), info);
    Module['_add'] = instance.exports.add;
    module.exports = Module;
  )");
  WriteFile(dir, "assemblyscript.mjs", R"(
    export async function instantiate(module, imports = {}) {
      const { instance } = await WebAssembly.instantiate(module, { env: { abort() {} } });
      return instance.exports;
    }
  )");
  WriteFile(dir, "commented.mjs",
            R"(
    // Unlike wasm-bindgen's glue (imports.wbg.__wbindgen_throw, __wbg_get_imports,
    // wasm.__wbindgen_malloc, __wbg_set_wasm), this loader has nothing to set up.
    /* let wasm; __wbindgen_placeholder__ */
    export const exports = new WebAssembly.Instance(
        new WebAssembly.Module(readbuffer(')" +
                add + R"(')), {}).exports;
  )");
  std::string main = WriteFile(dir, "main.mjs",
                               R"(
    import { instantiate } from './assemblyscript.mjs';
    import { exports as commented } from './commented.mjs';
    const emscripten = require('./emscripten.js');
    const as = await instantiate(readbuffer(')" +
                                   add + R"('));
    print(emscripten._add(1, 2), as.add(3, 4), commented.add(5, 6), commented.bump());
    for (const value of [emscripten._add, as, commented, emscripten]) {
      try { wbhost.bindings.of(value); print('a binding'); } catch (e) { print(e.name, e.message); }
    }
  )");
  auto raw = RunFile(main, {"--no-recovery"});
  auto traced = RunFile(main, {"--trace-recovery"});
  EXPECT_EQ(traced.status, 0) << traced.out << traced.err;
  EXPECT_EQ(traced.out, raw.out);
  EXPECT_EQ(traced.out.substr(0, traced.out.find('\n')), "3 7 11 1");
  EXPECT_NE(traced.out.find("TypeError wbhost.bindings.of: function 0 is not part of a "
                            "wasm-bindgen binding"),
            std::string::npos)
      << traced.out;
  EXPECT_NE(traced.out.find("TypeError wbhost.bindings.of: an object is not part of"),
            std::string::npos)
      << traced.out;
  for (const char* file : {"emscripten.js", "assemblyscript.mjs", "commented.mjs"}) {
    EXPECT_NE(traced.err.find(std::string("wbhost: recovery: instance from ") + dir + "/" + file +
                              " is not a binding: not wasm-bindgen glue\n"),
              std::string::npos)
        << file << traced.err;
  }
  EXPECT_EQ(traced.err.find("binding name="), std::string::npos) << traced.err;
}

// Glue wbhost recognises but cannot recover says so, and runs raw; with
// --no-recovery every instance says recovery is off.
TEST(LayoutsTest, TraceSaysWhyGlueIsNotABinding) {
  std::string dir = TempDir();
  WriteFile(dir, "threads.mjs", R"(
    let wasm;
    function __wbg_get_imports() { const imports = {}; imports.wbg = {}; return imports; }
    export function initSync(module, memory, thread_stack_size) {
      wasm = new WebAssembly.Instance(module, __wbg_get_imports()).exports;
      return wasm;
    }
  )");
  std::string main = WriteFile(dir, "main.mjs",
                               R"(
    import { initSync } from './threads.mjs';
    const ex = initSync(new WebAssembly.Module(readbuffer(')" +
                                   OutDir() +
                                   R"(/gen/examples/hello-wasm/add.wasm')));
    print(ex.add(1, 1));
  )");
  auto r = RunFile(main, {"--trace-recovery"});
  EXPECT_EQ(r.out, "2\n") << r.err;
  EXPECT_NE(r.err.find("threads.mjs is wasm-bindgen glue but not a binding: glue version not "
                       "supported: a multi-threaded (atomics) build"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("threads.mjs is not a binding: glue version not supported: "),
            std::string::npos)
      << r.err;

  auto off = RunProcess({WbhostPath(), "--no-recovery", "--trace-recovery", "-e",
                         "require('" + OutDir() + "/gen/examples/recovery-demo/pkg/demo.js')"});
  EXPECT_EQ(off.status, 0) << off.err;
  EXPECT_NE(off.err.find("demo.js is not a binding: recovery is off (--no-recovery)"),
            std::string::npos)
      << off.err;
}

// --recovery=strict and --no-recovery apply to a layout the old recogniser
// missed (bundler glue whose Wasm is built by an inline *_bg.wasm.js): a JS
// exception through Wasm is ordinary, an abort under strict; with recovery
// off the glue is raw (no binding, V8's RuntimeError).
TEST(LayoutsTest, StrictAndNoRecoveryApplyToEveryLayout) {
  std::string main = WriteFile(TempDir(), "strict.mjs",
                               R"(
    const ns = await import(')" + OutDir() +
                                   R"(/gen/js-tests/packages/layouts/bundler-inline/demo.js');
    try { ns.call_back(() => { throw new Error('from js'); }); }
    catch (e) { print(e.name, e.kind || e.message); }
    try { print(wbhost.bindings.of(ns).generation); } catch (e) { print(e.name); }
    try { ns.abort(); } catch (e) { print(e.name, e.kind); }
    print(ns.increment());
  )");
  auto plain = RunFile(main);
  EXPECT_EQ(plain.out, "Error from js\n1\nWasmAbortError trap\n1\n") << plain.err;
  auto strict = RunFile(main, {"--recovery=strict"});
  EXPECT_EQ(strict.out, "WasmAbortError js-exception\n2\nWasmAbortError trap\n1\n") << strict.err;
  auto off = RunFile(main, {"--no-recovery"});
  EXPECT_EQ(off.out, "Error from js\nTypeError\nRuntimeError undefined\n1\n") << off.err;
}

// The module is compiled once however it arrived: the same bytes given to
// two packages compile once; a Module the program compiled is used as it
// is (and compiled once more, bounded, only under --wasm-max-memory); a
// recovery compiles nothing (the instantiate line is the first
// generation's only).
TEST(LayoutsTest, TheModuleIsCompiledOnce) {
  std::string layouts = OutDir() + "/gen/js-tests/packages/layouts/";
  std::string main = WriteFile(TempDir(), "once.mjs", R"(
    const bytes = readbuffer(')" + layouts + R"(renamed/payload.wasm');
    const a = await import(')" + layouts + R"(inline/demo.js');
    const b = await import(')" + layouts + R"(renamed/demo.js');
    const c = await import(')" + layouts + R"(renamed-default/demo.js');
    a.initSync({ module: bytes });
    b.initSync({ module: bytes.slice(0) });
    c.initSync({ module: new WebAssembly.Module(bytes) });
    try { a.abort(); } catch (e) { print(e.kind); }
    print(a.increment(), b.increment(), c.increment());
  )");
  auto r = RunFile(main, {"--trace-recovery"});
  EXPECT_EQ(r.out, "trap\n1 1 1\n") << r.err;
  // One line per package, in the order they were initialised; none for
  // the recovery.
  std::vector<std::string> lines;
  for (size_t at = 0; (at = r.err.find("instantiate binding=", at)) != std::string::npos; ++at)
    lines.push_back(r.err.substr(at, r.err.find('\n', at) - at));
  ASSERT_EQ(lines.size(), 3u) << r.err;
  EXPECT_EQ(lines[0], "instantiate binding=demo generation=1 wasm=bytes (741) compiled=now");
  EXPECT_EQ(lines[1], "instantiate binding=demo generation=1 wasm=bytes (741) compiled=before");
  EXPECT_EQ(lines[2],
            "instantiate binding=demo generation=1 wasm=a Module compiled=by the program");

  auto bounded = RunFile(main, {"--trace-recovery", "--wasm-max-memory=2"});
  EXPECT_NE(bounded.err.find("wasm=a Module compiled=before"), std::string::npos) << bounded.err;
}

}  // namespace
}  // namespace wbhost::testing
