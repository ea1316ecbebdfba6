#include "host/isolate_setup.h"

#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "host/environment.h"
#include "host/error_report.h"
#include "host/exit_codes.h"
#include "host/globals/globals.h"
#include "host/modules/module_loader.h"
#include "host/output.h"
#include "host/v8_runtime.h"
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

void OnOutOfMemory(const char* location, bool is_heap_oom) {
  HostError(absl::StrCat(
      "out of memory: ", is_heap_oom ? "JavaScript heap exhausted" : "process memory exhausted",
      " (", location ? location : "unknown", ")"));
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
  isolate->SetOOMErrorHandler(OnOutOfMemory);
  isolate->SetFatalErrorHandler(OnFatalError);
  isolate->SetPromiseRejectCallback(OnPromiseReject);
  isolate->AddMessageListenerWithErrorLevel(OnUncaught, v8::Isolate::kMessageError);
  ModuleLoader::InstallIsolateCallbacks(isolate);
  InstallWasmStreaming(isolate);
  return IsolatePtr(isolate);
}

}  // namespace wbhost
