#include "host/modules/package_hook.h"

#include <vector>

namespace wbhost {

namespace {

std::vector<PackageHook>& Hooks() {
  static auto* hooks = new std::vector<PackageHook>();
  return *hooks;
}

}  // namespace

bool RegisterPackageHook(PackageHook hook) {
  Hooks().push_back(hook);
  return true;
}

HookResult RunPackageHooks(v8::Local<v8::Context> context,
                           const std::string& path,
                           HookUse use,
                           v8::Local<v8::Value>* replacement) {
  for (PackageHook hook : Hooks()) {
    HookResult result = hook(context, path, use, replacement);
    if (result != HookResult::kPass)
      return result;
  }
  return HookResult::kPass;
}

}  // namespace wbhost
