// --trace-recovery for instances that did not become bindings: every
// `new WebAssembly.Instance`, `WebAssembly.instantiate` and
// `instantiateStreaming` of the program
// (not the bindings layer's own) gets a line saying where it came from and
// why wbhost does not recover it, so a user can tell at once whether a
// package is a binding. Set on the isolate only under --trace-recovery:
// without it, instantiation costs what it did.
#include <string>

#include "absl/strings/str_cat.h"
#include "bindings/recognizer.h"
#include "host/environment.h"
#include "host/file_util.h"
#include "host/js_builtins.h"
#include "host/output.h"
#include "host/v8_util.h"

namespace wbhost::bindings {

namespace {

bool IsBindingsFrame(const std::string& script) {
  return script.starts_with("wbhost:recovery_") || script.starts_with("wbhost:bindings_");
}

std::string WhyNotABinding(Environment* env, const std::string& script) {
  if (!env->options().recovery)
    return "recovery is off (--no-recovery)";
  if (script.empty() || script.find('/') == std::string::npos)
    return "not wasm-bindgen glue (evaluated code)";
  auto source = ReadFileBytes(script);
  if (!source.ok())
    return "not wasm-bindgen glue";
  auto glue = RecognizeGlue(script.substr(script.find_last_of('/') + 1), *source);
  if (glue.ok()) {
    return "wasm-bindgen glue that wbhost did not load (run by load(), eval or a Worker "
           "rather than imported, required or given to wbhost.bindings.load)";
  }
  return std::string(glue.status().message());
}

// The line for an instance the program makes, unless a binding made it.
// `skip` frames on top are wbhost's own (the wrapper that asks).
void TraceCaller(v8::Isolate* isolate, Environment* env, int skip) {
  v8::HandleScope scope(isolate);
  v8::Local<v8::StackTrace> stack =
      v8::StackTrace::CurrentStackTrace(isolate, 16, v8::StackTrace::kScriptName);
  std::string caller;
  bool found = false;
  for (int i = skip; i < stack->GetFrameCount(); ++i) {
    v8::Local<v8::StackFrame> frame = stack->GetFrame(isolate, i);
    v8::Local<v8::String> name = frame->GetScriptName();
    std::string script = name.IsEmpty() ? "" : ToStd(isolate, name);
    // A binding's own instance: its line comes from the binding.
    if (i == skip && IsBindingsFrame(script))
      return;
    if (script.starts_with("wbhost:"))
      continue;
    caller = script;
    found = true;
    break;
  }
  if (!found && stack->GetFrameCount() > skip)
    return;  // made by wbhost itself
  WriteStderr(absl::StrCat("wbhost: recovery: instance from ", caller.empty() ? "(eval)" : caller,
                           " is not a binding: ", WhyNotABinding(env, caller), "\n"));
}

// V8 calls it first thing in `new WebAssembly.Instance`; false lets V8 go
// on as usual.
bool OnInstance(const v8::FunctionCallbackInfo<v8::Value>& info) {
  if (Environment* env = Environment::From(info.GetIsolate()))
    TraceCaller(info.GetIsolate(), env, 0);
  return false;
}

// traceInstance(): from bindings/js/instance_trace.js, whose frame is on top.
void TraceInstance(const v8::FunctionCallbackInfo<v8::Value>& info) {
  if (Environment* env = Environment::From(info.GetIsolate()))
    TraceCaller(info.GetIsolate(), env, 1);
}

}  // namespace

void InstallInstanceTrace(Environment* env) {
  if (env->options().trace_recovery)
    env->isolate()->SetWasmInstanceCallback(OnInstance);
}

void InstallInstantiateTrace(Environment* env, v8::Local<v8::Context> context) {
  if (!env->options().trace_recovery)
    return;
  v8::TryCatch try_catch(env->isolate());
  (void)LoadBuiltin(context, "bindings_instance_trace");
}

void InstallInstanceTraceNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives) {
  SetMethod(context, natives, "traceInstance", TraceInstance);
}

}  // namespace wbhost::bindings
