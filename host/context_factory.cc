#include "host/context_factory.h"

#include <memory>
#include <vector>

#include "host/context_data.h"
#include "host/environment.h"
#include "host/globals/globals.h"
#include "host/modules/package_hook.h"
#include "host/v8_util.h"
#include "host/wasm/exceptions.h"

namespace wbhost {

namespace {

v8::Local<v8::ObjectTemplate> GlobalTemplate(v8::Isolate* isolate) {
  // Built once per isolate; templates are cheap to instantiate again.
  static thread_local v8::Isolate* cached_isolate = nullptr;
  // Per thread: a worker's isolate lives on its own thread.
  static thread_local std::unique_ptr<v8::Eternal<v8::ObjectTemplate>> cached;
  if (cached_isolate != isolate || cached == nullptr) {
    v8::Local<v8::ObjectTemplate> global = v8::ObjectTemplate::New(isolate);
    AddD8Globals(isolate, global);
    AddRealmGlobal(isolate, global);
    AddTimerGlobals(isolate, global);
    AddWorkerGlobal(isolate, global);
    AddLazyGlobals(isolate, global);
    cached = std::make_unique<v8::Eternal<v8::ObjectTemplate>>(isolate, global);
    cached_isolate = isolate;
  }
  return cached->Get(isolate);
}

std::vector<ContextHook>& ContextHooks() {
  static auto* hooks = new std::vector<ContextHook>();
  return *hooks;
}

}  // namespace

bool RegisterContextHook(ContextHook hook) {
  ContextHooks().push_back(hook);
  return true;
}

v8::MaybeLocal<v8::Context> NewHostContext(Environment* env) {
  v8::Isolate* isolate = env->isolate();
  v8::EscapableHandleScope scope(isolate);
  v8::Local<v8::Context> context = v8::Context::New(isolate, nullptr, GlobalTemplate(isolate));
  if (context.IsEmpty())
    return {};
  context->SetAlignedPointerInEmbedderData(ContextData::kContextSlot, env->NewContextData());
  context->SetSecurityToken(Symbolic(isolate, "wbhost.realm"));
  v8::Context::Scope context_scope(context);
  // So that V8 asks before eval or new Function runs a string, and source
  // hooks may replace it (isolate_setup.cc OnCodeFromString allows it).
  if (HasSourceHooks())
    context->AllowCodeGenerationFromStrings(false);
  ReplaceV8Globals(context);
  AdjustWebAssembly(context);
  // d8's `arguments`: the script's arguments as an array of strings.
  const auto& args = env->options().script_args;
  v8::Local<v8::Array> array = v8::Array::New(isolate, static_cast<int>(args.size()));
  for (size_t i = 0; i < args.size(); ++i) {
    array->Set(context, static_cast<uint32_t>(i), ToV8(isolate, args[i])).Check();
  }
  SetValue(context, context->Global(), "arguments", array);
  for (ContextHook hook : ContextHooks())
    hook(env, context);
  return scope.Escape(context);
}

}  // namespace wbhost
