// The C++ side of the bindings builtins (bindings/js/, recovery/js/): what
// JS cannot do itself, and the registrations that connect this folder to
// host/. Registered with host at start-up; host never names this file.
// The natives that read glue and compile modules are in glue_natives.cc and
// module_cache.cc; besides them:
//
//   options                {recovery, strict, trace, standby, maxMemoryMb}
//   trace(line)            a line on stderr (--trace-recovery)
//   reportError(e)         an exception from an onAbort listener, on stderr
//   now()                  monotonic milliseconds
//   postTask(fn)           fn in a later macrotask (standby generations)
//   reduceHeapIfGrown()    shrinks V8's young generation after an abort storm
#include <memory>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "bindings/glue_natives.h"
#include "bindings/instance_trace.h"
#include "bindings/module_cache.h"
#include "bindings/recognizer.h"
#include "bindings/string_glue.h"
#include "host/context_factory.h"
#include "host/environment.h"
#include "host/error_report.h"
#include "host/event_loop.h"
#include "host/file_util.h"
#include "host/js_builtins.h"
#include "host/modules/package_hook.h"
#include "host/output.h"
#include "host/read_policy.h"
#include "host/v8_util.h"
#include "recovery/memory_image.h"

namespace wbhost::bindings {

namespace {

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
  InstallModuleCacheNatives(context, natives);
  InstallGlueNatives(context, natives);
  recovery::InstallMemoryImageNatives(context, natives);
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
  SetValue(context, opts, "checkpoint", ToV8(isolate, options.checkpoint), v8::None);
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
  auto glue = RecognizeGlue(base, *source);
  if (!glue.ok()) {
    // Glue wbhost cannot drive says so under --trace-recovery.
    if (glue.status().code() != absl::StatusCode::kNotFound &&
        Environment::From(isolate)->options().trace_recovery) {
      WriteStderr(absl::StrCat("wbhost: recovery: ", path,
                               " is wasm-bindgen glue but not a binding: ", glue.status().message(),
                               "\n"));
    }
    return HookResult::kPass;
  }
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
  if (result->IsArray()) {
    // [names, ready]: glue that awaits at top level (bindings/js/entry.js).
    v8::Local<v8::Array> pair = result.As<v8::Array>();
    v8::Local<v8::Object> awaiting = v8::Object::New(isolate);
    SetValue(context, awaiting, "names", pair->Get(context, 0).ToLocalChecked(), v8::None);
    SetValue(context, awaiting, "ready", pair->Get(context, 1).ToLocalChecked(), v8::None);
    *replacement = awaiting;
    return HookResult::kReplacedAwaiting;
  }
  *replacement = result;
  return HookResult::kReplaced;
}

const bool kRegistered =
    RegisterPackageHook(BindingsHook) && RegisterSourceHook(GlueFromString) &&
    RegisterEnvironmentHook(InstallInstanceTrace) && RegisterContextHook(InstallInstantiateTrace) &&
    RegisterNativesInstaller("bindings_instance_trace", InstallInstanceTraceNatives) &&
    RegisterWbhostProperty("bindings", "bindings_entry", "api") &&
    RegisterNativesInstaller("recovery_binding", InstallRecoveryNatives) &&
    RegisterNativesInstaller("recovery_errors", InstallErrorsNatives) &&
    RegisterNativesInstaller("recovery_checkpoint", InstallRecoveryNatives) &&
    RegisterNativesInstaller("recovery_standby", InstallRecoveryNatives) &&
    RegisterNativesInstaller("bindings_package", InstallRecoveryNatives) &&
    RegisterNativesInstaller("bindings_glue_webassembly", InstallRecoveryNatives) &&
    RegisterNativesInstaller("bindings_entry", InstallRecoveryNatives);

}  // namespace

}  // namespace wbhost::bindings
