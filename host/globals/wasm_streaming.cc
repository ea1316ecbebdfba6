// WebAssembly.compileStreaming and instantiateStreaming: V8 provides them
// once the embedder sets a streaming callback, which gets the source (a
// Response or a promise of one) and feeds its bytes to V8. The bytes come
// from host/js/fetch.js (streamingBytes), so any Response works, fetched
// or made by the program.
#include <memory>

#include "host/globals/globals.h"
#include "host/js_builtins.h"
#include "host/v8_util.h"
#include "v8-wasm.h"

namespace wbhost {

namespace {

struct StreamingState {
  std::shared_ptr<v8::WasmStreaming> streaming;
};

void OnBytes(const v8::FunctionCallbackInfo<v8::Value>& info) {
  auto* state = static_cast<StreamingState*>(info.Data().As<v8::External>()->Value());
  std::shared_ptr<v8::WasmStreaming> streaming = std::move(state->streaming);
  delete state;
  if (!info[0]->IsArrayBuffer()) {
    streaming->Abort(v8::Exception::TypeError(ToV8(info.GetIsolate(), "no bytes")));
    return;
  }
  v8::Local<v8::ArrayBuffer> buffer = info[0].As<v8::ArrayBuffer>();
  streaming->OnBytesReceived(static_cast<const uint8_t*>(buffer->Data()), buffer->ByteLength());
  streaming->Finish();
}

void OnError(const v8::FunctionCallbackInfo<v8::Value>& info) {
  auto* state = static_cast<StreamingState*>(info.Data().As<v8::External>()->Value());
  std::shared_ptr<v8::WasmStreaming> streaming = std::move(state->streaming);
  delete state;
  streaming->Abort(info[0]);
}

void StreamingCallback(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  std::shared_ptr<v8::WasmStreaming> streaming = v8::WasmStreaming::Unpack(isolate, info.Data());
  v8::Local<v8::Object> fetch;
  v8::Local<v8::Value> bytes_fn;
  v8::Local<v8::Value> promise;
  v8::Local<v8::Value> source = info[0];
  v8::TryCatch try_catch(isolate);
  if (!LoadBuiltin(context, "fetch").ToLocal(&fetch) ||
      !fetch->Get(context, Symbolic(isolate, "streamingBytes")).ToLocal(&bytes_fn) ||
      !bytes_fn.As<v8::Function>()
           ->Call(context, v8::Undefined(isolate), 1, &source)
           .ToLocal(&promise) ||
      !promise->IsPromise()) {
    streaming->Abort(try_catch.HasCaught() ? try_catch.Exception()
                                           : v8::Exception::TypeError(ToV8(isolate, "streaming")));
    return;
  }
  // One state for both handlers; whichever runs frees it.
  auto* state = new StreamingState{streaming};
  v8::Local<v8::External> data = v8::External::New(isolate, state);
  v8::Local<v8::Function> on_bytes, on_error;
  if (!v8::Function::New(context, OnBytes, data).ToLocal(&on_bytes) ||
      !v8::Function::New(context, OnError, data).ToLocal(&on_error) ||
      promise.As<v8::Promise>()->Then(context, on_bytes, on_error).IsEmpty()) {
    delete state;
    streaming->Abort(v8::Exception::TypeError(ToV8(isolate, "streaming")));
  }
}

}  // namespace

void InstallWasmStreaming(v8::Isolate* isolate) {
  isolate->SetWasmStreamingCallback(StreamingCallback);
}

}  // namespace wbhost
