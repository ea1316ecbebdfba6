#include "host/globals/natives.h"

#include <string_view>

#include "host/js_builtins.h"

namespace wbhost {

void InstallNatives(v8::Local<v8::Context> context, std::string_view builtin,
                    v8::Local<v8::Object> natives) {
  struct Entry {
    const char* builtin;
    NativesInstaller install;
  };
  static const Entry kEntries[] = {
      {"console", InstallConsoleNatives},
      {"wbhost", InstallWbhostNatives},
  };
  for (const Entry& entry : kEntries) {
    if (builtin == entry.builtin) entry.install(context, natives);
  }
}

}  // namespace wbhost
