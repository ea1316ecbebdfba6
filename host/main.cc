// wbhost's entry point: parse the command line, set V8's flags, start V8,
// then run the shell or a subcommand.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "host/error_report.h"
#include "host/exit_codes.h"
#include "host/file_util.h"
#include "host/options.h"
#include "host/output.h"
#include "host/read_policy.h"
#include "host/shell.h"
#include "host/test262/runner.h"
#include "host/v8_runtime.h"
#include "host/version.h"
#include "v8.h"

int main(int argc, char** argv) {
  using namespace wbhost;
#ifdef WBHOST_SYSROOT_LIB
  // Built against a sysroot's newer libc (V8 13.6): its iconv must load
  // its own modules, not this machine's, which its compiled-in path names.
  // Set before anything can convert; wbhost's children are wbhost.
  setenv("GCONV_PATH", WBHOST_SYSROOT_LIB "/gconv", 1);
#endif
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "test262") {
    if (absl::Status status = V8Runtime::SetFlags({}); !status.ok())
      return kExitUsage;
    V8Runtime runtime;
    int code = test262::RunTest262(std::vector<std::string>(args.begin() + 1, args.end()), runtime);
    FlushStdout();
    fflush(stderr);
    _exit(code);
  }
  absl::StatusOr<ShellOptions> options = ParseOptions(args);
  if (!options.ok()) {
    HostError(absl::StrCat(options.status().message(), " (wbhost --help lists the options)"));
    return kExitUsage;
  }
  if (options->help) {
    WriteStdout(UsageText());
    FlushStdout();
    return kExitOk;
  }
  if (options->version) {
    WriteStdout(absl::StrCat("wbhost ", kWbhostVersion, " (V8 ", v8::V8::GetVersion(), ")\n"));
    FlushStdout();
    return kExitOk;
  }
  if (options->v8_options) {
    PrintV8Options();
    return kExitOk;
  }
  if (absl::Status status =
          V8Runtime::SetFlags(options->v8_flags, options->d8 ? V8Runtime::UnknownFlags::kWarn
                                                             : V8Runtime::UnknownFlags::kRefuse);
      !status.ok()) {
    HostError(absl::StrCat(status.message(), " (wbhost --help lists the options)"));
    return kExitUsage;
  }
  if (options->allow_read_set) {
    if (absl::Status status = ReadPolicy::Restrict(options->allow_read); !status.ok()) {
      HostError(std::string(status.message()));
      return kExitUsage;
    }
    // The script named on the command line is readable wherever it is.
    if (!options->file.empty())
      ReadPolicy::AllowFile(options->file);
  }
  // A missing or unreadable FILE is a usage error, found before V8 starts.
  if (!options->file.empty()) {
    if (absl::Status status = CheckReadableFile(options->file); !status.ok()) {
      HostError(std::string(status.message()));
      return kExitUsage;
    }
  }
  V8Runtime runtime;
  return RunShell(*options, runtime);
}
