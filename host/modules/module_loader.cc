#include "host/modules/module_loader.h"

#include "host/environment.h"
#include "host/v8_util.h"

namespace wbhost {

ModuleLoader::ModuleLoader(Environment* env) : env_(env) {}
ModuleLoader::~ModuleLoader() = default;

void ModuleLoader::InstallIsolateCallbacks(v8::Isolate* isolate) {}

v8::MaybeLocal<v8::Value> ModuleLoader::RunMainModule(
    v8::Local<v8::Context> context, const std::string& path) {
  ThrowError(context->GetIsolate(), "ES modules are not supported yet");
  return {};
}

v8::MaybeLocal<v8::Value> ModuleLoader::RunModuleSource(
    v8::Local<v8::Context> context, const std::string& source,
    const std::string& url) {
  ThrowError(context->GetIsolate(), "ES modules are not supported yet");
  return {};
}

}  // namespace wbhost
