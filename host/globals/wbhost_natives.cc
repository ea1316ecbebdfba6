// What wbhost.js needs from C++: versions and the script's arguments.
#include "host/environment.h"
#include "host/globals/natives.h"
#include "host/js_builtins.h"
#include "host/v8_util.h"
#include "host/version.h"

namespace wbhost {

void InstallWbhostNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives) {
  v8::Isolate* isolate = context->GetIsolate();
  SetValue(context, natives, "wbhostVersion", ToV8(isolate, kWbhostVersion));
  SetValue(context, natives, "v8Version", ToV8(isolate, v8::V8::GetVersion()));
  const auto& args = Environment::From(isolate)->options().script_args;
  v8::Local<v8::Array> array = v8::Array::New(isolate, static_cast<int>(args.size()));
  for (size_t i = 0; i < args.size(); ++i) {
    array->Set(context, static_cast<uint32_t>(i), ToV8(isolate, args[i])).Check();
  }
  SetValue(context, natives, "args", array);
  // Properties other layers add (wbhost.bindings): [property, builtin, export].
  const auto& extra = RegisteredWbhostProperties();
  v8::Local<v8::Array> list = v8::Array::New(isolate, static_cast<int>(extra.size()));
  for (size_t i = 0; i < extra.size(); ++i) {
    v8::Local<v8::Value> triple[] = {ToV8(isolate, extra[i].property),
                                     ToV8(isolate, extra[i].builtin),
                                     ToV8(isolate, extra[i].export_name)};
    list->Set(context, static_cast<uint32_t>(i), v8::Array::New(isolate, triple, 3)).Check();
  }
  SetValue(context, natives, "extensions", list);
}

}  // namespace wbhost
