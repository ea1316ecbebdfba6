#include "host/test262/options.h"

#include <unistd.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "host/output.h"

namespace wbhost::test262 {

namespace {

const char kUsage[] = R"(Usage: wbhost test262 [options] PATH...

Runs tests in test262's format (a tc39/test262 checkout or the project's
js-tests/) and the test262-parser-tests corpus. PATH is a file or folder.

  --test262-dir DIR        the checkout whose harness/ to use (default: found
                           by walking up from PATH to a folder with harness/)
  --parser-tests DIR       run the test262-parser-tests corpus in DIR
  -j N                     parallel workers (default: one per core)
  --timeout MS             per-test timeout (default 10000)
  --features A,B           only tests that need one of these features
  --exclude-features A,B   skip tests that need any of these features
  --flags A,B              only tests with one of these flags
  --shard I/N              run the I-th of N slices (1-based)
  --json FILE              write one record per test and scenario
  --junit FILE             write a JUnit XML report
  --merge A.json B.json... combine shards' --json files into one report
                           (with --json FILE / --junit FILE for the output)
  --expectations FILE      known failures: only other results fail the run
  --standby                run with a spare generation per wasm-bindgen
                           binding, as `wbhost --standby` does
  --wasm-max-memory MB     bound wasm-bindgen bindings' memories, as
                           `wbhost --wasm-max-memory` does
  --update-expectations    rewrite FILE with this run's failures

The last line is `N passed, N failed, N skipped`.
)";

}  // namespace

std::optional<Options> ParseArgs(const std::vector<std::string>& args, std::string* error) {
  Options options;
  auto list = [](const std::string& text) {
    std::set<std::string> out;
    for (absl::string_view item : absl::StrSplit(text, ',', absl::SkipEmpty())) {
      out.insert(std::string(item));
    }
    return out;
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&](std::string* out) {
      size_t eq = arg.find('=');
      if (eq != std::string::npos) {
        *out = arg.substr(eq + 1);
        return true;
      }
      if (i + 1 >= args.size()) {
        *error = absl::StrCat("option '", arg, "' needs a value");
        return false;
      }
      *out = args[++i];
      return true;
    };
    std::string v;
    std::string name = arg.substr(0, arg.find('='));
    // Options that take a path or a name as they are.
    static const std::pair<const char*, std::string Options::*> kTextOptions[] = {
        {"--test262-dir", &Options::test262_dir},
        {"--parser-tests", &Options::parser_tests_dir},
        {"--json", &Options::json_file},
        {"--junit", &Options::junit_file},
        {"--expectations", &Options::expectations_file},
    };
    // And those that take a comma-separated list.
    static const std::pair<const char*, std::set<std::string> Options::*> kListOptions[] = {
        {"--features", &Options::features},
        {"--exclude-features", &Options::exclude_features},
        {"--flags", &Options::flags},
    };
    std::string Options::*text = nullptr;
    for (const auto& [option, member] : kTextOptions) {
      if (name == option)
        text = member;
    }
    std::set<std::string> Options::*names = nullptr;
    for (const auto& [option, member] : kListOptions) {
      if (name == option)
        names = member;
    }
    if (arg == "-h" || arg == "--help") {
      WriteStdout(kUsage);
      FlushStdout();
      _exit(0);
    } else if (text != nullptr) {
      if (!value(&(options.*text)))
        return std::nullopt;
    } else if (arg == "--merge") {
      // The JSON result files of shards, up to the next option.
      while (i + 1 < args.size() && args[i + 1].rfind("-", 0) != 0) {
        options.merge_files.push_back(args[++i]);
      }
      if (options.merge_files.empty()) {
        *error = "--merge needs the JSON files to merge";
        return std::nullopt;
      }
    } else if (arg == "--worker-process") {
      options.worker_process = true;
    } else if (arg == "--standby") {
      options.standby = true;
    } else if (name == "--wasm-max-memory") {
      if (!value(&v) || !absl::SimpleAtoi(v, &options.wasm_max_memory_mb) ||
          options.wasm_max_memory_mb < 1) {
        *error = "--wasm-max-memory takes a positive number of MiB";
        return std::nullopt;
      }
    } else if (arg == "--update-expectations") {
      options.update_expectations = true;
    } else if (name == "-j" || name == "--jobs") {
      if (!value(&v) || !absl::SimpleAtoi(v, &options.jobs) || options.jobs < 1) {
        *error = "-j takes a positive number";
        return std::nullopt;
      }
    } else if (name == "--timeout") {
      if (!value(&v) || !absl::SimpleAtoi(v, &options.timeout_ms) || options.timeout_ms < 1) {
        *error = "--timeout takes a positive number of milliseconds";
        return std::nullopt;
      }
    } else if (names != nullptr) {
      if (!value(&v))
        return std::nullopt;
      options.*names = list(v);
    } else if (name == "--shard") {
      if (!value(&v))
        return std::nullopt;
      std::vector<std::string> parts = absl::StrSplit(v, '/');
      if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &options.shard_index) ||
          !absl::SimpleAtoi(parts[1], &options.shard_count) || options.shard_count < 1 ||
          options.shard_index < 1 || options.shard_index > options.shard_count) {
        *error = "--shard takes I/N with 1 <= I <= N";
        return std::nullopt;
      }
      options.shard_index -= 1;
    } else if (!arg.empty() && arg[0] == '-') {
      *error = absl::StrCat("unknown option '", arg, "'");
      return std::nullopt;
    } else {
      options.paths.push_back(arg);
    }
  }
  if (options.paths.empty() && options.parser_tests_dir.empty() && !options.worker_process &&
      options.merge_files.empty()) {
    *error = "no tests given (a PATH or --parser-tests DIR)";
    return std::nullopt;
  }
  return options;
}

}  // namespace wbhost::test262
