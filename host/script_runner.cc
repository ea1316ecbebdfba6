#include "host/script_runner.h"

#include "host/v8_compat.h"
#include "host/v8_util.h"

namespace wbhost {

v8::MaybeLocal<v8::Value> CompileAndRunScript(v8::Local<v8::Context> context,
                                              std::string_view source,
                                              std::string_view name) {
  v8::Isolate* isolate = context->GetIsolate();
  v8::EscapableHandleScope scope(isolate);
  v8::Context::Scope context_scope(context);
  v8::ScriptOrigin origin = v8compat::ScriptOrigin(isolate, ToV8(isolate, name));
  v8::Local<v8::Script> script;
  if (!v8::Script::Compile(context, ToV8(isolate, source), &origin).ToLocal(&script)) {
    return {};
  }
  v8::Local<v8::Value> result;
  if (!script->Run(context).ToLocal(&result))
    return {};
  return scope.Escape(result);
}

}  // namespace wbhost
