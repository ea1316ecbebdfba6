// d8's Worker: `new Worker(file)`, `new Worker(source, {type: 'string'})` or
// `new Worker(fn, {type: 'function'})` runs the script in a new isolate on
// its own thread. Parent side: worker.postMessage(value, transfer),
// worker.getMessage() (blocks; undefined once the worker has ended),
// worker.terminate(), worker.terminateAndWait(). Worker side: the global
// `onmessage` gets `{data}` per message; postMessage(value, transfer) and
// close(). Values cross by structured clone: SharedArrayBuffers stay
// shared, transferred ArrayBuffers move (eshost's d8 runtime detaches an
// ArrayBuffer this way).
#include <memory>

#include "absl/strings/str_cat.h"
#include "host/environment.h"
#include "host/error_report.h"
#include "host/file_util.h"
#include "host/globals/globals.h"
#include "host/script_runner.h"
#include "host/serialized_message.h"
#include "host/v8_util.h"
#include "host/worker_thread.h"

namespace wbhost {

namespace {

// What a JS Worker object holds (internal field 0). The Environment holds
// the thread too, so that it is ended when the program ends even if the
// object was collected.
struct WorkerHandle {
  std::shared_ptr<WorkerThread> thread;
  v8::Global<v8::Object> object;
};

void DeleteHandle(const v8::WeakCallbackInfo<WorkerHandle>& info) {
  WorkerHandle* handle = info.GetParameter();
  if (Environment* env = Environment::From(info.GetIsolate()))
    env->ReleaseNative(handle);
  delete handle;
}

WorkerHandle* HandleOf(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Local<v8::Object> self = info.This();
  if (self->InternalFieldCount() < 1)
    return nullptr;
  return static_cast<WorkerHandle*>(self->GetAlignedPointerFromInternalField(0));
}

// The worker's side: runs on its thread.
void CallOnMessage(Environment* env,
                   v8::Local<v8::Context> context,
                   std::unique_ptr<SerializedMessage> message) {
  v8::Isolate* isolate = env->isolate();
  v8::TryCatch try_catch(isolate);
  v8::Local<v8::Value> handler;
  if (!context->Global()->Get(context, Symbolic(isolate, "onmessage")).ToLocal(&handler) ||
      !handler->IsFunction()) {
    return;
  }
  v8::Local<v8::Value> data;
  if (message->Deserialize(context).ToLocal(&data)) {
    v8::Local<v8::Object> event = v8::Object::New(isolate);
    event->CreateDataProperty(context, Symbolic(isolate, "data"), data).Check();
    v8::Local<v8::Value> argv[] = {event};
    v8::Local<v8::Value> ignored;
    (void)handler.As<v8::Function>()->Call(context, context->Global(), 1, argv).ToLocal(&ignored);
  }
  if (try_catch.HasCaught() && !try_catch.HasTerminated()) {
    ReportException(isolate, try_catch);
  }
}

void WorkerPostMessage(const v8::FunctionCallbackInfo<v8::Value>& info) {
  Environment* env = Environment::From(info.GetIsolate());
  WorkerThread* self = WorkerThread::Of(env);
  if (self == nullptr)
    return;
  auto message =
      SerializedMessage::Serialize(info.GetIsolate()->GetCurrentContext(), info[0], info[1]);
  if (message)
    self->PostToParent(std::move(message));
}

void WorkerClose(const v8::FunctionCallbackInfo<v8::Value>& info) {
  if (WorkerThread* self = WorkerThread::Of(Environment::From(info.GetIsolate()))) {
    self->Close();
  }
}

bool StartWorkerScript(std::string source,
                       std::string name,
                       Environment* env,
                       v8::Local<v8::Context> context) {
  v8::Isolate* isolate = env->isolate();
  SetMethod(context, context->Global(), "postMessage", WorkerPostMessage);
  SetMethod(context, context->Global(), "close", WorkerClose);
  v8::TryCatch try_catch(isolate);
  if (CompileAndRunScript(context, source, name).IsEmpty()) {
    if (!try_catch.HasTerminated())
      ReportException(isolate, try_catch);
  }
  return true;  // a failed script leaves the worker listening, as d8's does
}

// --- The parent's side.

void NewWorker(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  if (!info.IsConstructCall()) {
    ThrowTypeError(isolate, "Worker must be constructed with new");
    return;
  }
  std::string type = "classic";
  if (info[1]->IsObject()) {
    v8::Local<v8::Value> value;
    if (!info[1].As<v8::Object>()->Get(context, Symbolic(isolate, "type")).ToLocal(&value)) {
      return;
    }
    if (!value->IsUndefined())
      type = ToStd(isolate, value);
  }
  std::string source;
  std::string name;
  if (type == "string") {
    source = ToStd(isolate, info[0]);
    name = "worker";
  } else if (type == "function") {
    if (!info[0]->IsFunction()) {
      ThrowTypeError(isolate, "Worker: with type 'function' the first argument must be a function");
      return;
    }
    source = absl::StrCat("(", ToStd(isolate, info[0]), ")()");
    name = "worker";
  } else if (type == "classic") {
    name = ToStd(isolate, info[0]);
    auto bytes = ReadFileBytes(name);
    if (!bytes.ok()) {
      ThrowError(isolate, absl::StrCat("Worker: ", bytes.status().message()));
      return;
    }
    source = *std::move(bytes);
  } else {
    ThrowTypeError(isolate, absl::StrCat("Worker: unknown type '", type,
                                         "' (expected 'classic', 'string' or 'function')"));
    return;
  }
  Environment* env = Environment::From(isolate);
  WorkerThread::Hooks hooks;
  hooks.start = [source = std::move(source), name = std::move(name)](
                    Environment* worker_env, v8::Local<v8::Context> worker_context) {
    return StartWorkerScript(source, name, worker_env, worker_context);
  };
  hooks.on_message = CallOnMessage;
  auto thread = std::make_shared<WorkerThread>(env->platform(), env->options(), std::move(hooks));
  env->AdoptWorker(thread);
  auto* handle = new WorkerHandle{thread, {}};
  v8::Local<v8::Object> self = info.This();
  self->SetAlignedPointerInInternalField(0, handle);
  handle->object.Reset(isolate, self);
  handle->object.SetWeak(handle, DeleteHandle, v8::WeakCallbackType::kParameter);
  env->KeepNative(handle, [handle] {
    handle->object.Reset();
    delete handle;
  });
}

void PostMessage(const v8::FunctionCallbackInfo<v8::Value>& info) {
  WorkerHandle* handle = HandleOf(info);
  if (handle == nullptr)
    return;
  auto message =
      SerializedMessage::Serialize(info.GetIsolate()->GetCurrentContext(), info[0], info[1]);
  if (message)
    handle->thread->PostToWorker(std::move(message));
}

void GetMessage(const v8::FunctionCallbackInfo<v8::Value>& info) {
  WorkerHandle* handle = HandleOf(info);
  if (handle == nullptr)
    return;
  v8::Isolate* isolate = info.GetIsolate();
  Environment* env = Environment::From(isolate);
  auto message =
      handle->thread->WaitForMessage([env] { return env->stop_reason() != StopReason::kNone; });
  v8::Local<v8::Value> value;
  if (message && message->Deserialize(isolate->GetCurrentContext()).ToLocal(&value)) {
    info.GetReturnValue().Set(value);
  }
}

void Terminate(const v8::FunctionCallbackInfo<v8::Value>& info) {
  if (WorkerHandle* handle = HandleOf(info))
    handle->thread->Terminate();
}

void TerminateAndWait(const v8::FunctionCallbackInfo<v8::Value>& info) {
  if (WorkerHandle* handle = HandleOf(info)) {
    handle->thread->Terminate();
    handle->thread->Join();
  }
}

}  // namespace

void AddWorkerGlobal(v8::Isolate* isolate, v8::Local<v8::ObjectTemplate> global) {
  v8::Local<v8::FunctionTemplate> worker = v8::FunctionTemplate::New(isolate, NewWorker);
  worker->SetClassName(Symbolic(isolate, "Worker"));
  worker->InstanceTemplate()->SetInternalFieldCount(1);
  v8::Local<v8::Signature> signature = v8::Signature::New(isolate, worker);
  struct Method {
    const char* name;
    v8::FunctionCallback callback;
  };
  for (const Method& method :
       {Method{"postMessage", PostMessage}, Method{"getMessage", GetMessage},
        Method{"terminate", Terminate}, Method{"terminateAndWait", TerminateAndWait}}) {
    worker->PrototypeTemplate()->Set(
        Symbolic(isolate, method.name),
        v8::FunctionTemplate::New(isolate, method.callback, {}, signature, 0,
                                  v8::ConstructorBehavior::kThrow),
        v8::DontEnum);
  }
  global->Set(Symbolic(isolate, "Worker"), worker, v8::DontEnum);
}

}  // namespace wbhost
