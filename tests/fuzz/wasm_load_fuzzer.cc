// Arbitrary .wasm bytes loaded through the bindings layer, as a program
// would: nodejs-target glue beside the bytes, `wbhost.bindings.load` (the
// recogniser, --wasm-max-memory's rewrite, the one compile, the recovery
// layer's instantiation), then calls on whatever it exports. A module that
// fails to compile or link is a JS error, never a crash; one that runs away
// is terminated after a second.
#include <unistd.h>

#include <fstream>
#include <memory>
#include <string>

#include "host/options.h"
#include "tests/fuzz/v8_host.h"

namespace {

constexpr const char* kGlue = R"(let imports = {};
imports['__wbindgen_placeholder__'] = module.exports;
let wasm;
module.exports.__wbindgen_throw = function (ptr, len) { throw new Error('thrown'); };
const path = require('path').join(__dirname, 'NAME_bg.wasm');
const bytes = require('fs').readFileSync(path);
const wasmModule = new WebAssembly.Module(bytes);
const wasmInstance = new WebAssembly.Instance(wasmModule, imports);
wasm = wasmInstance.exports;
module.exports.__wasm = wasm;
)";

constexpr const char* kProgram = R"((function (path) {
  let pkg;
  try {
    pkg = wbhost.bindings.load(path);
  } catch (e) {
    return;
  }
  const exports = pkg.__wasm || {};
  for (const name of Object.keys(exports)) {
    if (typeof exports[name] !== 'function') continue;
    for (let round = 0; round < 2; round++) {
      try { exports[name](1, 2, 3); } catch (e) {}
    }
  }
}))";

std::unique_ptr<wbhost::fuzz::V8Host> host;
int used = 0;
std::string dir;
int counter = 0;

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  wbhost::fuzz::V8Host::Initialize();
  char templ[] = "/tmp/wbhost-wasm-fuzz-XXXXXX";
  dir = mkdtemp(templ);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Renewed now and then: the bindings layer compiles a package once per
  // path, and every input has a path of its own.
  if (!host || ++used > 200) {
    host.reset();
    wbhost::ShellOptions options;
    options.wasm_max_memory_mb = 16;  // the limiter rewrites every input
    host = std::make_unique<wbhost::fuzz::V8Host>(kProgram, options);
    used = 0;
  }
  std::string name = "p" + std::to_string(counter++);
  std::string wasm_path = dir + "/" + name + "_bg.wasm";
  std::string glue_path = dir + "/" + name + ".js";
  WriteText(wasm_path, std::string(reinterpret_cast<const char*>(data), size));
  std::string glue = kGlue;
  glue.replace(glue.find("NAME"), 4, name);
  WriteText(glue_path, glue);
  // Everything the program does is inside try/catch: only termination (a
  // runaway module) ends it with an exception, and that is expected.
  (void)host->Call(glue_path);
  unlink(wasm_path.c_str());
  unlink(glue_path.c_str());
  return 0;
}
