#include "host/v8_runtime.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "host/waking_platform.h"
#include "libplatform/libplatform.h"
#include "v8-version.h"
#include "v8.h"

namespace wbhost {

absl::Status V8Runtime::SetFlags(const std::vector<std::string>& flags, UnknownFlags unknown) {
#if V8_MAJOR_VERSION < 13
  // The host's defaults, before the user's flags so those can override:
  // import assertions (JSON modules) are behind a flag in V8 10.2 (13.6
  // has import attributes on, and no such flag).
  static const char kDefaults[] = "--harmony-import-assertions";
  v8::V8::SetFlagsFromString(kDefaults, sizeof(kDefaults) - 1);
#endif
  if (flags.empty())
    return absl::OkStatus();
  std::vector<char*> argv;
  std::vector<std::string> copies;
  for (const std::string& flag : flags) {
#if V8_MAJOR_VERSION < 13
    // Flags of later V8s for features wbhost gives 10.2 itself (modern
    // exception handling: host/wasm/compile.h): accepted, and nothing to
    // do. 13.6 has the flag (on by default) and gets it.
    if (flag == "--experimental-wasm-exnref" || flag == "--no-experimental-wasm-exnref" ||
        flag == "--experimental_wasm_exnref")
      continue;
#endif
    copies.push_back(flag);
  }
  if (copies.empty())
    return absl::OkStatus();
  argv.push_back(const_cast<char*>("wbhost"));
  for (std::string& flag : copies)
    argv.push_back(flag.data());
  int argc = static_cast<int>(argv.size());
  // remove_flags leaves in argv only what V8 did not recognise.
  v8::V8::SetFlagsFromCommandLine(&argc, argv.data(), true);
  if (argc > 1 && unknown == UnknownFlags::kWarn) {
    // d8's habit: test runners pass flags of other V8 versions.
    for (int i = 1; i < argc; ++i)
      fprintf(stderr, "Warning: unknown flag %s.\nTry --help for options\n", argv[i]);
    return absl::OkStatus();
  }
  if (argc > 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown option '", argv[1], "' (not a wbhost or V8 flag)"));
  }
  return absl::OkStatus();
}

namespace {
v8::Platform* g_platform = nullptr;
}  // namespace

V8Runtime::V8Runtime(int worker_threads) {
  v8::V8::InitializeICUDefaultLocation("wbhost");
  platform_ = v8::platform::NewDefaultPlatform(worker_threads);
  waking_platform_ = NewWakingPlatform(platform_.get());
  v8::V8::InitializePlatform(waking_platform_.get());
  v8::V8::Initialize();
  g_platform = platform_.get();
}

v8::Platform* V8Runtime::current_platform() {
  return g_platform;
}

V8Runtime::~V8Runtime() {
  g_platform = nullptr;
  v8::V8::Dispose();
  v8::V8::DisposePlatform();
}

void PrintV8Options() {
  // V8 prints its flag list when given --help.
  int argc = 2;
  char arg0[] = "wbhost";
  char arg1[] = "--help";
  char* argv[] = {arg0, arg1, nullptr};
  v8::V8::SetFlagsFromCommandLine(&argc, argv, true);
}

}  // namespace wbhost
