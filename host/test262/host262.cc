#include "host/test262/host262.h"

#include "host/context_factory.h"
#include "host/environment.h"
#include "host/script_runner.h"
#include "host/test262/agents.h"
#include "host/v8_compat.h"
#include "host/v8_util.h"

namespace wbhost::test262 {

namespace {

TestHooks* HooksOf(const v8::FunctionCallbackInfo<v8::Value>& info) {
  return static_cast<TestHooks*>(info.Data().As<v8::External>()->Value());
}

void CapturePrint(const v8::FunctionCallbackInfo<v8::Value>& info) {
  std::string* printed = HooksOf(info)->printed;
  // Bounded: a test that floods its output is cut, not the runner.
  constexpr size_t kMaxPrinted = 1 << 20;
  for (int i = 0; i < info.Length(); ++i) {
    if (i > 0)
      printed->push_back(' ');
    printed->append(ToStd(info.GetIsolate(), info[i]));
  }
  printed->push_back('\n');
  if (printed->size() > kMaxPrinted)
    printed->resize(kMaxPrinted);
}

void Install262(v8::Local<v8::Context> context, TestHooks* hooks);

void CreateRealm(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> realm;
  if (!NewHostContext(Environment::From(isolate)).ToLocal(&realm))
    return;
  Install262(realm, HooksOf(info));
  v8::Local<v8::Value> dollar;
  if (realm->Global()->Get(realm, Symbolic(isolate, "$262")).ToLocal(&dollar)) {
    info.GetReturnValue().Set(dollar);
  }
}

void EvalScript(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  // The realm is the one whose $262 this is: the function's own context.
  v8::Local<v8::Context> realm;
  if (!v8compat::GetCreationContext(isolate, info.This()).ToLocal(&realm))
    return;
  v8::Local<v8::Value> result;
  if (CompileAndRunScript(realm, ToStd(isolate, info[0]), "evalScript").ToLocal(&result)) {
    info.GetReturnValue().Set(result);
  }
}

void DetachArrayBuffer(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  if (!info[0]->IsArrayBuffer()) {
    ThrowTypeError(isolate, "detachArrayBuffer: not an ArrayBuffer");
    return;
  }
  v8::Local<v8::ArrayBuffer> buffer = info[0].As<v8::ArrayBuffer>();
  if (!buffer->IsDetachable()) {
    ThrowTypeError(isolate, "detachArrayBuffer: this ArrayBuffer cannot be detached");
    return;
  }
  if (v8compat::Detach(buffer).IsNothing())
    return;
  info.GetReturnValue().SetNull();
}

void Gc(const v8::FunctionCallbackInfo<v8::Value>& info) {
  info.GetIsolate()->LowMemoryNotification();
}

void ReturnNull(const v8::FunctionCallbackInfo<v8::Value>& info) {
  info.GetReturnValue().SetNull();
}

void Install262(v8::Local<v8::Context> context, TestHooks* hooks) {
  v8::Isolate* isolate = context->GetIsolate();
  v8::Context::Scope scope(context);
  v8::Local<v8::External> data = v8::External::New(isolate, hooks);
  v8::Local<v8::Object> global = context->Global();
  v8::Local<v8::Function> print;
  if (v8::Function::New(context, CapturePrint, data).ToLocal(&print)) {
    SetValue(context, global, "print", print);
  }
  v8::Local<v8::Object> dollar = v8::Object::New(isolate);
  SetMethod(context, dollar, "createRealm", CreateRealm, data);
  SetMethod(context, dollar, "evalScript", EvalScript, data);
  SetMethod(context, dollar, "detachArrayBuffer", DetachArrayBuffer);
  SetMethod(context, dollar, "gc", Gc);
  SetValue(context, dollar, "global", global, v8::None);
  // An object typeof reports as "undefined" and that == null, like
  // document.all: what test262's IsHTMLDDA feature tests.
  v8::Local<v8::ObjectTemplate> dda = v8::ObjectTemplate::New(isolate);
  dda->MarkAsUndetectable();
  dda->SetCallAsFunctionHandler(ReturnNull);
  v8::Local<v8::Object> dda_object;
  if (dda->NewInstance(context).ToLocal(&dda_object)) {
    SetValue(context, dollar, "IsHTMLDDA", dda_object, v8::None);
  }
  if (hooks->agents != nullptr) {
    v8::Local<v8::Object> agent = v8::Object::New(isolate);
    hooks->agents->Install(context, agent);
    SetValue(context, dollar, "agent", agent);
  }
  SetValue(context, global, "$262", dollar);
}

}  // namespace

v8::MaybeLocal<v8::Context> NewTestContext(Environment* env, TestHooks* hooks) {
  v8::EscapableHandleScope scope(env->isolate());
  v8::Local<v8::Context> context;
  if (!NewHostContext(env).ToLocal(&context))
    return {};
  // d8's global `arguments` is the shell's; test262 checks that a script's
  // global scope has no such binding.
  (void)context->Global()->Delete(context, Symbolic(env->isolate(), "arguments"));
  Install262(context, hooks);
  return scope.Escape(context);
}

}  // namespace wbhost::test262
