#include "host/options.h"

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cxxopts.hpp"

namespace wbhost {

namespace {

// wbhost options that take a value in the next argument when written
// without "=": needed to find FILE before cxxopts sees the arguments.
const std::set<std::string>& OptionsWithValue() {
  static const auto* names = new std::set<std::string>{
      "--timeout", "--max-heap", "--recovery", "--wasm-max-memory", "--allow-read", "--checkpoint"};
  return *names;
}

cxxopts::Options MakeParser() {
  cxxopts::Options parser("wbhost", "JavaScript and WebAssembly shell");
  parser.allow_unrecognised_options();
  parser.add_options()("h,help", "print this help")("version", "print wbhost and V8 versions")(
      "v8-options", "list V8's flags")("module", "run FILE as an ES module")(
      "i,interactive", "start the REPL after FILE or -e")(
      "timeout", "terminate after MS milliseconds", cxxopts::value<std::string>())(
      "max-heap", "JS heap limit in MiB", cxxopts::value<std::string>())(
      "no-recovery", "give wasm-bindgen packages their raw glue")(
      "recovery", "recovery mode: default or strict", cxxopts::value<std::string>())(
      "trace-recovery", "one line on stderr per unwind, abort and recovery")(
      "standby", "keep a spare generation per binding")(
      "checkpoint", "when to take a checkpoint: after-start", cxxopts::value<std::string>())(
      "wasm-max-memory", "bound each binding's Wasm memory to MB MiB",
      cxxopts::value<std::string>())("allow-read", "folders scripts may read",
                                     cxxopts::value<std::string>());
  return parser;
}

absl::StatusOr<int64_t> ParsePositive(const std::string& option, const std::string& text) {
  int64_t value = 0;
  if (!absl::SimpleAtoi(text, &value) || value <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", option, " takes a positive whole number, not '", text, "'"));
  }
  return value;
}

}  // namespace

std::string UsageText() {
  return R"(Usage: wbhost [options] [FILE] [--] [ARGS...]
       wbhost test262 [runner options] [PATHS...]   (see wbhost test262 --help)

Runs FILE as an ES module when it ends in .mjs, with --module, or when it
ends in .js in a package whose package.json says "type": "module"; as a
CommonJS module (module, exports, require, __dirname, as in node) when it
ends in .cjs or is such a .js with "type": "commonjs"; otherwise as a
classic script, as d8 runs it (a .js file outside such a package is a
script, where node would take it for CommonJS). Without FILE: the REPL on
a terminal, otherwise a script read from standard input. Arguments after
FILE (or after --) reach the program as `arguments`, `wbhost.args` and
`process.argv` (from index 2).

  wbhost --d8 [options] FILE... [-- ARGS...]
runs every FILE in order in one global scope, as d8 runs `d8 mjsunit.js
test.js`: each as a script (.mjs, or any with --module, as a module), the
first uncaught error ending the run (exit 1) after pending timers ran;
ARGS after -- are `arguments`. `d8` (file.read, file.execute,
promise.setHooks, serializer, terminate, dom, test) is there as in d8.

Options:
  -e, --eval CODE        run CODE (may be repeated)
  -p, --print CODE       run CODE and print its result
  -i, --interactive      start the REPL after FILE or -e
      --d8               every FILE runs, in order, in one global scope
      --module           run FILE or -e CODE as an ES module
      --timeout=MS       terminate the run after MS milliseconds (exit 124)
      --max-heap=MB      limit the JS heap to MB MiB (exit 125 when reached)
      --no-recovery      give wasm-bindgen packages their raw glue
      --recovery=strict  treat unmarked JS exceptions crossing Wasm as aborts
      --trace-recovery   print a line per unwind, abort and recovery
      --standby          keep a spare instance per binding for fast recovery
      --wasm-max-memory=MB  bound each binding's Wasm memory
      --checkpoint=after-start  checkpoint each binding once its glue has
                         started: an abort restores that state
      --allow-read=DIR[,DIR...]  scripts may read files under these folders
                         only (read, fetch, require, imports); default all
  -h, --help             print this help
      --version          print wbhost and V8 versions
      --v8-options       list V8's flags; any other --flag goes to V8

Exit codes: 0 ok, 1 uncaught exception or unhandled rejection, n from
quit(n), 2 usage error, 124 timeout, 125 out of memory, 130 interrupted.
)";
}

absl::StatusOr<ShellOptions> ParseOptions(const std::vector<std::string>& args) {
  ShellOptions options;
  // Split at FILE: what follows it belongs to the script, as in node.
  std::vector<std::string> own;
  for (const std::string& arg : args) {
    if (arg == "--")
      break;
    if (arg == "--d8")
      options.d8 = true;
  }
  size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      ++i;
      break;
    }
    if (arg == "--d8")
      continue;
    // d8's test mode (V8's test runner passes it): no shell after the
    // files, which is what wbhost does anyway.
    if (options.d8 && arg == "--test")
      continue;
    // d8's command line: files until "--".
    if (options.d8 && (arg.empty() || arg[0] != '-')) {
      options.files.push_back(arg);
      continue;
    }
    // -e/-p are taken here, not by cxxopts, which would split CODE at commas.
    if (arg == "-e" || arg == "--eval" || arg == "-p" || arg == "--print") {
      if (i + 1 >= args.size()) {
        return absl::InvalidArgumentError(absl::StrCat("option '", arg, "' needs a value"));
      }
      options.eval_sources.push_back(args[++i]);
      if (arg == "-p" || arg == "--print")
        options.print_result = true;
      continue;
    }
    if (absl::StartsWith(arg, "--eval=") || absl::StartsWith(arg, "--print=")) {
      size_t eq = arg.find('=');
      options.eval_sources.push_back(arg.substr(eq + 1));
      if (arg[2] == 'p')
        options.print_result = true;
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-') {
      own.push_back(arg);
      if (OptionsWithValue().count(arg) != 0 && i + 1 < args.size()) {
        own.push_back(args[++i]);
      }
      continue;
    }
    if (arg == "-") {  // explicit standard input
      ++i;
      break;
    }
    options.file = arg;
    ++i;
    if (i < args.size() && args[i] == "--")
      ++i;
    break;
  }
  for (; i < args.size(); ++i)
    options.script_args.push_back(args[i]);
  if (options.d8 && !options.files.empty())
    options.file = options.files.front();

  std::vector<const char*> argv;
  argv.push_back("wbhost");
  for (const std::string& s : own)
    argv.push_back(s.c_str());
  cxxopts::Options parser = MakeParser();
  cxxopts::ParseResult result;
  // cxxopts reports errors by exceptions: this file alone is built with
  // them, and none leaves it.
  try {
    result = parser.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const cxxopts::exceptions::exception& e) {
    return absl::InvalidArgumentError(e.what());
  }
  options.help = result.count("help") > 0;
  options.version = result.count("version") > 0;
  options.v8_options = result.count("v8-options") > 0;
  options.module = result.count("module") > 0;
  options.interactive = result.count("interactive") > 0;
  if (result.count("timeout")) {
    auto value = ParsePositive("timeout", result["timeout"].as<std::string>());
    if (!value.ok())
      return value.status();
    options.timeout_ms = *value;
  }
  if (result.count("max-heap")) {
    auto value = ParsePositive("max-heap", result["max-heap"].as<std::string>());
    if (!value.ok())
      return value.status();
    options.max_heap_mb = *value;
  }
  if (result.count("allow-read")) {
    options.allow_read_set = true;
    for (absl::string_view dir :
         absl::StrSplit(result["allow-read"].as<std::string>(), ',', absl::SkipEmpty())) {
      options.allow_read.emplace_back(dir);
    }
    if (options.allow_read.empty()) {
      return absl::InvalidArgumentError("--allow-read takes one or more folders");
    }
  }
  if (result.count("wasm-max-memory")) {
    auto value = ParsePositive("wasm-max-memory", result["wasm-max-memory"].as<std::string>());
    if (!value.ok())
      return value.status();
    options.wasm_max_memory_mb = *value;
  }
  options.recovery = result.count("no-recovery") == 0;
  if (result.count("recovery")) {
    std::string mode = result["recovery"].as<std::string>();
    if (mode == "strict") {
      options.recovery_strict = true;
    } else if (mode != "default") {
      return absl::InvalidArgumentError(
          absl::StrCat("--recovery takes 'default' or 'strict', not '", mode, "'"));
    }
  }
  if (result.count("checkpoint")) {
    options.checkpoint = result["checkpoint"].as<std::string>();
    if (options.checkpoint != "after-start") {
      return absl::InvalidArgumentError(
          absl::StrCat("--checkpoint takes 'after-start', not '", options.checkpoint, "'"));
    }
  }
  options.trace_recovery = result.count("trace-recovery") > 0;
  options.standby = result.count("standby") > 0;

  for (const std::string& flag : result.unmatched()) {
    if (!absl::StartsWith(flag, "--")) {
      return absl::InvalidArgumentError(absl::StrCat("unknown option '", flag, "'"));
    }
    options.v8_flags.push_back(flag);
  }
  return options;
}

}  // namespace wbhost
