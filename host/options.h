// The shell's command line: what to run and how. Parsing is pure (no V8), so
// tests/options_test.cc covers it without an isolate.
#ifndef HOST_OPTIONS_H_
#define HOST_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace wbhost {

struct ShellOptions {
  // FILE to run; empty when none was given.
  std::string file;
  // --d8: d8's command line. Every FILE, in order, in one global scope
  // (`file` is the first); arguments after "--" are the script's.
  bool d8 = false;
  std::vector<std::string> files;
  // Run FILE (or -e code) as an ES module: --module, or FILE ends in .mjs.
  bool module = false;
  // -e CODE and -p CODE, in order. `print_result` applies to the last one.
  std::vector<std::string> eval_sources;
  bool print_result = false;
  // -i: the REPL after FILE / -e.
  bool interactive = false;
  bool help = false;
  bool version = false;
  bool v8_options = false;
  // --timeout=MS; 0 means none.
  int64_t timeout_ms = 0;
  // --max-heap=MB; 0 means V8's default.
  int64_t max_heap_mb = 0;
  // Everything after FILE or after "--": the script's arguments.
  std::vector<std::string> script_args;
  // Flags that are not wbhost's; handed to V8 in order.
  std::vector<std::string> v8_flags;

  // Recovery layer (bindings/, recovery/).
  bool recovery = true;
  bool recovery_strict = false;
  bool trace_recovery = false;
  bool standby = false;
  // --wasm-max-memory=MB: bounds every Wasm memory a binding makes; 0 = none.
  int64_t wasm_max_memory_mb = 0;
  // --checkpoint=after-start: each binding checkpointed once started; "".
  std::string checkpoint;

  // --allow-read=DIR[,DIR...] (host/read_policy.h); unset: every file.
  bool allow_read_set = false;
  std::vector<std::string> allow_read;
};

// The usage text of --help.
std::string UsageText();

// Parses argv (without argv[0]). InvalidArgument carries a one-line message
// for a usage error.
absl::StatusOr<ShellOptions> ParseOptions(const std::vector<std::string>& args);

}  // namespace wbhost

#endif  // HOST_OPTIONS_H_
