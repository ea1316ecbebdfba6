#include "host/wasm/compile.h"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "bindings/wasm/code.h"
#include "bindings/wasm/eh_translate.h"
#include "host/v8_compat.h"
#include "host/v8_util.h"

namespace wbhost {

namespace {

// WBHOST_EH_OUTLINE=all (tools/test's differential run): every try_table
// with a ref clause goes through the outlining, so that the recovery and
// Wasm suites hold it to what the landing translation gives.
bindings::wasm::EhOptions EhOptions() {
  static const bool outline_all = [] {
    const char* value = std::getenv("WBHOST_EH_OUTLINE");
    return value != nullptr && std::string_view(value) == "all";
  }();
  bindings::wasm::EhOptions options;
  options.outline_all = outline_all;
  return options;
}

v8::MaybeLocal<v8::WasmModuleObject> Compile(v8::Isolate* isolate, std::string_view bytes) {
  return v8::WasmModuleObject::Compile(
      isolate,
      v8::MemorySpan<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
}

void ThrowCompileError(v8::Isolate* isolate, absl::string_view api, absl::string_view message) {
  if (isolate->IsExecutionTerminating())
    return;  // the termination goes on
  isolate->ThrowException(
      v8::Exception::WasmCompileError(ToV8(isolate, absl::StrCat(api, ": ", message))));
}

// Whether the translation's error is the one to give for bytes V8 refused:
// only if they use modern exception handling. For any other module V8's
// own error stands (it names what is wrong more precisely than a
// translation that could not read the bytes).
bool TranslationErrorStands(std::string_view bytes) {
  if (bindings::wasm::DeclaresExnRef(bytes))
    return true;
  auto features = bindings::wasm::ScanCode(bytes);
  return features.ok() && features->modern_eh;
}

// The translation of `bytes`, its exnref types checked: after outlining,
// exnref is externref, so an outlined module's twin with exnref as funcref
// (bindings/wasm/eh_translate.h) must compile too, or the original mixed
// exnref with another type. V8's error about the twin says where.
absl::StatusOr<std::string> Translate(v8::Isolate* isolate, std::string_view bytes) {
  auto translated = bindings::wasm::TranslateModernEh(bytes, EhOptions());
  if (!translated.ok() || !bindings::wasm::TranslatedWithOutlining(*translated))
    return translated;
  auto twin = bindings::wasm::ExnRefTypeTwin(bytes, EhOptions());
  if (!twin.ok())
    return twin.status();
  v8::TryCatch try_catch(isolate);
  if (!Compile(isolate, *twin).IsEmpty())
    return translated;
  if (try_catch.HasTerminated()) {
    try_catch.ReThrow();
    return absl::CancelledError("terminated");
  }
  std::string message = try_catch.HasCaught() ? ToStd(isolate, try_catch.Exception()) : "invalid";
  // "CompileError: WebAssembly.Module(): Compiling function #1 failed: ..."
  if (size_t at = message.find("(): "); at != std::string::npos)
    message = message.substr(at + 4);
  for (size_t at; (at = message.find("funcref")) != std::string::npos;)
    message.replace(at, 7, "exnref");
  return absl::InvalidArgumentError(absl::StrCat("exnref used as another type: ", message));
}

// An ArrayBuffer that owns `bytes` (no copy).
v8::Local<v8::ArrayBuffer> Adopt(v8::Isolate* isolate, std::string bytes) {
  auto* owned = new std::string(std::move(bytes));
  std::unique_ptr<v8::BackingStore> store = v8::ArrayBuffer::NewBackingStore(
      owned->data(), owned->size(),
      [](void*, size_t, void* owner) { delete static_cast<std::string*>(owner); }, owned);
  return v8::ArrayBuffer::New(isolate, std::move(store));
}

void TranslateEh(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  std::string copy;
  std::string_view bytes;
  if (!BufferSourceBytes(info[0], &copy, &bytes))
    return;  // not bytes: the caller's error stands
  auto translated = Translate(isolate, bytes);
  if (translated.ok()) {
    info.GetReturnValue().Set(Adopt(isolate, *std::move(translated)));
    return;
  }
  if (absl::IsFailedPrecondition(translated.status()) || !TranslationErrorStands(bytes))
    return;  // no modern exception handling: V8's error stands
  std::string api = info[1]->IsString() ? ToStd(isolate, info[1]) : "WebAssembly.Module()";
  ThrowCompileError(isolate, api, translated.status().message());
}

// Frees a translation's bytes once V8 has compiled them (or, compiling
// asynchronously, copied them): the next translation then reuses that
// memory rather than faulting in new pages, a MiB for a MiB of module, and
// V8's collector does not wait on it.
void ReleaseTranslation(const v8::FunctionCallbackInfo<v8::Value>& info) {
  if (!info[0]->IsArrayBuffer())
    return;
  v8::Local<v8::ArrayBuffer> buffer = info[0].As<v8::ArrayBuffer>();
  if (buffer->IsDetachable())
    (void)v8compat::Detach(buffer);
}

void DeclaresExnRef(const v8::FunctionCallbackInfo<v8::Value>& info) {
  std::string copy;
  std::string_view bytes;
  info.GetReturnValue().Set(BufferSourceBytes(info[0], &copy, &bytes) &&
                            bindings::wasm::DeclaresExnRef(bytes));
}

}  // namespace

v8::MaybeLocal<v8::WasmModuleObject> CompileWasm(v8::Isolate* isolate, std::string_view bytes) {
  v8::Local<v8::WasmModuleObject> module;
  std::string translated;
  if (bindings::wasm::DeclaresExnRef(bytes)) {
    // V8 10.2 refuses it: not asked first.
    auto result = Translate(isolate, bytes);
    if (!result.ok()) {
      ThrowCompileError(isolate, "WebAssembly.Module()", result.status().message());
      return {};
    }
    return Compile(isolate, *result);
  }
  {
    v8::TryCatch try_catch(isolate);
    if (Compile(isolate, bytes).ToLocal(&module))
      return module;
    if (try_catch.HasTerminated()) {
      try_catch.ReThrow();
      return {};
    }
    auto result = Translate(isolate, bytes);
    if (!result.ok() &&
        (absl::IsFailedPrecondition(result.status()) || !TranslationErrorStands(bytes))) {
      try_catch.ReThrow();  // V8's own error: not a question of exceptions
      return {};
    }
    try_catch.Reset();
    if (!result.ok()) {
      ThrowCompileError(isolate, "WebAssembly.Module()", result.status().message());
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
  SetMethod(context, natives, "declaresExnRef", DeclaresExnRef);
  SetMethod(context, natives, "releaseTranslation", ReleaseTranslation);
}

}  // namespace wbhost
