// What host/js/fetch.js needs: the current folder, reading a file, and
// running a function in a later task of the event loop (so fetch settles
// through the loop, as it would with a real network).
#include <unistd.h>

#include <cstring>
#include <memory>

#include "host/environment.h"
#include "host/file_util.h"
#include "host/globals/natives.h"
#include "host/v8_util.h"

namespace wbhost {

namespace {

void Cwd(const v8::FunctionCallbackInfo<v8::Value>& info) {
  info.GetReturnValue().Set(ToV8(info.GetIsolate(), AbsolutePath(".")));
}

void ReadBytes(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  auto data = ReadFileBytes(ToStd(isolate, info[0]));
  if (!data.ok()) {
    ThrowError(isolate, std::string(data.status().message()));
    return;
  }
  v8::Local<v8::ArrayBuffer> buffer = NewArrayBufferFrom(isolate, *data);
  info.GetReturnValue().Set(v8::Uint8Array::New(buffer, 0, buffer->ByteLength()));
}

void Later(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  if (!info[0]->IsFunction())
    return;
  auto fn = std::make_shared<v8::Global<v8::Function>>(isolate, info[0].As<v8::Function>());
  auto context = std::make_shared<v8::Global<v8::Context>>(isolate, isolate->GetCurrentContext());
  Environment::From(isolate)->loop().PostTask([isolate, fn, context] {
    v8::Local<v8::Context> ctx = context->Get(isolate);
    v8::Context::Scope scope(ctx);
    v8::TryCatch try_catch(isolate);
    (void)fn->Get(isolate)->Call(ctx, v8::Undefined(isolate), 0, nullptr);
  });
}

}  // namespace

void InstallFetchNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives) {
  SetMethod(context, natives, "cwd", Cwd);
  SetMethod(context, natives, "readBytes", ReadBytes);
  SetMethod(context, natives, "later", Later);
}

}  // namespace wbhost
