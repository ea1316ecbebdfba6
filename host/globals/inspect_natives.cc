// What host/js/inspect.js cannot see from JS: a promise's state and
// result, and whether an object is a proxy (and its target).
#include "host/globals/natives.h"
#include "host/v8_util.h"

namespace wbhost {

namespace {

void PromiseState(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  if (!info[0]->IsPromise())
    return;
  v8::Local<v8::Promise> promise = info[0].As<v8::Promise>();
  const char* state = "pending";
  v8::Local<v8::Value> result = v8::Undefined(isolate);
  switch (promise->State()) {
    case v8::Promise::kFulfilled:
      state = "fulfilled";
      result = promise->Result();
      break;
    case v8::Promise::kRejected:
      state = "rejected";
      result = promise->Result();
      break;
    case v8::Promise::kPending:
      break;
  }
  v8::Local<v8::Value> pair[] = {ToV8(isolate, state), result};
  info.GetReturnValue().Set(v8::Array::New(isolate, pair, 2));
}

void IsProxy(const v8::FunctionCallbackInfo<v8::Value>& info) {
  info.GetReturnValue().Set(info[0]->IsProxy());
}

void ProxyTarget(const v8::FunctionCallbackInfo<v8::Value>& info) {
  if (info[0]->IsProxy())
    info.GetReturnValue().Set(info[0].As<v8::Proxy>()->GetTarget());
}

}  // namespace

void InstallInspectNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives) {
  SetMethod(context, natives, "promiseState", PromiseState);
  SetMethod(context, natives, "isProxy", IsProxy);
  SetMethod(context, natives, "proxyTarget", ProxyTarget);
}

}  // namespace wbhost
