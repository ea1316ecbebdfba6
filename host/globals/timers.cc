// setTimeout, setInterval, clearTimeout, clearInterval and queueMicrotask.
// Timer ids are numbers, as in browsers and d8; the event loop keeps the
// callbacks and fires them in deadline order, ties in creation order.
#include <vector>

#include "host/environment.h"
#include "host/globals/globals.h"
#include "host/v8_util.h"

namespace wbhost {

namespace {

void AddTimer(const v8::FunctionCallbackInfo<v8::Value>& info, bool repeat) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  if (info.Length() < 1 || !info[0]->IsFunction()) {
    ThrowTypeError(isolate, repeat ? "setInterval: callback must be a function"
                                   : "setTimeout: callback must be a function");
    return;
  }
  double delay = 0;
  if (info.Length() > 1)
    delay = info[1]->NumberValue(context).FromMaybe(0);
  std::vector<v8::Local<v8::Value>> args;
  for (int i = 2; i < info.Length(); ++i)
    args.push_back(info[i]);
  int64_t id = Environment::From(isolate)->loop().AddTimer(context, info[0].As<v8::Function>(),
                                                           std::move(args), delay, repeat);
  info.GetReturnValue().Set(v8::Number::New(isolate, static_cast<double>(id)));
}

void SetTimeout(const v8::FunctionCallbackInfo<v8::Value>& info) {
  AddTimer(info, false);
}

void SetInterval(const v8::FunctionCallbackInfo<v8::Value>& info) {
  AddTimer(info, true);
}

void ClearTimer(const v8::FunctionCallbackInfo<v8::Value>& info) {
  if (info.Length() < 1 || !info[0]->IsNumber())
    return;
  double id = info[0].As<v8::Number>()->Value();
  Environment::From(info.GetIsolate())->loop().ClearTimer(static_cast<int64_t>(id));
}

void QueueMicrotask(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  if (info.Length() < 1 || !info[0]->IsFunction()) {
    ThrowTypeError(isolate, "queueMicrotask: callback must be a function");
    return;
  }
  isolate->GetCurrentContext()->GetMicrotaskQueue()->EnqueueMicrotask(isolate,
                                                                      info[0].As<v8::Function>());
}

}  // namespace

void AddTimerGlobals(v8::Isolate* isolate, v8::Local<v8::ObjectTemplate> global) {
  struct Entry {
    const char* name;
    v8::FunctionCallback callback;
  };
  static const Entry kEntries[] = {
      {"setTimeout", SetTimeout},         {"setInterval", SetInterval},
      {"clearTimeout", ClearTimer},       {"clearInterval", ClearTimer},
      {"queueMicrotask", QueueMicrotask},
  };
  for (const Entry& entry : kEntries) {
    global->Set(Symbolic(isolate, entry.name),
                v8::FunctionTemplate::New(isolate, entry.callback, {}, {}, 0,
                                          v8::ConstructorBehavior::kThrow),
                v8::DontEnum);
  }
}

}  // namespace wbhost
