// The C++ side of the bindings builtins (bindings/js/, recovery/js/): what
// JS cannot do itself. Registered with host at start-up; host never names
// this file.
//
//   recognize(path)        the recogniser's facts about a JS file, or null
//   compile(wasmPath)      {module, maxPages}: the package's module, compiled
//                          once per process (invariant 5), after
//                          --wasm-max-memory bounded its memories
//   compileClassicGlue(path)  no-modules glue as a function(self) that
//                          returns its wasm_bindgen; called per generation
//   compileCjs(path)       CommonJS glue as a function(exports, require,
//                          module, __filename, __dirname, WebAssembly)
//   options                {recovery, strict, trace, standby, maxMemoryMb}
//   trace(line)            a line on stderr (--trace-recovery)
//   reportError(e)         an exception from an onAbort listener, on stderr
//   now()                  monotonic milliseconds
//   postTask(fn)           fn in a later macrotask (standby generations)
#include <unistd.h>

#include <cstring>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bindings/recognizer.h"
#include "bindings/wasm_memory_limit.h"
#include "host/environment.h"
#include "host/error_report.h"
#include "host/event_loop.h"
#include "host/file_util.h"
#include "host/js_builtins.h"
#include "host/modules/module_loader.h"
#include "host/modules/package_hook.h"
#include "host/output.h"
#include "host/read_policy.h"
#include "host/v8_util.h"

namespace wbhost::bindings {

namespace {

// Isolate data slot 2: slot 0 is the Environment (host/environment.h).
constexpr uint32_t kModuleCacheSlot = 2;

struct CompiledPackage {
  v8::Global<v8::WasmModuleObject> module;
  v8::Global<v8::Context> context;  // the realm `module` belongs to
  uint32_t max_pages = 0;
};
using ModuleCache = std::map<std::string, CompiledPackage>;

ModuleCache& Cache(v8::Isolate* isolate) {
  auto* cache = static_cast<ModuleCache*>(isolate->GetData(kModuleCacheSlot));
  if (cache == nullptr) {
    // Lives as long as the isolate's environment.
    cache = new ModuleCache();
    isolate->SetData(kModuleCacheSlot, cache);
    if (Environment* env = Environment::From(isolate)) {
      env->KeepNative(cache, [isolate, cache] {
        isolate->SetData(kModuleCacheSlot, nullptr);
        delete cache;
      });
    }
  }
  return *cache;
}

void Compile(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  std::string path = ToStd(isolate, info[0]);
  ModuleCache& cache = Cache(isolate);
  auto it = cache.find(path);
  if (it == cache.end()) {
    auto bytes = ReadFileBytes(path);
    if (!bytes.ok()) {
      ThrowError(isolate, std::string(bytes.status().message()));
      return;
    }
    uint32_t max_pages = 0;
    int64_t limit_mb = Environment::From(isolate)->options().wasm_max_memory_mb;
    if (limit_mb > 0) {
      max_pages = static_cast<uint32_t>(limit_mb * 16);  // 64 KiB pages
      auto limited = LimitWasmMemory(*bytes, max_pages);
      // Unreadable structure: compile the original so V8 names the fault.
      if (limited.ok())
        *bytes = std::move(*limited);
    }
    v8::Local<v8::WasmModuleObject> module;
    if (!v8::WasmModuleObject::Compile(
             isolate, v8::MemorySpan<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes->data()),
                                                    bytes->size()))
             .ToLocal(&module)) {
      return;  // CompileError pending
    }
    CompiledPackage entry;
    entry.module.Reset(isolate, module);
    entry.context.Reset(isolate, context);
    entry.max_pages = max_pages;
    it = cache.emplace(path, std::move(entry)).first;
  }
  v8::Local<v8::WasmModuleObject> module = it->second.module.Get(isolate);
  if (it->second.context.Get(isolate) != context) {
    // Another realm (a test runner's next test, a Realm): the same compiled
    // code behind a WebAssembly.Module of this realm, so that the glue's
    // `instanceof WebAssembly.Module` holds. Nothing is compiled again.
    if (!v8::WasmModuleObject::FromCompiledModule(isolate, module->GetCompiledModule())
             .ToLocal(&module)) {
      return;
    }
  }
  v8::Local<v8::Object> result = v8::Object::New(isolate);
  SetValue(context, result, "module", module, v8::None);
  SetValue(context, result, "maxPages", v8::Integer::NewFromUnsigned(isolate, it->second.max_pages),
           v8::None);
  info.GetReturnValue().Set(result);
}

// Compiles glue at `path` as the body of a function with `params`: once
// per package; each generation calls it again for a fresh evaluation (fresh
// module-level state) whose inner functions share bytecode with the last.
// V8 10.2's CompileFunction has no compilation cache, so compiling per
// generation cost a first call's lazy compile of every glue function on the
// failing call's path.
void CompileGlueFunction(const v8::FunctionCallbackInfo<v8::Value>& info,
                         std::string_view suffix,
                         std::initializer_list<const char*> param_names) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  std::string path = ToStd(isolate, info[0]);
  auto source = ReadFileBytes(path);
  if (!source.ok()) {
    ThrowError(isolate, std::string(source.status().message()));
    return;
  }
  std::string body = *std::move(source);
  body.append(suffix);
  v8::ScriptOrigin origin(isolate, ToV8(isolate, path));
  v8::ScriptCompiler::Source script_source(ToV8(isolate, body), origin);
  std::vector<v8::Local<v8::String>> params;
  for (const char* name : param_names)
    params.push_back(Symbolic(isolate, name));
  v8::Local<v8::Function> fn;
  if (v8::ScriptCompiler::CompileFunction(context, &script_source, params.size(), params.data())
          .ToLocal(&fn)) {
    info.GetReturnValue().Set(fn);
  }
}

// No-modules glue: its top-level `let wasm_bindgen` (or `self.wasm_bindgen
// = `) lands in the function's scope, not on the program's global.
void CompileClassicGlue(const v8::FunctionCallbackInfo<v8::Value>& info) {
  CompileGlueFunction(info,
                      "\n;return typeof wasm_bindgen !== 'undefined' ? wasm_bindgen : "
                      "self.wasm_bindgen;",
                      {"self"});
}

// CommonJS glue, with its own `require` and `WebAssembly` as parameters.
void CompileCjs(const v8::FunctionCallbackInfo<v8::Value>& info) {
  CompileGlueFunction(info, "",
                      {"exports", "require", "module", "__filename", "__dirname", "WebAssembly"});
}

void ReadFile(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  auto bytes = ReadFileBytes(ToStd(isolate, info[0]));
  if (!bytes.ok()) {
    ThrowError(isolate, std::string(bytes.status().message()));
    return;
  }
  v8::Local<v8::ArrayBuffer> buffer = NewArrayBufferFrom(isolate, *bytes);
  info.GetReturnValue().Set(v8::Uint8Array::New(buffer, 0, buffer->ByteLength()));
}

void Exists(const v8::FunctionCallbackInfo<v8::Value>& info) {
  std::string path = ToStd(info.GetIsolate(), info[0]);
  info.GetReturnValue().Set(ReadPolicy::CheckPath(path).ok() && access(path.c_str(), F_OK) == 0);
}

void NormalizePath(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  std::string path = ToStd(isolate, info[0]);
  bool absolute = !path.empty() && path[0] == '/';
  std::string normal = AbsolutePath(absolute ? path : "/" + path);
  info.GetReturnValue().Set(ToV8(isolate, absolute ? normal : normal.substr(1)));
}

// recognize(path): the recogniser's facts about the JS file at `path`, with
// the paths the package needs, or null when it is not wasm-bindgen glue
// (or its .wasm is not beside it).
void Recognize(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  std::string path = AbsolutePath(ToStd(isolate, info[0]));
  info.GetReturnValue().SetNull();
  auto source = ReadFileBytes(path);
  if (!source.ok())
    return;
  std::string base = path.substr(path.find_last_of('/') + 1);
  std::string dir = path.substr(0, path.find_last_of('/'));
  auto glue = RecognizeGlue(base, *source);
  if (!glue)
    return;
  std::string wasm_path = absl::StrCat(dir, "/", glue->wasm_file);
  if (access(wasm_path.c_str(), R_OK) != 0)
    return;
  std::string target = GlueTargetName(glue->target);
  std::string glue_path = path;
  std::string bg_path;
  if (glue->target == GlueTarget::kBundler || glue->target == GlueTarget::kBundlerBg) {
    std::string stem = glue->wasm_file.substr(0, glue->wasm_file.size() - 5);  // x_bg
    bg_path = absl::StrCat(dir, "/", stem, ".js");
    glue_path = absl::StrCat(dir, "/", stem.substr(0, stem.size() - 3), ".js");
    target = "bundler";
  }
  std::string name = glue->wasm_file.substr(0, glue->wasm_file.size() - 8);  // x
  v8::Local<v8::Object> result = v8::Object::New(isolate);
  auto set_string = [&](const char* key, const std::string& value) {
    SetValue(context, result, key, ToV8(isolate, value), v8::None);
  };
  auto set_bool = [&](const char* key, bool value) {
    SetValue(context, result, key, v8::Boolean::New(isolate, value), v8::None);
  };
  set_string("name", name);
  set_string("target", target);
  set_string("gluePath", glue_path);
  set_string("bgPath", bg_path);
  set_string("wasmPath", wasm_path);
  set_string("wasmFile", glue->wasm_file);
  set_bool("hasInitSync", glue->has_init_sync);
  set_bool("initTakesObject", glue->init_takes_object);
  set_bool("hasWrappedJstag", glue->has_wrapped_jstag);
  set_bool("hasTerminatedFlag", glue->has_terminated_flag);
  info.GetReturnValue().Set(result);
}

// evalEsm(path): a fresh evaluation of ES module glue (a new generation's).
void EvalEsm(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Object> ns;
  if (ModuleLoader::ForContext(isolate->GetCurrentContext())
          ->EvaluateFresh(ToStd(isolate, info[0]))
          .ToLocal(&ns)) {
    info.GetReturnValue().Set(ns);
  }
}

void Trace(const v8::FunctionCallbackInfo<v8::Value>& info) {
  WriteStderr(absl::StrCat(ToStd(info.GetIsolate(), info[0]), "\n"));
}

void ReportError(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  std::string text = FormatException(isolate, info[0], {});
  WriteStderr(absl::StrCat("wbhost: an onAbort listener threw: ", text));
}

void Now(const v8::FunctionCallbackInfo<v8::Value>& info) {
  info.GetReturnValue().Set(EventLoop::NowMs());
}

// An abort storm makes every generation survive a scavenge or two, so V8
// grows its young generation to the maximum and keeps it (~25 MiB resident
// within a thousand recoveries of a 1 MiB package) long after the storm.
// (What stays after that is libnode's code paged in by paths run for the
// first time, ~3 MiB, and ~3 MiB of malloc'd memory: rss_growth_mib_10k.)
// The recovery layer calls this every few recoveries (recovery/js/
// binding.js): once new space has grown past a budget, a collection under
// memory pressure shrinks it again. Returns whether it collected.
constexpr size_t kNewSpaceBudgetBytes = 4u << 20;

void ReduceHeapIfGrown(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  bool grown = false;
  for (size_t i = 0; i < isolate->NumberOfHeapSpaces(); ++i) {
    v8::HeapSpaceStatistics space;
    if (!isolate->GetHeapSpaceStatistics(&space, i))
      continue;
    if (std::string_view(space.space_name()) == "new_space" &&
        space.space_size() > kNewSpaceBudgetBytes) {
      grown = true;
    }
  }
  if (grown)
    isolate->MemoryPressureNotification(v8::MemoryPressureLevel::kCritical);
  info.GetReturnValue().Set(grown);
}

void PostTask(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  if (!info[0]->IsFunction())
    return;
  auto fn = std::make_shared<v8::Global<v8::Function>>(isolate, info[0].As<v8::Function>());
  Environment* env = Environment::From(isolate);
  env->loop().PostTask([isolate, fn] {
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::TryCatch try_catch(isolate);
    (void)fn->Get(isolate)->Call(context, v8::Undefined(isolate), 0, nullptr);
  });
}

// recovery/js/errors.js marks WasmAbortError.prototype with its predicate
// "had no caller" (host/error_report.h AbortHadNoCaller).
void BrandRecoveredAbort(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  if (!info[0]->IsObject() || !info[1]->IsFunction())
    return;
  (void)info[0].As<v8::Object>()->SetPrivate(isolate->GetCurrentContext(),
                                             RecoveredAbortBrand(isolate), info[1]);
}

void InstallErrorsNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives) {
  SetMethod(context, natives, "brandRecoveredAbort", BrandRecoveredAbort);
}

void InstallRecoveryNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives) {
  v8::Isolate* isolate = context->GetIsolate();
  SetMethod(context, natives, "compile", Compile);
  SetMethod(context, natives, "recognize", Recognize);
  SetMethod(context, natives, "compileClassicGlue", CompileClassicGlue);
  SetMethod(context, natives, "compileCjs", CompileCjs);
  SetMethod(context, natives, "evalEsm", EvalEsm);
  SetMethod(context, natives, "readFile", ReadFile);
  SetMethod(context, natives, "exists", Exists);
  SetMethod(context, natives, "normalizePath", NormalizePath);
  SetMethod(context, natives, "trace", Trace);
  SetMethod(context, natives, "reportError", ReportError);
  SetMethod(context, natives, "now", Now);
  SetMethod(context, natives, "postTask", PostTask);
  SetMethod(context, natives, "reduceHeapIfGrown", ReduceHeapIfGrown);
  const ShellOptions& options = Environment::From(isolate)->options();
  v8::Local<v8::Object> opts = v8::Object::New(isolate);
  SetValue(context, opts, "recovery", v8::Boolean::New(isolate, options.recovery), v8::None);
  SetValue(context, opts, "strict", v8::Boolean::New(isolate, options.recovery_strict), v8::None);
  SetValue(context, opts, "trace", v8::Boolean::New(isolate, options.trace_recovery), v8::None);
  SetValue(context, opts, "standby", v8::Boolean::New(isolate, options.standby), v8::None);
  SetValue(context, opts, "maxMemoryMb",
           v8::Number::New(isolate, static_cast<double>(options.wasm_max_memory_mb)), v8::None);
  SetValue(context, natives, "options", opts, v8::None);
}

// The module loader's hook: wasm-bindgen glue is replaced by its binding's
// stable objects (bindings/js/entry.js), unless --no-recovery.
HookResult BindingsHook(v8::Local<v8::Context> context,
                        const std::string& path,
                        HookUse use,
                        v8::Local<v8::Value>* replacement) {
  v8::Isolate* isolate = context->GetIsolate();
  if (!Environment::From(isolate)->options().recovery)
    return HookResult::kPass;
  // Cheap negative first: most files are not glue.
  auto source = ReadFileBytes(path);
  if (!source.ok())
    return HookResult::kPass;
  std::string base = path.substr(path.find_last_of('/') + 1);
  if (!RecognizeGlue(base, *source))
    return HookResult::kPass;
  v8::Local<v8::Object> entry;
  v8::Local<v8::Value> hook;
  if (!LoadBuiltin(context, "bindings_entry").ToLocal(&entry) ||
      !entry->Get(context, Symbolic(isolate, "hook")).ToLocal(&hook) || !hook->IsFunction()) {
    return HookResult::kThrew;
  }
  v8::Local<v8::Value> args[] = {ToV8(isolate, path),
                                 ToV8(isolate, use == HookUse::kImport ? "import" : "require")};
  v8::Local<v8::Value> result;
  if (!hook.As<v8::Function>()->Call(context, v8::Undefined(isolate), 2, args).ToLocal(&result)) {
    return HookResult::kThrew;
  }
  if (result->IsUndefined())
    return HookResult::kPass;
  *replacement = result;
  return HookResult::kReplaced;
}

const bool kRegistered = RegisterPackageHook(BindingsHook) &&
                         RegisterWbhostProperty("bindings", "bindings_entry", "api") &&
                         RegisterNativesInstaller("recovery_binding", InstallRecoveryNatives) &&
                         RegisterNativesInstaller("recovery_errors", InstallErrorsNatives) &&
                         RegisterNativesInstaller("bindings_package", InstallRecoveryNatives) &&
                         RegisterNativesInstaller("bindings_entry", InstallRecoveryNatives);

}  // namespace

}  // namespace wbhost::bindings
