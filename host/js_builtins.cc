#include "host/js_builtins.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "host/context_data.h"
#include "host/v8_compat.h"
#include "host/v8_util.h"

namespace wbhost {

namespace {

void RequireCallback(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  std::string name = ToStd(isolate, info[0]);
  v8::Local<v8::Object> exports;
  if (LoadBuiltin(isolate->GetCurrentContext(), name).ToLocal(&exports)) {
    info.GetReturnValue().Set(exports);
  }
}

void LazyGetter(v8::Local<v8::Name> property, const v8::PropertyCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  std::string spec = ToStd(isolate, info.Data());  // "builtin:export"
  size_t colon = spec.find(':');
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Object> exports;
  if (!LoadBuiltin(context, spec.substr(0, colon)).ToLocal(&exports))
    return;
  v8::Local<v8::Value> value;
  if (exports->Get(context, Symbolic(isolate, spec.substr(colon + 1))).ToLocal(&value)) {
    info.GetReturnValue().Set(value);
  }
}

std::vector<BuiltinTable>& Tables() {
  static auto* tables = new std::vector<BuiltinTable>();
  return *tables;
}

}  // namespace

v8::AccessorNameGetterCallback LazyBuiltinGetter() {
  return LazyGetter;
}

namespace {
std::vector<WbhostProperty>& WbhostProperties() {
  static auto* list = new std::vector<WbhostProperty>();
  return *list;
}
}  // namespace

bool RegisterWbhostProperty(const char* property, const char* builtin, const char* export_name) {
  WbhostProperties().push_back({property, builtin, export_name});
  return true;
}

const std::vector<WbhostProperty>& RegisteredWbhostProperties() {
  return WbhostProperties();
}

bool RegisterBuiltinTable(BuiltinTable table) {
  Tables().push_back(table);
  return true;
}

const BuiltinSource* FindBuiltinSource(std::string_view name) {
  if (const BuiltinSource* source = FindBuiltinSourceInHost(name))
    return source;
  for (BuiltinTable table : Tables()) {
    if (const BuiltinSource* source = table(name))
      return source;
  }
  return nullptr;
}

v8::MaybeLocal<v8::Object> LoadBuiltin(v8::Local<v8::Context> context, std::string_view name) {
  v8::Isolate* isolate = context->GetIsolate();
  v8::EscapableHandleScope scope(isolate);
  ContextData* data = ContextData::From(context);
  std::string key(name);
  auto cached = data->builtins().find(key);
  if (cached != data->builtins().end()) {
    return scope.Escape(cached->second.Get(isolate));
  }
  const BuiltinSource* source = FindBuiltinSource(name);
  if (source == nullptr) {
    ThrowError(isolate, absl::StrCat("wbhost: no host builtin '", std::string(name), "'"));
    return {};
  }
  v8::Context::Scope context_scope(context);
  v8::Local<v8::String> code;
  if (!v8::String::NewFromUtf8(isolate, source->data, v8::NewStringType::kNormal,
                               static_cast<int>(source->size))
           .ToLocal(&code)) {
    return {};
  }
  v8::ScriptOrigin origin =
      v8compat::ScriptOrigin(isolate, ToV8(isolate, absl::StrCat("wbhost:", std::string(name))));
  v8::Local<v8::Script> script;
  v8::Local<v8::Value> fn;
  if (!v8::Script::Compile(context, code, &origin).ToLocal(&script) ||
      !script->Run(context).ToLocal(&fn) || !fn->IsFunction()) {
    return {};
  }
  v8::Local<v8::Object> natives = v8::Object::New(isolate);
  InstallNatives(context, name, natives);
  v8::Local<v8::Function> require;
  if (!v8::Function::New(context, RequireCallback).ToLocal(&require))
    return {};
  v8::Local<v8::Value> args[] = {natives, require};
  v8::Local<v8::Value> result;
  if (!fn.As<v8::Function>()->Call(context, v8::Undefined(isolate), 2, args).ToLocal(&result)) {
    return {};
  }
  if (!result->IsObject()) {
    ThrowError(isolate,
               absl::StrCat("wbhost: builtin '", std::string(name), "' returned no exports"));
    return {};
  }
  data->builtins()[key].Reset(isolate, result.As<v8::Object>());
  return scope.Escape(result.As<v8::Object>());
}

void SetLazyBuiltinGlobal(v8::Isolate* isolate,
                          v8::Local<v8::ObjectTemplate> global,
                          std::string_view global_name,
                          std::string_view builtin,
                          std::string_view export_name) {
  global->SetLazyDataProperty(
      Symbolic(isolate, global_name), LazyGetter,
      ToV8(isolate, absl::StrCat(std::string(builtin), ":", std::string(export_name))),
      v8::DontEnum);
}

}  // namespace wbhost
