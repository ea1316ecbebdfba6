// Small conversions between C++ and V8 values, shared by every host file.
#ifndef HOST_V8_UTIL_H_
#define HOST_V8_UTIL_H_

#include <string>
#include <string_view>

#include "v8.h"

namespace wbhost {

// Makes a V8 string from UTF-8. Strings too long for V8 become "".
v8::Local<v8::String> ToV8(v8::Isolate* isolate, std::string_view utf8);

// Makes a V8 internalized string; for property names.
v8::Local<v8::String> Symbolic(v8::Isolate* isolate, std::string_view utf8);

// UTF-8 text of any value, as String(value) gives it; "" if that throws.
std::string ToStd(v8::Isolate* isolate, v8::Local<v8::Value> value);

// Throws a new error of the given kind in the current context.
void ThrowError(v8::Isolate* isolate, std::string_view message);
void ThrowTypeError(v8::Isolate* isolate, std::string_view message);
void ThrowRangeError(v8::Isolate* isolate, std::string_view message);

// The bytes of a BufferSource (an ArrayBuffer, a SharedArrayBuffer or a
// view of one): viewed where they are (nothing is copied to be looked
// at), except shared memory, which another thread may write meanwhile and
// which is copied into *copy first. A detached buffer has no bytes. False
// for anything else.
bool BufferSourceBytes(v8::Local<v8::Value> value, std::string* copy, std::string_view* bytes);

// A new ArrayBuffer holding a copy of `bytes`.
v8::Local<v8::ArrayBuffer> NewArrayBufferFrom(v8::Isolate* isolate, std::string_view bytes);

// A new Error whose name is `name` (a DOMException's shape, as web APIs
// throw them: DataCloneError, InvalidCharacterError).
v8::Local<v8::Value> DomError(v8::Isolate* isolate,
                              std::string_view name,
                              std::string_view message);

// Installs a native function as a non-enumerable property of `target`.
void SetMethod(v8::Local<v8::Context> context,
               v8::Local<v8::Object> target,
               std::string_view name,
               v8::FunctionCallback callback,
               v8::Local<v8::Value> data = {});

// Sets a plain data property; returns false if that threw.
bool SetValue(v8::Local<v8::Context> context,
              v8::Local<v8::Object> target,
              std::string_view name,
              v8::Local<v8::Value> value,
              v8::PropertyAttribute attributes = v8::DontEnum);

}  // namespace wbhost

#endif  // HOST_V8_UTIL_H_
