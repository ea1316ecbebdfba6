// `wbhost test262`'s command line: what a run is asked to do.
#ifndef HOST_TEST262_OPTIONS_H_
#define HOST_TEST262_OPTIONS_H_

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace wbhost::test262 {

struct Options {
  std::vector<std::string> paths;
  std::string test262_dir;
  std::string parser_tests_dir;
  std::string json_file;
  std::string expectations_file;
  bool update_expectations = false;
  int jobs = 0;
  int64_t timeout_ms = 10000;
  std::set<std::string> features;          // only tests needing one of these
  std::set<std::string> exclude_features;  // skip tests needing any of these
  std::set<std::string> flags;             // only tests with one of these flags
  int shard_index = 0;
  int shard_count = 1;
  bool worker_process = false;     // internal: run jobs from stdin
  bool standby = false;            // wasm-bindgen bindings keep a spare generation
  int64_t wasm_max_memory_mb = 0;  // bindings' memories bounded, as wbhost's option
  std::string junit_file;
  std::vector<std::string> merge_files;  // --merge: JSON results to combine
};

// The options in `args` (after "test262"); nullopt with *error set for bad
// ones. --help prints the usage and exits.
std::optional<Options> ParseArgs(const std::vector<std::string>& args, std::string* error);

}  // namespace wbhost::test262

#endif  // HOST_TEST262_OPTIONS_H_
