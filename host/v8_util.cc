#include "host/v8_util.h"

#include <cstring>

namespace wbhost {

v8::Local<v8::String> ToV8(v8::Isolate* isolate, std::string_view utf8) {
  v8::Local<v8::String> result;
  if (!v8::String::NewFromUtf8(isolate, utf8.data(), v8::NewStringType::kNormal,
                               static_cast<int>(utf8.size()))
           .ToLocal(&result)) {
    return v8::String::Empty(isolate);
  }
  return result;
}

v8::Local<v8::String> Symbolic(v8::Isolate* isolate, std::string_view utf8) {
  v8::Local<v8::String> result;
  if (!v8::String::NewFromUtf8(isolate, utf8.data(), v8::NewStringType::kInternalized,
                               static_cast<int>(utf8.size()))
           .ToLocal(&result)) {
    return v8::String::Empty(isolate);
  }
  return result;
}

std::string ToStd(v8::Isolate* isolate, v8::Local<v8::Value> value) {
  if (value.IsEmpty())
    return std::string();
  v8::TryCatch try_catch(isolate);
  v8::String::Utf8Value utf8(isolate, value);
  if (*utf8 == nullptr)
    return std::string();
  return std::string(*utf8, utf8.length());
}

void ThrowError(v8::Isolate* isolate, std::string_view message) {
  isolate->ThrowException(v8::Exception::Error(ToV8(isolate, message)));
}

void ThrowTypeError(v8::Isolate* isolate, std::string_view message) {
  isolate->ThrowException(v8::Exception::TypeError(ToV8(isolate, message)));
}

void ThrowRangeError(v8::Isolate* isolate, std::string_view message) {
  isolate->ThrowException(v8::Exception::RangeError(ToV8(isolate, message)));
}

void SetMethod(v8::Local<v8::Context> context,
               v8::Local<v8::Object> target,
               std::string_view name,
               v8::FunctionCallback callback,
               v8::Local<v8::Value> data) {
  v8::Isolate* isolate = context->GetIsolate();
  v8::Local<v8::String> key = Symbolic(isolate, name);
  v8::Local<v8::Function> fn;
  if (!v8::Function::New(context, callback, data, 0, v8::ConstructorBehavior::kThrow)
           .ToLocal(&fn)) {
    return;
  }
  fn->SetName(key);
  target->DefineOwnProperty(context, key, fn, v8::DontEnum).Check();
}

bool SetValue(v8::Local<v8::Context> context,
              v8::Local<v8::Object> target,
              std::string_view name,
              v8::Local<v8::Value> value,
              v8::PropertyAttribute attributes) {
  return target
      ->DefineOwnProperty(context, Symbolic(context->GetIsolate(), name), value, attributes)
      .FromMaybe(false);
}

v8::Local<v8::Value> DomError(v8::Isolate* isolate,
                              std::string_view name,
                              std::string_view message) {
  v8::Local<v8::Value> error = v8::Exception::Error(ToV8(isolate, message));
  error.As<v8::Object>()
      ->Set(isolate->GetCurrentContext(), Symbolic(isolate, "name"), ToV8(isolate, name))
      .Check();
  return error;
}

v8::Local<v8::ArrayBuffer> NewArrayBufferFrom(v8::Isolate* isolate, std::string_view bytes) {
  std::unique_ptr<v8::BackingStore> store = v8::ArrayBuffer::NewBackingStore(isolate, bytes.size());
  if (!bytes.empty())
    memcpy(store->Data(), bytes.data(), bytes.size());
  return v8::ArrayBuffer::New(isolate, std::move(store));
}

bool BufferSourceBytes(v8::Local<v8::Value> value, std::string* copy, std::string_view* bytes) {
  // Data(), not GetBackingStore(): TextDecoder.decode reads through this
  // on every string a binding returns.
  const char* data = nullptr;
  size_t length = 0;
  bool shared = false;
  if (value->IsArrayBufferView()) {
    v8::Local<v8::ArrayBufferView> view = value.As<v8::ArrayBufferView>();
    v8::Local<v8::ArrayBuffer> buffer = view->Buffer();
    data = static_cast<const char*>(buffer->Data());
    if (data != nullptr)
      data += view->ByteOffset();
    length = view->ByteLength();
    shared = buffer->IsSharedArrayBuffer();
  } else if (value->IsArrayBuffer()) {
    v8::Local<v8::ArrayBuffer> buffer = value.As<v8::ArrayBuffer>();
    data = static_cast<const char*>(buffer->Data());
    length = buffer->ByteLength();
  } else if (value->IsSharedArrayBuffer()) {
    v8::Local<v8::SharedArrayBuffer> buffer = value.As<v8::SharedArrayBuffer>();
    data = static_cast<const char*>(buffer->Data());
    length = buffer->ByteLength();
    shared = true;
  } else {
    return false;
  }
  if (data == nullptr || length == 0) {
    *bytes = std::string_view();  // empty or detached
  } else if (shared) {
    copy->assign(data, length);
    *bytes = *copy;
  } else {
    *bytes = std::string_view(data, length);
  }
  return true;
}

}  // namespace wbhost
