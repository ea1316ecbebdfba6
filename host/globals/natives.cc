#include "host/globals/natives.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "host/js_builtins.h"

namespace wbhost {

namespace {

std::vector<std::pair<std::string, NativesInstallerFn>>& Registered() {
  static auto* list = new std::vector<std::pair<std::string, NativesInstallerFn>>();
  return *list;
}

}  // namespace

bool RegisterNativesInstaller(const char* builtin, NativesInstallerFn install) {
  Registered().emplace_back(builtin, install);
  return true;
}

void InstallNatives(v8::Local<v8::Context> context,
                    std::string_view builtin,
                    v8::Local<v8::Object> natives) {
  struct Entry {
    const char* builtin;
    NativesInstaller install;
  };
  static const Entry kEntries[] = {
      {"commonjs", InstallCommonJsNatives}, {"console", InstallConsoleNatives},
      {"encoding", InstallEncodingNatives}, {"fetch", InstallFetchNatives},
      {"inspect", InstallInspectNatives},   {"web", InstallWebNatives},
      {"wbhost", InstallWbhostNatives},
  };
  for (const Entry& entry : kEntries) {
    if (builtin == entry.builtin)
      entry.install(context, natives);
  }
  for (const auto& [name, install] : Registered()) {
    if (builtin == name)
      install(context, natives);
  }
}

}  // namespace wbhost
