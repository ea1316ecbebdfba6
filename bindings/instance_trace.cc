// --trace-recovery for instances that did not become bindings: every
// `new WebAssembly.Instance` and `WebAssembly.instantiate` of the program
// (not the bindings layer's own) gets a line saying where it came from and
// why wbhost does not recover it, so a user can tell at once whether a
// package is a binding. Set on the isolate only under --trace-recovery:
// without it, instantiation costs what it did.
#include <string>

#include "absl/strings/str_cat.h"
#include "bindings/recognizer.h"
#include "host/environment.h"
#include "host/file_util.h"
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

// V8 calls it first thing in `new WebAssembly.Instance` and
// `WebAssembly.instantiate`; false lets V8 go on as usual.
bool OnInstance(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  Environment* env = Environment::From(isolate);
  if (env == nullptr)
    return false;
  v8::HandleScope scope(isolate);
  v8::Local<v8::StackTrace> stack =
      v8::StackTrace::CurrentStackTrace(isolate, 16, v8::StackTrace::kScriptName);
  std::string caller;
  bool found = false;
  for (int i = 0; i < stack->GetFrameCount(); ++i) {
    v8::Local<v8::StackFrame> frame = stack->GetFrame(isolate, i);
    v8::Local<v8::String> name = frame->GetScriptName();
    std::string script = name.IsEmpty() ? "" : ToStd(isolate, name);
    // A binding's own instance: its line comes from the binding.
    if (i == 0 && IsBindingsFrame(script))
      return false;
    if (script.starts_with("wbhost:"))
      continue;
    caller = script;
    found = true;
    break;
  }
  if (!found && stack->GetFrameCount() > 0)
    return false;  // made by wbhost itself
  WriteStderr(absl::StrCat("wbhost: recovery: instance from ", caller.empty() ? "(eval)" : caller,
                           " is not a binding: ", WhyNotABinding(env, caller), "\n"));
  return false;
}

}  // namespace

void InstallInstanceTrace(Environment* env) {
  if (env->options().trace_recovery)
    env->isolate()->SetWasmInstanceCallback(OnInstance);
}

}  // namespace wbhost::bindings
