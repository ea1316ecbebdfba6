#include "tests/fuzz/v8_host.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "host/context_factory.h"
#include "host/script_runner.h"
#include "host/v8_runtime.h"

namespace wbhost::fuzz {

void V8Host::Initialize() {
  static bool started = false;
  if (started)
    return;
  started = true;
  (void)V8Runtime::SetFlags({"--single-threaded"});
  // Never torn down: V8 must outlive the isolate, which lives until exit.
  static auto* runtime = new V8Runtime(1);
  (void)runtime;
}

V8Host::V8Host(const std::string& program, const ShellOptions& options) : options_(options) {
  isolate_ = NewHostIsolate(256);
  v8::Isolate::Scope isolate_scope(isolate_.get());
  v8::HandleScope scope(isolate_.get());
  env_ = std::make_unique<Environment>(isolate_.get(), V8Runtime::current_platform(), options_);
  v8::Local<v8::Context> context = NewHostContext(env_.get()).ToLocalChecked();
  env_->set_main_context(context);
  v8::Context::Scope context_scope(context);
  context_.Reset(isolate_.get(), context);
  v8::Local<v8::Value> fn = CompileAndRunScript(context, program, "fuzz-program").ToLocalChecked();
  program_.Reset(isolate_.get(), fn.As<v8::Function>());
}

V8Host::~V8Host() {
  v8::Isolate::Scope isolate_scope(isolate_.get());
  program_.Reset();
  context_.Reset();
  env_.reset();
}

std::string V8Host::Call(const std::string& arg) {
  v8::Isolate* isolate = isolate_.get();
  v8::Isolate::Scope isolate_scope(isolate);
  v8::HandleScope scope(isolate);
  v8::Local<v8::Context> context = context_.Get(isolate);
  v8::Context::Scope context_scope(context);
  std::mutex mutex;
  std::condition_variable done_cv;
  bool done = false;
  std::thread watchdog([&] {
    std::unique_lock<std::mutex> lock(mutex);
    if (!done_cv.wait_for(lock, std::chrono::seconds(1), [&] { return done; })) {
      isolate->TerminateExecution();
    }
  });
  std::string result;
  {
    v8::TryCatch try_catch(isolate);
    v8::Local<v8::Value> input;
    if (!v8::String::NewFromUtf8(isolate, arg.data(), v8::NewStringType::kNormal,
                                 static_cast<int>(arg.size()))
             .ToLocal(&input)) {
      input = v8::String::Empty(isolate);
    }
    v8::Local<v8::Value> value;
    if (program_.Get(isolate)->Call(context, v8::Undefined(isolate), 1, &input).ToLocal(&value)) {
      v8::String::Utf8Value text(isolate, value);
      result = *text ? *text : "";
    } else if (try_catch.HasCaught() && !try_catch.HasTerminated()) {
      v8::String::Utf8Value text(isolate, try_catch.Exception());
      result = std::string("throw:") + (*text ? *text : "");
    } else {
      result = "throw:";
    }
    isolate->PerformMicrotaskCheckpoint();
  }
  {
    std::lock_guard<std::mutex> lock(mutex);
    done = true;
  }
  done_cv.notify_one();
  watchdog.join();
  isolate->CancelTerminateExecution();
  return result;
}

}  // namespace wbhost::fuzz
