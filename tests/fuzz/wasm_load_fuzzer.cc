// Arbitrary .wasm bytes loaded through the bindings layer, as a program
// would: nodejs-target glue beside the bytes, `wbhost.bindings.load` (the
// recogniser, --wasm-max-memory's rewrite, the one compile, the recovery
// layer's instantiation), then calls on whatever it exports. A module that
// fails to compile or link is a JS error, never a crash; one that runs away
// is terminated after a second.
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "host/context_factory.h"
#include "host/environment.h"
#include "host/isolate_setup.h"
#include "host/options.h"
#include "host/script_runner.h"
#include "host/v8_runtime.h"
#include "v8.h"

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

// One isolate and environment for many inputs, renewed now and then so
// that per-path caches do not grow without bound.
struct Host {
  wbhost::ShellOptions options;
  wbhost::IsolatePtr isolate;
  std::unique_ptr<wbhost::Environment> env;
  v8::Global<v8::Context> context;
  v8::Global<v8::Function> program;
  int used = 0;

  Host() {
    options.wasm_max_memory_mb = 16;
    isolate = wbhost::NewHostIsolate(256);
    v8::Isolate::Scope isolate_scope(isolate.get());
    v8::HandleScope scope(isolate.get());
    env = std::make_unique<wbhost::Environment>(isolate.get(),
                                                wbhost::V8Runtime::current_platform(), options);
    v8::Local<v8::Context> local = wbhost::NewHostContext(env.get()).ToLocalChecked();
    env->set_main_context(local);
    v8::Context::Scope context_scope(local);
    context.Reset(isolate.get(), local);
    v8::Local<v8::Value> fn =
        wbhost::CompileAndRunScript(local, kProgram, "wasm_load_fuzzer").ToLocalChecked();
    program.Reset(isolate.get(), fn.As<v8::Function>());
  }
  ~Host() {
    v8::Isolate::Scope isolate_scope(isolate.get());
    program.Reset();
    context.Reset();
    env.reset();
  }
};

std::unique_ptr<Host> host;
std::string dir;
int counter = 0;

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  (void)wbhost::V8Runtime::SetFlags({"--single-threaded"});
  // Never torn down: V8 must outlive the isolate, which lives until exit.
  static auto* runtime = new wbhost::V8Runtime(1);
  (void)runtime;
  char templ[] = "/tmp/wbhost-wasm-fuzz-XXXXXX";
  dir = mkdtemp(templ);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (!host || host->used++ >= 200) {
    host.reset();
    host = std::make_unique<Host>();
  }
  // A path per input: the bindings layer compiles a package once per path.
  std::string name = "p" + std::to_string(counter++);
  std::string wasm_path = dir + "/" + name + "_bg.wasm";
  std::string glue_path = dir + "/" + name + ".js";
  WriteText(wasm_path, std::string(reinterpret_cast<const char*>(data), size));
  std::string glue = kGlue;
  glue.replace(glue.find("NAME"), 4, name);
  WriteText(glue_path, glue);

  v8::Isolate* isolate = host->isolate.get();
  {
    v8::Isolate::Scope isolate_scope(isolate);
    v8::HandleScope scope(isolate);
    v8::Local<v8::Context> context = host->context.Get(isolate);
    v8::Context::Scope context_scope(context);
    // A runaway start function or export is terminated after a second.
    std::mutex mutex;
    std::condition_variable done_cv;
    bool done = false;
    std::thread watchdog([&] {
      std::unique_lock<std::mutex> lock(mutex);
      if (!done_cv.wait_for(lock, std::chrono::seconds(1), [&] { return done; })) {
        isolate->TerminateExecution();
      }
    });
    {
      v8::TryCatch try_catch(isolate);
      v8::Local<v8::Value> arg = v8::String::NewFromUtf8(isolate, glue_path.c_str())
                                     .ToLocalChecked();
      (void)host->program.Get(isolate)->Call(context, v8::Undefined(isolate), 1, &arg);
      isolate->PerformMicrotaskCheckpoint();
    }
    {
      std::lock_guard<std::mutex> lock(mutex);
      done = true;
    }
    done_cv.notify_one();
    watchdog.join();
    isolate->CancelTerminateExecution();
  }
  unlink(wasm_path.c_str());
  unlink(glue_path.c_str());
  return 0;
}
