// What host/js/encoding.js needs: a native decoder per TextDecoder (the
// core is host/encoding/text_decoder.h) and UTF-8 encoding straight into
// and out of V8 strings. wasm-bindgen glue decodes on every string it gets
// back from Wasm and encodes every string it passes in, so these read and
// write the views' memory directly, with one copy at most.
#include <cstring>
#include <memory>

#include "host/encoding/text_decoder.h"
#include "host/environment.h"
#include "host/file_util.h"
#include "host/globals/natives.h"
#include "host/v8_compat.h"
#include "host/v8_util.h"

namespace wbhost {

namespace {

struct DecoderHandle {
  TextDecoderCore core;
  v8::Global<v8::Object> holder;
};

void DeleteDecoder(const v8::WeakCallbackInfo<DecoderHandle>& info) {
  DecoderHandle* handle = info.GetParameter();
  if (Environment* env = Environment::From(info.GetIsolate()))
    env->ReleaseNative(handle);
  handle->holder.Reset();
  delete handle;
}

DecoderHandle* Unwrap(v8::Local<v8::Value> value) {
  if (!value->IsObject())
    return nullptr;
  v8::Local<v8::Object> object = value.As<v8::Object>();
  if (object->InternalFieldCount() < 1)
    return nullptr;
  return static_cast<DecoderHandle*>(object->GetAlignedPointerFromInternalField(0));
}

// The template of decoder handles: one per isolate. V8 keeps what it
// instantiates from a template for good, so a template per decoder leaked
// about a kilobyte with each (each wasm-bindgen glue evaluation makes one).
v8::Local<v8::ObjectTemplate> HolderTemplate(v8::Isolate* isolate) {
  // Per thread: a worker's isolate lives on its own thread.
  static thread_local v8::Isolate* cached_isolate = nullptr;
  static thread_local std::unique_ptr<v8::Eternal<v8::ObjectTemplate>> cached;
  if (cached_isolate != isolate || cached == nullptr) {
    v8::Local<v8::ObjectTemplate> templ = v8::ObjectTemplate::New(isolate);
    templ->SetInternalFieldCount(1);
    cached = std::make_unique<v8::Eternal<v8::ObjectTemplate>>(isolate, templ);
    cached_isolate = isolate;
  }
  return cached->Get(isolate);
}

// newDecoder(label, fatal, ignoreBOM) -> handle, or a RangeError.
void NewDecoder(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  std::string label = ToStd(isolate, info[0]);
  std::optional<TextEncoding> encoding = EncodingForLabel(label);
  if (!encoding) {
    ThrowRangeError(isolate, "The encoding label provided ('" + label + "') is invalid.");
    return;
  }
  v8::Local<v8::Object> holder;
  if (!HolderTemplate(isolate)->NewInstance(context).ToLocal(&holder))
    return;
  auto* handle = new DecoderHandle{
      TextDecoderCore(*encoding, info[1]->BooleanValue(isolate), info[2]->BooleanValue(isolate)),
      {}};
  holder->SetAlignedPointerInInternalField(0, handle);
  handle->holder.Reset(isolate, holder);
  handle->holder.SetWeak(handle, DeleteDecoder, v8::WeakCallbackType::kParameter);
  if (Environment* env = Environment::From(isolate)) {
    env->KeepNative(handle, [handle] {
      handle->holder.Reset();
      delete handle;
    });
  }
  info.GetReturnValue().Set(holder);
}

// decode(handle, input, stream) -> string; a TypeError in fatal mode.
void Decode(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  DecoderHandle* handle = Unwrap(info[0]);
  if (handle == nullptr) {
    ThrowTypeError(isolate, "Illegal invocation");
    return;
  }
  std::string copy;
  std::string_view bytes;
  if (!info[1]->IsUndefined() && !BufferSourceBytes(info[1], &copy, &bytes)) {
    ThrowTypeError(isolate, "The \"input\" argument must be an ArrayBuffer or ArrayBufferView");
    return;
  }
  bool stream = info[2]->BooleanValue(isolate);
  TextDecoderCore& core = handle->core;
  // The common case (one whole UTF-8 buffer): V8's own UTF-8 decoder, which
  // replaces invalid input the way the standard does, straight from the
  // view's memory.
  if (!stream && core.encoding() == TextEncoding::kUtf8 && !core.mid_stream() &&
      bytes.size() < static_cast<size_t>(v8::String::kMaxLength) &&
      (!core.fatal() || IsValidUtf8(bytes))) {
    if (!core.ignore_bom() && bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
      bytes.remove_prefix(3);
    }
    v8::Local<v8::String> result;
    if (v8::String::NewFromUtf8(isolate, bytes.data(), v8::NewStringType::kNormal,
                                static_cast<int>(bytes.size()))
            .ToLocal(&result)) {
      info.GetReturnValue().Set(result);
    }
    return;
  }
  std::u16string out;
  if (!core.Decode(bytes, stream, &out)) {
    ThrowTypeError(isolate,
                   "The encoded data was not valid for encoding " +
                       std::string(core.encoding() == TextEncoding::kUtf8 ? "utf-8" : "utf-16le"));
    return;
  }
  v8::Local<v8::String> result;
  if (!v8::String::NewFromTwoByte(isolate, reinterpret_cast<const uint16_t*>(out.data()),
                                  v8::NewStringType::kNormal, static_cast<int>(out.size()))
           .ToLocal(&result)) {
    return;
  }
  info.GetReturnValue().Set(result);
}

// encode(string) -> Uint8Array of its UTF-8.
void Encode(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::String> text;
  if (!info[0]->ToString(isolate->GetCurrentContext()).ToLocal(&text))
    return;
  size_t length = v8compat::Utf8Length(isolate, text);
  std::unique_ptr<v8::BackingStore> store = v8::ArrayBuffer::NewBackingStore(isolate, length);
  if (length > 0) {
    v8compat::WriteUtf8(isolate, text, static_cast<char*>(store->Data()), length,
                        v8compat::WriteFlags::kReplaceInvalidUtf8);
  }
  v8::Local<v8::ArrayBuffer> buffer = v8::ArrayBuffer::New(isolate, std::move(store));
  info.GetReturnValue().Set(v8::Uint8Array::New(buffer, 0, length));
}

// encodeInto(string, uint8array, result) -> fills result.read / .written.
void EncodeInto(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::String> text;
  if (!info[0]->ToString(context).ToLocal(&text))
    return;
  if (!info[1]->IsUint8Array()) {
    ThrowTypeError(isolate, "The \"dest\" argument must be a Uint8Array");
    return;
  }
  v8::Local<v8::Uint8Array> dest = info[1].As<v8::Uint8Array>();
  char* base = static_cast<char*>(dest->Buffer()->Data()) + dest->ByteOffset();
  size_t capacity = dest->ByteLength();
  size_t read = 0;
  size_t written = capacity == 0
                       ? 0
                       : v8compat::WriteUtf8(isolate, text, base, capacity,
                                             v8compat::WriteFlags::kReplaceInvalidUtf8, &read);
  v8::Local<v8::Object> result = info[2].As<v8::Object>();
  result
      ->Set(context, Symbolic(isolate, "read"), v8::Number::New(isolate, static_cast<double>(read)))
      .Check();
  result
      ->Set(context, Symbolic(isolate, "written"),
            v8::Number::New(isolate, static_cast<double>(written)))
      .Check();
}

}  // namespace

void InstallEncodingNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives) {
  SetMethod(context, natives, "newDecoder", NewDecoder);
  SetMethod(context, natives, "decode", Decode);
  SetMethod(context, natives, "encode", Encode);
  SetMethod(context, natives, "encodeInto", EncodeInto);
}

}  // namespace wbhost
