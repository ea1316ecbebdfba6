// The V8 API where V8 10.2 and V8 13.6 differ, written as 13.6's: each
// helper is the 13.6 call, with a 10.2 branch that goes when 10.2 does
// (then `v8compat::F(x, ...)` can become the 13.6 call it wraps).
//
// Invariant: under 10.2 every helper does exactly what the code did before
// there were two V8s; under 13.6 nothing here uses deprecated API.
#ifndef HOST_V8_COMPAT_H_
#define HOST_V8_COMPAT_H_

#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "v8-version.h"
#include "v8.h"

namespace wbhost::v8compat {

// v8::ScriptOrigin(args...): 10.2's takes the isolate first.
template <typename... Args>
v8::ScriptOrigin ScriptOrigin([[maybe_unused]] v8::Isolate* isolate, Args&&... args) {
#if V8_MAJOR_VERSION < 13
  return v8::ScriptOrigin(isolate, std::forward<Args>(args)...);
#else
  return v8::ScriptOrigin(std::forward<Args>(args)...);
#endif
}

// v8::String::WriteFlags, which 10.2 lacks.
#if V8_MAJOR_VERSION < 13
struct WriteFlags {
  enum { kNone = 0, kNullTerminate = 1, kReplaceInvalidUtf8 = 2 };
};
#else
using WriteFlags = v8::String::WriteFlags;
#endif

// string->Utf8LengthV2(isolate).
inline size_t Utf8Length(v8::Isolate* isolate, v8::Local<v8::String> string) {
#if V8_MAJOR_VERSION < 13
  return static_cast<size_t>(string->Utf8Length(isolate));
#else
  return string->Utf8LengthV2(isolate);
#endif
}

// string->WriteUtf8V2(isolate, buffer, capacity, flags, processed). On
// 10.2 a terminator asked for is written only if it fits.
inline size_t WriteUtf8(v8::Isolate* isolate,
                        v8::Local<v8::String> string,
                        char* buffer,
                        size_t capacity,
                        int flags = WriteFlags::kNone,
                        size_t* processed_characters = nullptr) {
#if V8_MAJOR_VERSION < 13
  int options = (flags & WriteFlags::kNullTerminate) ? 0 : v8::String::NO_NULL_TERMINATION;
  if (flags & WriteFlags::kReplaceInvalidUtf8)
    options |= v8::String::REPLACE_INVALID_UTF8;
  int read = 0;
  int written = string->WriteUtf8(
      isolate, buffer, static_cast<int>(std::min<size_t>(capacity, INT_MAX)), &read, options);
  if (processed_characters != nullptr)
    *processed_characters = static_cast<size_t>(read);
  return static_cast<size_t>(written);
#else
  return string->WriteUtf8V2(isolate, buffer, capacity, flags, processed_characters);
#endif
}

// string->WriteV2(isolate, offset, length, buffer): UTF-16 code units,
// no terminator.
inline void Write(v8::Isolate* isolate,
                  v8::Local<v8::String> string,
                  uint32_t offset,
                  uint32_t length,
                  uint16_t* buffer) {
#if V8_MAJOR_VERSION < 13
  string->Write(isolate, buffer, static_cast<int>(offset), static_cast<int>(length),
                v8::String::NO_NULL_TERMINATION);
#else
  string->WriteV2(isolate, offset, length, buffer);
#endif
}

// object->GetCreationContext(isolate).
inline v8::MaybeLocal<v8::Context> GetCreationContext([[maybe_unused]] v8::Isolate* isolate,
                                                      v8::Local<v8::Object> object) {
#if V8_MAJOR_VERSION < 13
  return object->GetCreationContext();
#else
  return object->GetCreationContext(isolate);
#endif
}

// object->GetPrototypeV2() / SetPrototypeV2(). The deprecated names
// differ only on a global proxy, whose hidden global object they see.
inline v8::Local<v8::Value> GetPrototype(v8::Local<v8::Object> object) {
#if V8_MAJOR_VERSION < 13
  return object->GetPrototype();
#else
  return object->GetPrototypeV2();
#endif
}
[[nodiscard]] inline v8::Maybe<bool> SetPrototype(v8::Local<v8::Object> object,
                                                  v8::Local<v8::Context> context,
                                                  v8::Local<v8::Value> prototype) {
#if V8_MAJOR_VERSION < 13
  return object->SetPrototype(context, prototype);
#else
  return object->SetPrototypeV2(context, prototype);
#endif
}

// buffer->Detach(key): Nothing, with an exception pending, when the
// buffer's detach key is not `key` (10.2 has no keys). The buffer must be
// detachable.
[[nodiscard]] inline v8::Maybe<bool> Detach(v8::Local<v8::ArrayBuffer> buffer,
                                            [[maybe_unused]] v8::Local<v8::Value> key = {}) {
#if V8_MAJOR_VERSION < 13
  buffer->Detach();
  return v8::Just(true);
#else
  return buffer->Detach(key);
#endif
}

// request->GetImportAttributes(): key, value, source offset triples
// (10.2 calls them import assertions).
inline v8::Local<v8::FixedArray> GetImportAttributes(v8::Local<v8::ModuleRequest> request) {
#if V8_MAJOR_VERSION < 13
  return request->GetImportAssertions();
#else
  return request->GetImportAttributes();
#endif
}

// v8::Module::CreateSyntheticModule: 13.6 takes a span, 10.2 a vector.
inline v8::Local<v8::Module> CreateSyntheticModule(
    v8::Isolate* isolate,
    v8::Local<v8::String> module_name,
    const std::vector<v8::Local<v8::String>>& export_names,
    v8::Module::SyntheticModuleEvaluationSteps evaluation_steps) {
#if V8_MAJOR_VERSION < 13
  return v8::Module::CreateSyntheticModule(isolate, module_name, export_names, evaluation_steps);
#else
  return v8::Module::CreateSyntheticModule(
      isolate, module_name,
      v8::MemorySpan<const v8::Local<v8::String>>(export_names.data(), export_names.size()),
      evaluation_steps);
#endif
}

// templ->SetNativeDataProperty(name, getter, setter). 10.2 keeps the
// ObjectTemplate::SetAccessor it had (13.6 removed it), which differs
// only for a write through an object that inherits the property.
inline void SetNativeDataProperty(v8::Local<v8::ObjectTemplate> templ,
                                  v8::Local<v8::Name> name,
                                  v8::AccessorNameGetterCallback getter,
                                  v8::AccessorNameSetterCallback setter) {
#if V8_MAJOR_VERSION < 13
  templ->SetAccessor(name, getter, setter);
#else
  templ->SetNativeDataProperty(name, getter, setter);
#endif
}

// v8::OOMDetails and isolate->SetOOMErrorHandler(Handler): 10.2's handler
// gets is_heap_oom alone (no detail).
#if V8_MAJOR_VERSION < 13
struct OOMDetails {
  bool is_heap_oom = false;
  const char* detail = nullptr;
};
#else
using OOMDetails = v8::OOMDetails;
#endif
template <void (*Handler)(const char* location, const OOMDetails& details)>
void SetOOMErrorHandler(v8::Isolate* isolate) {
#if V8_MAJOR_VERSION < 13
  isolate->SetOOMErrorHandler([](const char* location, bool is_heap_oom) {
    Handler(location, OOMDetails{is_heap_oom, nullptr});
  });
#else
  isolate->SetOOMErrorHandler(Handler);
#endif
}

}  // namespace wbhost::v8compat

#endif  // HOST_V8_COMPAT_H_
