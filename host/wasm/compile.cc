#include "host/wasm/compile.h"

#include <cstring>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "bindings/wasm/eh_translate.h"
#include "host/v8_util.h"

namespace wbhost {

namespace {

v8::MaybeLocal<v8::WasmModuleObject> Compile(v8::Isolate* isolate, std::string_view bytes) {
  return v8::WasmModuleObject::Compile(
      isolate,
      v8::MemorySpan<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
}

void ThrowCompileError(v8::Isolate* isolate, absl::string_view message) {
  isolate->ThrowException(v8::Exception::WasmCompileError(
      ToV8(isolate, absl::StrCat("WebAssembly.Module(): ", message))));
}

bool BufferSource(v8::Local<v8::Value> value, std::string* bytes) {
  if (value->IsArrayBufferView()) {
    v8::Local<v8::ArrayBufferView> view = value.As<v8::ArrayBufferView>();
    bytes->resize(view->ByteLength());
    view->CopyContents(bytes->data(), bytes->size());
    return true;
  }
  if (value->IsArrayBuffer() || value->IsSharedArrayBuffer()) {
    std::shared_ptr<v8::BackingStore> store =
        value->IsArrayBuffer() ? value.As<v8::ArrayBuffer>()->GetBackingStore()
                               : value.As<v8::SharedArrayBuffer>()->GetBackingStore();
    bytes->assign(static_cast<const char*>(store->Data()), store->ByteLength());
    return true;
  }
  return false;
}

void TranslateEh(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  std::string bytes;
  if (!BufferSource(info[0], &bytes))
    return;  // not bytes: the caller's error stands
  auto translated = bindings::wasm::TranslateModernEh(bytes);
  if (absl::IsFailedPrecondition(translated.status()))
    return;  // no modern exception handling
  if (!translated.ok()) {
    ThrowCompileError(isolate, translated.status().message());
    return;
  }
  std::unique_ptr<v8::BackingStore> store =
      v8::ArrayBuffer::NewBackingStore(isolate, translated->size());
  std::memcpy(store->Data(), translated->data(), translated->size());
  info.GetReturnValue().Set(v8::ArrayBuffer::New(isolate, std::move(store)));
}

}  // namespace

v8::MaybeLocal<v8::WasmModuleObject> CompileWasm(v8::Isolate* isolate, std::string_view bytes) {
  v8::Local<v8::WasmModuleObject> module;
  std::string translated;
  {
    v8::TryCatch try_catch(isolate);
    if (Compile(isolate, bytes).ToLocal(&module))
      return module;
    if (try_catch.HasTerminated()) {
      try_catch.ReThrow();
      return {};
    }
    auto result = bindings::wasm::TranslateModernEh(bytes);
    if (absl::IsFailedPrecondition(result.status())) {
      try_catch.ReThrow();  // V8's own error: not a question of exceptions
      return {};
    }
    try_catch.Reset();
    if (!result.ok()) {
      ThrowCompileError(isolate, result.status().message());
      try_catch.ReThrow();
      return {};
    }
    translated = *std::move(result);
  }
  // V8's error, if any, about the translation stands.
  return Compile(isolate, translated);
}

void InstallCompileNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives) {
  SetMethod(context, natives, "translateEh", TranslateEh);
}

}  // namespace wbhost
