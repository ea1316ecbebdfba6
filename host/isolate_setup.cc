#include "host/isolate_setup.h"

#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "host/environment.h"
#include "host/error_report.h"
#include "host/exit_codes.h"
#include "host/globals/globals.h"
#include "host/modules/module_loader.h"
#include "host/modules/package_hook.h"
#include "host/output.h"
#include "host/v8_compat.h"
#include "host/v8_runtime.h"
#include "host/v8_util.h"
#include "libplatform/libplatform.h"

namespace wbhost {

namespace {

// Extra room granted when the heap nears its limit, so that V8 can reach
// the termination we request instead of dying of a fatal OOM first.
constexpr size_t kHeadroomBytes = 64u << 20;

size_t NearHeapLimit(void* data, size_t current_limit, size_t initial_limit) {
  auto* isolate = static_cast<v8::Isolate*>(data);
  if (Environment* env = Environment::From(isolate)) {
    env->RequestStop(StopReason::kOutOfMemory, kExitOutOfMemory);
  } else {
    isolate->TerminateExecution();
  }
  return current_limit + kHeadroomBytes;
}

void OnOutOfMemory(const char* location, const v8compat::OOMDetails& details) {
  // 13.6 may say more than where (10.2 never does).
  HostError(
      absl::StrCat("out of memory: ",
                   details.is_heap_oom ? "JavaScript heap exhausted" : "process memory exhausted",
                   " (", location ? location : "unknown",
                   details.detail ? absl::StrCat(": ", details.detail) : "", ")"));
  FlushStdout();
  _exit(kExitOutOfMemory);
}

void OnFatalError(const char* location, const char* message) {
  HostError(
      absl::StrCat("fatal V8 error in ", location ? location : "?", ": ", message ? message : ""));
  FlushStdout();
  _exit(kExitInternal);
}

void OnUncaught(v8::Local<v8::Message> message, v8::Local<v8::Value> error) {
  v8::Isolate* isolate = message->GetIsolate();
  if (Environment* env = Environment::From(isolate)) {
    env->loop().ReportUncaught(message, error);
  } else {
    WriteStdout(FormatException(isolate, error, message));
    FlushStdout();
  }
}

void OnPromiseReject(v8::PromiseRejectMessage message) {
  v8::Isolate* isolate = message.GetPromise()->GetIsolate();
  if (Environment* env = Environment::From(isolate)) {
    env->TrackRejection(message);
  }
}

// The length below which a string given to eval or new Function cannot be
// wasm-bindgen glue (whose smallest is a few KB): not looked at.
constexpr int kSourceHookMinLength = 512;

bool DisallowsCodeFromStrings(const ShellOptions& options) {
  for (const std::string& flag : options.v8_flags) {
    if (flag == "--disallow-code-generation-from-strings" ||
        flag == "--disallow_code_generation_from_strings") {
      return true;
    }
  }
  return false;
}

// eval and new Function with a string: the source hooks (package_hook.h)
// may run other text in its place. V8 asks only because host contexts
// disallow code generation from strings (context_factory.cc); it is
// allowed here as before, unless the program asked V8 to disallow it.
v8::ModifyCodeGenerationFromStringsResult OnCodeFromString(v8::Local<v8::Context> context,
                                                           v8::Local<v8::Value> source,
                                                           bool is_code_like) {
  v8::ModifyCodeGenerationFromStringsResult result;
  v8::Isolate* isolate = context->GetIsolate();
  Environment* env = Environment::From(isolate);
  if (env != nullptr && DisallowsCodeFromStrings(env->options()))
    return result;
  result.codegen_allowed = true;
  if (!source->IsString() || source.As<v8::String>()->Length() < kSourceHookMinLength)
    return result;
  v8::TryCatch try_catch(isolate);
  std::optional<std::string> replaced = RunSourceHooks(context, ToStd(isolate, source), "");
  if (replaced && !try_catch.HasCaught())
    result.modified_source = ToV8(isolate, *replaced);
  return result;
}

}  // namespace

void IsolateDeleter::operator()(v8::Isolate* isolate) const {
  // The platform keeps a task queue per isolate until told it is gone.
  if (v8::Platform* platform = V8Runtime::current_platform()) {
    v8::platform::NotifyIsolateShutdown(platform, isolate);
  }
  isolate->Dispose();
}

IsolatePtr NewHostIsolate(int64_t max_heap_mb) {
  v8::Isolate::CreateParams params;
  // Shared ownership: a SharedArrayBuffer's memory may outlive the isolate
  // that allocated it (a worker's, posted to its parent), and V8 keeps the
  // allocator alive as long as such memory when it holds a shared_ptr.
  params.array_buffer_allocator_shared.reset(v8::ArrayBuffer::Allocator::NewDefaultAllocator());
  if (max_heap_mb > 0) {
    params.constraints.ConfigureDefaultsFromHeapSize(0, static_cast<size_t>(max_heap_mb) << 20);
  }
  v8::Isolate* isolate = v8::Isolate::New(params);
  isolate->SetMicrotasksPolicy(v8::MicrotasksPolicy::kExplicit);
  isolate->AddNearHeapLimitCallback(NearHeapLimit, isolate);
  v8compat::SetOOMErrorHandler<OnOutOfMemory>(isolate);
  isolate->SetFatalErrorHandler(OnFatalError);
  isolate->SetPromiseRejectCallback(OnPromiseReject);
  isolate->AddMessageListenerWithErrorLevel(OnUncaught, v8::Isolate::kMessageError);
  ModuleLoader::InstallIsolateCallbacks(isolate);
  if (HasSourceHooks())
    isolate->SetModifyCodeGenerationFromStringsCallback(OnCodeFromString);
  InstallWasmStreaming(isolate);
  return IsolatePtr(isolate);
}

}  // namespace wbhost
