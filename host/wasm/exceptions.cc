// The C++ half of host/wasm/exceptions.js, run for every context: what
// must hold before any script runs, and the lazy entries to the rest.
//   - WebAssembly.Exception.prototype is an ordinary object, as the JS API
//     has it (V8 10.2 makes it an Error: `instanceof Error`, `name`,
//     `message`), tagged "WebAssembly.Exception". Done here, eagerly,
//     because exceptions Wasm throws have this prototype whether or not a
//     script ever names WebAssembly.Exception.
//   - WebAssembly.Exception is a lazy property: exceptions.js's constructor.
//   - WebAssembly.JSTag is a getter (a namespace attribute, as the API
//     specifies it) that makes the tag on first read.
// The natives of the builtin: `Exception`, V8's own constructor.
#include "host/context_factory.h"
#include "host/js_builtins.h"
#include "host/v8_util.h"

namespace wbhost {

namespace {

constexpr char kBuiltin[] = "wasm_exceptions";

v8::Local<v8::Private> RealExceptionKey(v8::Isolate* isolate) {
  return v8::Private::ForApi(isolate, ToV8(isolate, "wbhost:WebAssembly.Exception"));
}

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

void AdjustWebAssembly(Environment*, v8::Local<v8::Context> context) {
  v8::Isolate* isolate = context->GetIsolate();
  v8::HandleScope scope(isolate);
  v8::TryCatch try_catch(isolate);
  v8::Local<v8::Object> wasm;
  if (!WebAssemblyObject(context).ToLocal(&wasm))
    return;  // --no-expose-wasm
  v8::Local<v8::String> exception_name = Symbolic(isolate, "Exception");
  v8::Local<v8::Value> exception;
  v8::Local<v8::Value> prototype;
  if (!wasm->Get(context, exception_name).ToLocal(&exception) || !exception->IsFunction() ||
      !exception.As<v8::Object>()
           ->Get(context, Symbolic(isolate, "prototype"))
           .ToLocal(&prototype) ||
      !prototype->IsObject()) {
    return;
  }
  v8::Local<v8::Object> proto = prototype.As<v8::Object>();
  v8::Local<v8::Value> object_prototype = v8::Object::New(isolate)->GetPrototype();
  if (proto->SetPrototype(context, object_prototype).IsNothing())
    return;
  (void)proto->Delete(context, Symbolic(isolate, "name"));
  (void)proto->Delete(context, Symbolic(isolate, "message"));
  (void)proto->DefineOwnProperty(context, v8::Symbol::GetToStringTag(isolate),
                                 ToV8(isolate, "WebAssembly.Exception"),
                                 static_cast<v8::PropertyAttribute>(v8::ReadOnly | v8::DontEnum));

  // V8's constructor, for the builtin; the property becomes the builtin's.
  (void)wasm->SetPrivate(context, RealExceptionKey(isolate), exception);
  (void)wasm->Delete(context, exception_name);
  (void)wasm->SetLazyDataProperty(context, exception_name, LazyBuiltinGetter(),
                                  ToV8(isolate, "wasm_exceptions:Exception"), v8::DontEnum);

  v8::Local<v8::Function> getter;
  if (!v8::Function::New(context, GetJSTag, v8::Local<v8::Value>(), 0,
                         v8::ConstructorBehavior::kThrow)
           .ToLocal(&getter)) {
    return;
  }
  getter->SetName(Symbolic(isolate, "get JSTag"));
  wasm->SetAccessorProperty(Symbolic(isolate, "JSTag"), getter);
}

void InstallNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives) {
  v8::Isolate* isolate = context->GetIsolate();
  v8::Local<v8::Object> wasm;
  v8::Local<v8::Value> exception;
  if (!WebAssemblyObject(context).ToLocal(&wasm) ||
      !wasm->GetPrivate(context, RealExceptionKey(isolate)).ToLocal(&exception)) {
    return;
  }
  SetValue(context, natives, "Exception", exception);
}

const bool kHooked = RegisterContextHook(AdjustWebAssembly);
const bool kNatives = RegisterNativesInstaller(kBuiltin, InstallNatives);

}  // namespace

}  // namespace wbhost
