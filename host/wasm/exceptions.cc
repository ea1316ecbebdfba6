// The C++ half of host/wasm/exceptions.js, run for every context: what
// must hold before any script runs, and the lazy entries to the rest.
//   - WebAssembly.Module, Instance, compile, validate, instantiate,
//     compileStreaming, instantiateStreaming and Exception are lazy
//     properties: exceptions.js's, which compile modern exception handling
//     (compile.h) and honour JSTag; V8's own are its natives (`real`).
//   - WebAssembly.Exception.prototype is an ordinary object, as the JS API
//     has it (V8 10.2 makes it an Error: `instanceof Error`, `name`,
//     `message`), tagged "WebAssembly.Exception". Done here, eagerly,
//     because exceptions Wasm throws have this prototype whether or not a
//     script ever names WebAssembly.Exception.
//   - WebAssembly.JSTag is a getter (a namespace attribute, as the API
//     specifies it) that makes the tag on first read.
// The natives of the builtin: `real` (V8's functions) and compile.h's.
#include "host/wasm/exceptions.h"
#include "absl/strings/str_cat.h"
#include "host/js_builtins.h"
#include "host/v8_compat.h"
#include "host/v8_util.h"
#include "host/wasm/compile.h"

namespace wbhost {

namespace {

constexpr char kBuiltin[] = "wasm_exceptions";

v8::MaybeLocal<v8::Object> WebAssemblyObject(v8::Local<v8::Context> context) {
  v8::Local<v8::Value> value;
  if (!context->Global()
           ->Get(context, Symbolic(context->GetIsolate(), "WebAssembly"))
           .ToLocal(&value) ||
      !value->IsObject()) {
    return {};
  }
  return value.As<v8::Object>();
}

void GetJSTag(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Object> exports;
  v8::Local<v8::Value> make;
  v8::Local<v8::Value> tag;
  if (!LoadBuiltin(context, kBuiltin).ToLocal(&exports) ||
      !exports->Get(context, Symbolic(isolate, "jsTag")).ToLocal(&make) || !make->IsFunction() ||
      !make.As<v8::Function>()->Call(context, v8::Undefined(isolate), 0, nullptr).ToLocal(&tag)) {
    return;
  }
  info.GetReturnValue().Set(tag);
}

// The WebAssembly functions exceptions.js stands in for: V8's are kept,
// as privates of the namespace, for its natives.
constexpr const char* kReplaced[] = {"Module",
                                     "Instance",
                                     "compile",
                                     "validate",
                                     "instantiate",
                                     "compileStreaming",
                                     "instantiateStreaming",
                                     "Exception"};

v8::Local<v8::Private> RealKey(v8::Isolate* isolate, const char* name) {
  return v8::Private::ForApi(isolate, ToV8(isolate, absl::StrCat("wbhost:WebAssembly.", name)));
}

}  // namespace

void AdjustWebAssembly(v8::Local<v8::Context> context) {
  v8::Isolate* isolate = context->GetIsolate();
  v8::HandleScope scope(isolate);
  v8::TryCatch try_catch(isolate);
  v8::Local<v8::Object> wasm;
  if (!WebAssemblyObject(context).ToLocal(&wasm))
    return;  // --no-expose-wasm
  v8::Local<v8::Value> exception;
  v8::Local<v8::Value> prototype;
  if (!wasm->Get(context, Symbolic(isolate, "Exception")).ToLocal(&exception) ||
      !exception->IsFunction() ||
      !exception.As<v8::Object>()
           ->Get(context, Symbolic(isolate, "prototype"))
           .ToLocal(&prototype) ||
      !prototype->IsObject()) {
    return;
  }
  v8::Local<v8::Object> proto = prototype.As<v8::Object>();
  v8::Local<v8::Value> object_prototype = v8compat::GetPrototype(v8::Object::New(isolate));
  if (v8compat::SetPrototype(proto, context, object_prototype).IsNothing())
    return;
  (void)proto->Delete(context, Symbolic(isolate, "name"));
  (void)proto->Delete(context, Symbolic(isolate, "message"));
  (void)proto->DefineOwnProperty(context, v8::Symbol::GetToStringTag(isolate),
                                 ToV8(isolate, "WebAssembly.Exception"),
                                 static_cast<v8::PropertyAttribute>(v8::ReadOnly | v8::DontEnum));

  // V8's functions, for the builtin; each property becomes the builtin's
  // on first read.
  for (const char* name : kReplaced) {
    v8::Local<v8::String> key = Symbolic(isolate, name);
    v8::Local<v8::Value> value;
    if (!wasm->Get(context, key).ToLocal(&value) || !value->IsFunction())
      return;
    (void)wasm->SetPrivate(context, RealKey(isolate, name), value);
    (void)wasm->Delete(context, key);
    (void)wasm->SetLazyDataProperty(context, key, LazyBuiltinGetter(),
                                    ToV8(isolate, absl::StrCat(kBuiltin, ":", name)), v8::DontEnum);
  }

  v8::Local<v8::Function> getter;
  if (!v8::Function::New(context, GetJSTag, v8::Local<v8::Value>(), 0,
                         v8::ConstructorBehavior::kThrow)
           .ToLocal(&getter)) {
    return;
  }
  getter->SetName(Symbolic(isolate, "get JSTag"));
  wasm->SetAccessorProperty(Symbolic(isolate, "JSTag"), getter);
}

namespace {

void InstallNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives) {
  v8::Isolate* isolate = context->GetIsolate();
  v8::Local<v8::Object> wasm;
  if (!WebAssemblyObject(context).ToLocal(&wasm))
    return;
  v8::Local<v8::Object> real = v8::Object::New(isolate);
  for (const char* name : kReplaced) {
    v8::Local<v8::Value> value;
    if (wasm->GetPrivate(context, RealKey(isolate, name)).ToLocal(&value))
      SetValue(context, real, name, value);
  }
  SetValue(context, natives, "real", real);
  InstallCompileNatives(context, natives);
}

const bool kNatives = RegisterNativesInstaller(kBuiltin, InstallNatives);

}  // namespace

}  // namespace wbhost
