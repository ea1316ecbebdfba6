// d8's Realm API: Realm.create(), Realm.createAllowCrossRealmAccess(),
// Realm.global(i), Realm.eval(i, code), Realm.current(), Realm.owner(obj),
// Realm.dispose(i) and Realm.shared. Realm 0 is the main context. eshost's
// d8 runtime builds $262.createRealm and evalScript on these.
#include "host/context_factory.h"
#include "host/environment.h"
#include "host/globals/globals.h"
#include "host/script_runner.h"
#include "host/v8_compat.h"
#include "host/v8_util.h"

namespace wbhost {

namespace {

Environment* Env(const v8::FunctionCallbackInfo<v8::Value>& info) {
  return Environment::From(info.GetIsolate());
}

bool RealmArg(const v8::FunctionCallbackInfo<v8::Value>& info, v8::Local<v8::Context>* out) {
  v8::Isolate* isolate = info.GetIsolate();
  int index = -1;
  if (info.Length() > 0 && info[0]->IsNumber()) {
    index = info[0]->Int32Value(isolate->GetCurrentContext()).FromMaybe(-1);
  }
  if (!Env(info)->Realm(index).ToLocal(out)) {
    ThrowError(isolate, "Invalid realm index");
    return false;
  }
  return true;
}

void Create(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Local<v8::Context> context;
  if (!NewHostContext(Env(info)).ToLocal(&context))
    return;
  info.GetReturnValue().Set(Env(info)->AddRealm(context));
}

void Current(const v8::FunctionCallbackInfo<v8::Value>& info) {
  info.GetReturnValue().Set(Env(info)->RealmIndexOf(info.GetIsolate()->GetCurrentContext()));
}

void Owner(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  if (info.Length() < 1 || !info[0]->IsObject()) {
    ThrowError(isolate, "Invalid argument");
    return;
  }
  v8::Local<v8::Context> creation;
  if (!v8compat::GetCreationContext(isolate, info[0].As<v8::Object>()).ToLocal(&creation)) {
    info.GetReturnValue().Set(-1);
    return;
  }
  info.GetReturnValue().Set(Env(info)->RealmIndexOf(creation));
}

void Global(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Local<v8::Context> realm;
  if (!RealmArg(info, &realm))
    return;
  info.GetReturnValue().Set(realm->Global());
}

void Eval(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> realm;
  if (!RealmArg(info, &realm))
    return;
  if (info.Length() < 2) {
    ThrowError(isolate, "Realm.eval needs source");
    return;
  }
  std::string source = ToStd(isolate, info[1]);
  v8::Local<v8::Value> result;
  if (CompileAndRunScript(realm, source, "(realm eval)").ToLocal(&result)) {
    info.GetReturnValue().Set(result);
  }
}

void Dispose(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  int index = -1;
  if (info.Length() > 0) {
    index = info[0]->Int32Value(isolate->GetCurrentContext()).FromMaybe(-1);
  }
  if (index <= 0) {
    ThrowError(isolate, "Invalid realm index");
    return;
  }
  Env(info)->DisposeRealm(index);
}

void SharedGetter(v8::Local<v8::Name>, const v8::PropertyCallbackInfo<v8::Value>& info) {
  auto& shared = Environment::From(info.GetIsolate())->realm_shared();
  if (!shared.IsEmpty())
    info.GetReturnValue().Set(shared.Get(info.GetIsolate()));
}

void SharedSetter(v8::Local<v8::Name>,
                  v8::Local<v8::Value> value,
                  const v8::PropertyCallbackInfo<void>& info) {
  Environment::From(info.GetIsolate())->realm_shared().Reset(info.GetIsolate(), value);
}

}  // namespace

void AddRealmGlobal(v8::Isolate* isolate, v8::Local<v8::ObjectTemplate> global) {
  v8::Local<v8::ObjectTemplate> realm = v8::ObjectTemplate::New(isolate);
  struct Entry {
    const char* name;
    v8::FunctionCallback callback;
  };
  static const Entry kEntries[] = {
      {"create", Create},   {"createAllowCrossRealmAccess", Create},
      {"current", Current}, {"owner", Owner},
      {"global", Global},   {"eval", Eval},
      {"dispose", Dispose},
  };
  for (const Entry& entry : kEntries) {
    realm->Set(Symbolic(isolate, entry.name),
               v8::FunctionTemplate::New(isolate, entry.callback, {}, {}, 0,
                                         v8::ConstructorBehavior::kThrow));
  }
  v8compat::SetNativeDataProperty(realm, Symbolic(isolate, "shared"), SharedGetter, SharedSetter);
  global->Set(Symbolic(isolate, "Realm"), realm, v8::DontEnum);
}

}  // namespace wbhost
