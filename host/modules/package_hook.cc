#include "host/modules/package_hook.h"

#include <vector>

namespace wbhost {

namespace {

std::vector<PackageHook>& Hooks() {
  static auto* hooks = new std::vector<PackageHook>();
  return *hooks;
}

std::vector<SourceHook>& SourceHooks() {
  static auto* hooks = new std::vector<SourceHook>();
  return *hooks;
}

}  // namespace

bool RegisterSourceHook(SourceHook hook) {
  SourceHooks().push_back(hook);
  return true;
}

bool HasSourceHooks() {
  return !SourceHooks().empty();
}

std::optional<std::string> RunSourceHooks(v8::Local<v8::Context> context,
                                          const std::string& source,
                                          const std::string& name) {
  for (SourceHook hook : SourceHooks()) {
    if (auto replacement = hook(context, source, name))
      return replacement;
  }
  return std::nullopt;
}

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
