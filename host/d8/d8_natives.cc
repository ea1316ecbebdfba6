// The C++ side of d8's `d8` object (object.js): what needs V8's API.
//
//   executeFile(name)      runs a file as a script in the current realm;
//                          an uncaught error is printed in d8's form, then
//                          Error 'Error executing file: "NAME"' is thrown
//   readFile(name, binary) a string, or an ArrayBuffer; d8's messages
//   setPromiseHooks(init, before, after, resolve)   Context::SetPromiseHooks
//   serialize(value)       ValueSerializer with no delegate: an ArrayBuffer
//   deserialize(buffer)    the value
//   terminate()            ends the running script, as d8.terminate()
//   installConditionalFeatures()
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "host/environment.h"
#include "host/error_report.h"
#include "host/exit_codes.h"
#include "host/file_util.h"
#include "host/js_builtins.h"
#include "host/modules/package_hook.h"
#include "host/script_runner.h"
#include "host/v8_util.h"

namespace wbhost {

namespace {

// d8's "Error loading file: NAME" for a file that is not there; the read
// policy's own refusal (--allow-read) keeps its message.
std::optional<std::string> ReadOrThrow(v8::Isolate* isolate, const std::string& name) {
  auto data = ReadFileBytes(name);
  if (data.ok())
    return *data;
  ThrowError(isolate, absl::IsNotFound(data.status()) ? absl::StrCat("Error loading file: ", name)
                                                      : std::string(data.status().message()));
  return std::nullopt;
}

void ReadFile(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  if (info.Length() < 1 || !info[0]->IsString()) {
    ThrowError(isolate, "Error converting filename to string");
    return;
  }
  std::optional<std::string> data = ReadOrThrow(isolate, ToStd(isolate, info[0]));
  if (!data)
    return;
  if (info[1]->IsTrue())
    info.GetReturnValue().Set(NewArrayBufferFrom(isolate, *data));
  else
    info.GetReturnValue().Set(ToV8(isolate, *data));
}

void ExecuteFile(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  if (!info[0]->IsString()) {
    ThrowError(isolate, "Cannot convert file name to string.");
    return;
  }
  std::string name = ToStd(isolate, info[0]);
  std::optional<std::string> source = ReadOrThrow(isolate, name);
  if (!source)
    return;
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  {
    v8::TryCatch try_catch(isolate);
    std::optional<std::string> replaced = RunSourceHooks(context, *source, name);
    v8::Local<v8::Value> result;
    if (!try_catch.HasCaught() &&
        CompileAndRunScript(context, replaced ? *replaced : *source, name).ToLocal(&result)) {
      return;
    }
    if (try_catch.HasTerminated()) {
      try_catch.ReThrow();
      return;
    }
    ReportException(isolate, try_catch);
  }
  // Thrown once the TryCatch above is gone, so that it reaches the caller.
  ThrowError(isolate, absl::StrCat("Error executing file: \"", name, "\""));
}

void SetPromiseHooks(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  auto hook = [&](int i) {
    return info[i]->IsFunction() ? info[i].As<v8::Function>() : v8::Local<v8::Function>();
  };
  isolate->GetCurrentContext()->SetPromiseHooks(hook(0), hook(1), hook(2), hook(3));
}

void Serialize(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::ValueSerializer serializer(isolate);
  serializer.WriteHeader();
  if (serializer.WriteValue(context, info[0]).IsNothing())
    return;  // DataCloneError thrown
  std::pair<uint8_t*, size_t> data = serializer.Release();
  info.GetReturnValue().Set(NewArrayBufferFrom(
      isolate, std::string_view(reinterpret_cast<const char*>(data.first), data.second)));
  free(data.first);
}

void Deserialize(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  if (!info[0]->IsArrayBuffer()) {
    ThrowError(isolate, "Can only deserialize from an ArrayBuffer");
    return;
  }
  std::shared_ptr<v8::BackingStore> store = info[0].As<v8::ArrayBuffer>()->GetBackingStore();
  v8::ValueDeserializer deserializer(isolate, static_cast<const uint8_t*>(store->Data()),
                                     store->ByteLength());
  {
    v8::TryCatch try_catch(isolate);
    v8::Local<v8::Value> value;
    if (deserializer.ReadHeader(context).FromMaybe(false) &&
        deserializer.ReadValue(context).ToLocal(&value)) {
      info.GetReturnValue().Set(value);
      return;
    }
    if (try_catch.HasTerminated()) {
      try_catch.ReThrow();
      return;
    }
  }
  ThrowError(isolate, "Unable to deserialize cloned data.");
}

// As d8: the running script ends here (an uncaught termination, exit 1).
void Terminate(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  Environment::From(isolate)->set_exit_code(kExitUncaught);
  isolate->TerminateExecution();
}

void InstallConditionalFeatures(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  isolate->InstallConditionalFeatures(isolate->GetCurrentContext());
}

void InstallD8Natives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives) {
  SetMethod(context, natives, "readFile", ReadFile);
  SetMethod(context, natives, "executeFile", ExecuteFile);
  SetMethod(context, natives, "setPromiseHooks", SetPromiseHooks);
  SetMethod(context, natives, "serialize", Serialize);
  SetMethod(context, natives, "deserialize", Deserialize);
  SetMethod(context, natives, "terminate", Terminate);
  SetMethod(context, natives, "installConditionalFeatures", InstallConditionalFeatures);
}

const bool kRegistered = RegisterNativesInstaller("d8_object", InstallD8Natives);

}  // namespace

}  // namespace wbhost
