#include "host/test262/runner.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "host/environment.h"
#include "host/error_report.h"
#include "host/file_util.h"
#include "host/isolate_setup.h"
#include "host/modules/module_loader.h"
#include "host/output.h"
#include "host/test262/agents.h"
#include "host/test262/frontmatter.h"
#include "host/test262/host262.h"
#include "host/test262/unsupported_features.h"
#include "host/v8_runtime.h"
#include "host/v8_util.h"
#include "host/watchdog.h"

namespace wbhost::test262 {

namespace {

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

// One (test, scenario) to run.
struct Job {
  std::string path;      // absolute
  std::string relative;  // as reported: relative to the corpus root
  std::string scenario;  // sloppy, strict, module, raw; parser corpora: parse
  std::string harness_dir;
  std::string parser_expect;  // "pass" or "fail" for the parser corpus
  bool module_source = false;
};

struct Result {
  std::string status;  // pass, fail, skip, timeout, crash, error
  std::string message;
  double duration_ms = 0;
};

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
    if (arg == "-h" || arg == "--help") {
      WriteStdout(kUsage);
      FlushStdout();
      _exit(0);
    } else if (name == "--test262-dir") {
      if (!value(&options.test262_dir))
        return std::nullopt;
    } else if (name == "--parser-tests") {
      if (!value(&options.parser_tests_dir))
        return std::nullopt;
    } else if (name == "--json") {
      if (!value(&options.json_file))
        return std::nullopt;
    } else if (name == "--junit") {
      if (!value(&options.junit_file))
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
    } else if (name == "--expectations") {
      if (!value(&options.expectations_file))
        return std::nullopt;
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
    } else if (name == "--features") {
      if (!value(&v))
        return std::nullopt;
      options.features = list(v);
    } else if (name == "--exclude-features") {
      if (!value(&v))
        return std::nullopt;
      options.exclude_features = list(v);
    } else if (name == "--flags") {
      if (!value(&v))
        return std::nullopt;
      options.flags = list(v);
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

bool IsDirectory(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

void CollectFiles(const std::string& path, std::vector<std::string>* out) {
  if (!IsDirectory(path)) {
    out->push_back(path);
    return;
  }
  DIR* dir = opendir(path.c_str());
  if (dir == nullptr)
    return;
  std::vector<std::string> names;
  while (dirent* entry = readdir(dir)) {
    std::string name = entry->d_name;
    if (name == "." || name == ".." || name == "node_modules")
      continue;
    names.push_back(name);
  }
  closedir(dir);
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    std::string child = path + "/" + name;
    if (IsDirectory(child)) {
      if (name == "harness" || name == "packages" || name == "fixtures")
        continue;
      CollectFiles(child, out);
    } else if (absl::EndsWith(name, ".js") || absl::EndsWith(name, ".mjs")) {
      if (name.find("_FIXTURE") != std::string::npos)
        continue;
      out->push_back(child);
    }
  }
}

// The folder holding harness/ for `path`: walking up from it.
std::string FindRoot(const std::string& path) {
  std::string dir = IsDirectory(path) ? path : path.substr(0, path.find_last_of('/'));
  while (true) {
    if (access((dir + "/harness/assert.js").c_str(), R_OK) == 0)
      return dir;
    if (dir == "/" || dir.empty())
      return std::string();
    size_t slash = dir.find_last_of('/');
    dir = slash == 0 ? "/" : dir.substr(0, slash);
  }
}

std::string RelativeTo(const std::string& path, const std::string& root) {
  if (!root.empty() && absl::StartsWith(path, root + "/"))
    return path.substr(root.size() + 1);
  return path;
}

std::set<std::string> UnsupportedFeatures() {
  // What V8 10.2 lacks (host/test262/unsupported-features.txt, embedded by
  // the build, says why).
  std::set<std::string> out;
  for (absl::string_view line : absl::StrSplit(kUnsupportedFeatures, '\n')) {
    std::string text(line.substr(0, line.find('#')));
    while (!text.empty() && isspace(text.back()))
      text.pop_back();
    while (!text.empty() && isspace(text.front()))
      text.erase(0, 1);
    if (!text.empty())
      out.insert(text);
  }
  return out;
}

std::string JsonEscape(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buffer[8];
          snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out;
}

// --- Running tests in a worker (one isolate, many contexts).

class Worker {
 public:
  Worker(V8Runtime& runtime, const Options& options) : options_(options) {
    ShellOptions shell_options;
    shell_options.standby = options.standby;
    shell_options.wasm_max_memory_mb = options.wasm_max_memory_mb;
    isolate_ = NewHostIsolate(256);  // a per-test heap bound: exhaustion is that test's result
    isolate_scope_.emplace(isolate_.get());
    scope_.emplace(isolate_.get());
    env_ = std::make_unique<Environment>(isolate_.get(), runtime.platform(), shell_options);
    env_->set_quit_exits_process(false);
    env_->set_track_rejections(false);
    env_->set_interactive(true);
    agents_ = std::make_unique<AgentGroup>(env_.get());
    v8::Local<v8::Context> context;
    TestHooks hooks{&ignored_, nullptr};
    if (NewTestContext(env_.get(), &hooks).ToLocal(&context))
      env_->set_main_context(context);
  }

  ~Worker() {
    agents_.reset();
    env_.reset();
    scope_.reset();
    isolate_scope_.reset();
  }

  Result Run(const Job& job) {
    auto start = std::chrono::steady_clock::now();
    Result result = RunTimed(job);
    result.duration_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return result;
  }

 private:
  Result RunTimed(const Job& job) {
    v8::HandleScope scope(isolate_.get());
    env_->loop().Reset();
    env_->ClearStop();
    Result result;
    {
      Watchdog watchdog(env_.get(), options_.timeout_ms);
      result = job.parser_expect.empty() ? RunTest(job) : RunParserTest(job);
    }
    if (env_->stop_reason() == StopReason::kTimeout) {
      result = {"timeout", absl::StrCat("no result after ", options_.timeout_ms, " ms"), 0};
    } else if (env_->stop_reason() == StopReason::kOutOfMemory) {
      result = {"crash", "the test exhausted the heap", 0};
    }
    agents_->Stop();
    env_->ClearStop();
    env_->loop().Reset();
    isolate_->CancelTerminateExecution();
    return result;
  }

  static std::string ErrorName(v8::Isolate* isolate,
                               v8::Local<v8::Context> context,
                               v8::Local<v8::Value> error) {
    if (error.IsEmpty() || !error->IsObject())
      return std::string();
    // Right after a failed module link the first property read can fail
    // without an exception to show for it; a second one succeeds.
    for (int attempt = 0; attempt < 2; ++attempt) {
      v8::TryCatch try_catch(isolate);
      v8::Local<v8::Value> ctor, name;
      if (error.As<v8::Object>()->Get(context, Symbolic(isolate, "constructor")).ToLocal(&ctor) &&
          ctor->IsFunction() &&
          ctor.As<v8::Object>()->Get(context, Symbolic(isolate, "name")).ToLocal(&name)) {
        return ToStd(isolate, name);
      }
    }
    return std::string();
  }

  Result Describe(const std::string& prefix,
                  v8::Local<v8::Context> context,
                  v8::Local<v8::Value> error) {
    return {"fail", absl::StrCat(prefix, ToStd(isolate_.get(), error)), 0};
  }

  // Expected-error check for negative tests.
  Result Negative(const TestMetadata& meta,
                  const std::string& phase,
                  v8::Local<v8::Context> context,
                  v8::Local<v8::Value> error) {
    std::string name = ErrorName(isolate_.get(), context, error);
    if (meta.negative_phase.empty()) {
      return Describe(phase == "parse"        ? "parse error: "
                      : phase == "resolution" ? "resolution error: "
                                              : "",
                      context, error);
    }
    if (meta.negative_phase != phase) {
      return {"fail",
              absl::StrCat("expected ", meta.negative_type, " in phase ", meta.negative_phase,
                           ", got ", name, " in phase ", phase, ": ", ToStd(isolate_.get(), error)),
              0};
    }
    if (name != meta.negative_type) {
      return {"fail",
              absl::StrCat("expected ", meta.negative_type, ", got ", name, ": ",
                           ToStd(isolate_.get(), error)),
              0};
    }
    return {"pass", "", 0};
  }

  bool RunHarness(v8::Local<v8::Context> context,
                  const std::string& harness_dir,
                  const TestMetadata& meta,
                  std::string* error) {
    std::vector<std::string> files;
    if (!meta.HasFlag("raw")) {
      files = {"assert.js", "sta.js"};
      if (meta.HasFlag("async"))
        files.push_back("doneprintHandle.js");
      for (const std::string& include : meta.includes)
        files.push_back(include);
    }
    for (const std::string& file : files) {
      v8::Local<v8::UnboundScript> unbound;
      if (!HarnessScript(harness_dir + "/" + file, &unbound, error))
        return false;
      v8::TryCatch try_catch(isolate_.get());
      if (unbound->BindToCurrentContext()->Run(context).IsEmpty()) {
        *error = absl::StrCat("harness file ", file,
                              " threw: ", ToStd(isolate_.get(), try_catch.Exception()));
        return false;
      }
    }
    return true;
  }

  // Harness sources are compiled once per worker.
  bool HarnessScript(const std::string& path,
                     v8::Local<v8::UnboundScript>* out,
                     std::string* error) {
    auto it = harness_.find(path);
    if (it != harness_.end()) {
      *out = it->second.Get(isolate_.get());
      return true;
    }
    auto source = ReadFileBytes(path);
    if (!source.ok()) {
      *error = absl::StrCat("missing include: ", std::string(source.status().message()));
      return false;
    }
    v8::TryCatch try_catch(isolate_.get());
    v8::ScriptOrigin origin(isolate_.get(), ToV8(isolate_.get(), path));
    v8::ScriptCompiler::Source script_source(ToV8(isolate_.get(), *source), origin);
    v8::Local<v8::UnboundScript> unbound;
    if (!v8::ScriptCompiler::CompileUnboundScript(isolate_.get(), &script_source)
             .ToLocal(&unbound)) {
      *error = absl::StrCat("harness file ", path,
                            " does not compile: ", ToStd(isolate_.get(), try_catch.Exception()));
      return false;
    }
    harness_[path].Reset(isolate_.get(), unbound);
    *out = unbound;
    return true;
  }

  Result RunTest(const Job& job) {
    v8::Isolate* isolate = isolate_.get();
    auto source = ReadFileBytes(job.path);
    if (!source.ok())
      return {"error", std::string(source.status().message()), 0};
    if (!IsValidUtf8(*source))
      return {"error", "the file is not valid UTF-8", 0};
    auto meta = ParseFrontmatter(*source);
    if (!meta.ok()) {
      return {"error", absl::StrCat("malformed frontmatter: ", meta.status().message()), 0};
    }
    std::string printed;
    TestHooks hooks{&printed, agents_.get()};
    v8::Local<v8::Context> context;
    if (!NewTestContext(env_.get(), &hooks).ToLocal(&context)) {
      return {"error", "could not create a context", 0};
    }
    v8::Context::Scope context_scope(context);
    std::string error;
    if (!RunHarness(context, job.harness_dir, *meta, &error))
      return {"error", error, 0};
    v8::TryCatch try_catch(isolate);
    bool async = meta->HasFlag("async");
    if (job.scenario == "module") {
      ModuleLoader* loader = ModuleLoader::ForContext(context);
      loader->set_js_always_esm(true);
      v8::Local<v8::Module> module;
      if (!loader->CompileFile(job.path).ToLocal(&module)) {
        if (try_catch.HasTerminated())
          return {"timeout", "", 0};
        return Negative(*meta, "parse", context, try_catch.Exception());
      }
      if (!loader->Link(module)) {
        if (try_catch.HasTerminated())
          return {"timeout", "", 0};
        return Negative(*meta, "resolution", context, try_catch.Exception());
      }
      v8::Local<v8::Value> evaluation;
      if (!loader->Evaluate(module).ToLocal(&evaluation)) {
        if (try_catch.HasTerminated())
          return {"timeout", "", 0};
        return Negative(*meta, "runtime", context, try_catch.Exception());
      }
      if (evaluation->IsPromise()) {
        v8::Local<v8::Promise> promise = evaluation.As<v8::Promise>();
        env_->loop().Run();
        if (promise->State() == v8::Promise::kRejected) {
          return Negative(*meta, "runtime", context, promise->Result());
        }
      }
    } else {
      std::string code = job.scenario == "strict" ? "\"use strict\";\n" + *source : *source;
      v8::ScriptOrigin origin(isolate, ToV8(isolate, job.path));
      v8::ScriptCompiler::Source script_source(ToV8(isolate, code), origin);
      v8::Local<v8::Script> script;
      if (!v8::ScriptCompiler::Compile(context, &script_source).ToLocal(&script)) {
        if (try_catch.HasTerminated())
          return {"timeout", "", 0};
        return Negative(*meta, "parse", context, try_catch.Exception());
      }
      if (script->Run(context).IsEmpty()) {
        if (try_catch.HasTerminated())
          return {"timeout", "", 0};
        return Negative(*meta, "runtime", context, try_catch.Exception());
      }
    }
    if (async)
      env_->loop().Run();
    else
      env_->loop().RunPlatformTasksAndMicrotasks();
    if (env_->stop_reason() != StopReason::kNone)
      return {"timeout", "", 0};
    // An error out of a microtask callback or a cleanup is uncaught too.
    std::string uncaught = env_->loop().TakeUncaught();
    if (!uncaught.empty()) {
      return {"fail", absl::StrCat("uncaught: ", uncaught.substr(0, uncaught.find('\n'))), 0};
    }
    if (!meta->negative_phase.empty()) {
      return {"fail",
              absl::StrCat("expected ", meta->negative_type, " in phase ", meta->negative_phase,
                           ", but the test completed"),
              0};
    }
    if (async) {
      size_t failure = printed.find("Test262:AsyncTestFailure:");
      if (failure != std::string::npos) {
        return {"fail", printed.substr(failure, printed.find('\n', failure) - failure), 0};
      }
      if (printed.find("Test262:AsyncTestComplete") == std::string::npos) {
        return {"fail", "the async test never called $DONE", 0};
      }
    }
    return {"pass", "", 0};
  }

  Result RunParserTest(const Job& job) {
    v8::Isolate* isolate = isolate_.get();
    auto source = ReadFileBytes(job.path);
    if (!source.ok())
      return {"error", std::string(source.status().message()), 0};
    v8::Local<v8::Context> context = env_->main_context();
    v8::Context::Scope context_scope(context);
    v8::TryCatch try_catch(isolate);
    bool ok;
    if (job.module_source) {
      v8::ScriptOrigin origin(isolate, ToV8(isolate, job.path), 0, 0, false, -1,
                              v8::Local<v8::Value>(), false, false, true);
      v8::ScriptCompiler::Source script_source(ToV8(isolate, *source), origin);
      ok = !v8::ScriptCompiler::CompileModule(isolate, &script_source).IsEmpty();
    } else {
      v8::ScriptOrigin origin(isolate, ToV8(isolate, job.path));
      v8::ScriptCompiler::Source script_source(ToV8(isolate, *source), origin);
      ok = !v8::ScriptCompiler::Compile(context, &script_source).IsEmpty();
    }
    if (try_catch.HasTerminated())
      return {"timeout", "", 0};
    if (job.parser_expect == "pass") {
      if (ok)
        return {"pass", "", 0};
      return {"fail", absl::StrCat("should parse: ", ToStd(isolate, try_catch.Exception())), 0};
    }
    if (!ok) {
      std::string name = ErrorName(isolate, context, try_catch.Exception());
      if (name == "SyntaxError")
        return {"pass", "", 0};
      return {"fail", absl::StrCat("expected SyntaxError, got ", name), 0};
    }
    return {"fail", "should not parse", 0};
  }

  const Options& options_;
  IsolatePtr isolate_;
  std::optional<v8::Isolate::Scope> isolate_scope_;
  std::optional<v8::HandleScope> scope_;
  std::unique_ptr<Environment> env_;
  std::unique_ptr<AgentGroup> agents_;
  std::string ignored_;  // print() of the worker's idle context
  std::map<std::string, v8::Global<v8::UnboundScript>> harness_;
};

std::vector<std::string> ScenariosOf(const TestMetadata& meta) {
  if (meta.HasFlag("raw"))
    return {"raw"};
  if (meta.HasFlag("module"))
    return {"module"};
  if (meta.HasFlag("onlyStrict"))
    return {"strict"};
  if (meta.HasFlag("noStrict"))
    return {"sloppy"};
  return {"sloppy", "strict"};
}

std::string XmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t')
          out += ' ';
        else
          out.push_back(c);
    }
  }
  return out;
}

struct Record {
  std::string path, scenario, status, message;
  double duration_ms = 0;
};

void WriteJson(const std::string& file, const std::vector<Record>& records) {
  std::ofstream json(file);
  json << "[\n";
  for (size_t i = 0; i < records.size(); ++i) {
    const Record& r = records[i];
    json << "  {\"path\": \"" << JsonEscape(r.path) << "\", \"scenario\": \"" << r.scenario
         << "\", \"status\": \"" << r.status
         << "\", \"duration_ms\": " << absl::StrFormat("%.3f", r.duration_ms) << ", \"message\": \""
         << JsonEscape(r.message) << "\"}" << (i + 1 < records.size() ? "," : "") << "\n";
  }
  json << "]\n";
}

void WriteJunit(const std::string& file, const std::vector<Record>& records) {
  size_t failures = 0, skipped = 0;
  double total = 0;
  for (const Record& r : records) {
    if (r.status == "skip")
      ++skipped;
    else if (r.status != "pass")
      ++failures;
    total += r.duration_ms;
  }
  std::ofstream xml(file);
  xml << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuite name=\"test262\" tests=\"" << records.size() << "\" failures=\"" << failures
      << "\" skipped=\"" << skipped << "\" time=\"" << absl::StrFormat("%.3f", total / 1000)
      << "\">\n";
  for (const Record& r : records) {
    xml << "  <testcase classname=\"" << XmlEscape(r.path) << "\" name=\"" << r.scenario
        << "\" time=\"" << absl::StrFormat("%.3f", r.duration_ms / 1000) << "\">";
    if (r.status == "skip") {
      xml << "<skipped message=\"" << XmlEscape(r.message) << "\"/>";
    } else if (r.status != "pass") {
      xml << "<failure type=\"" << r.status << "\" message=\"" << XmlEscape(r.message) << "\"/>";
    }
    xml << "</testcase>\n";
  }
  xml << "</testsuite>\n";
}

// Reads records written by WriteJson (one object per line).
bool ReadJson(const std::string& file, std::vector<Record>* out, std::string* error) {
  auto data = ReadFileBytes(file);
  if (!data.ok()) {
    *error = std::string(data.status().message());
    return false;
  }
  auto field = [](const std::string& line, const std::string& key) {
    std::string marker = "\"" + key + "\": ";
    size_t at = line.find(marker);
    if (at == std::string::npos)
      return std::string();
    at += marker.size();
    if (line[at] != '"') {
      size_t end = line.find_first_of(",}", at);
      return line.substr(at, end - at);
    }
    std::string value;
    for (size_t i = at + 1; i < line.size() && line[i] != '"'; ++i) {
      if (line[i] == '\\' && i + 1 < line.size()) {
        char e = line[++i];
        value.push_back(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e);
      } else {
        value.push_back(line[i]);
      }
    }
    return value;
  };
  for (absl::string_view piece : absl::StrSplit(*data, '\n')) {
    std::string line(piece);
    if (line.find("\"path\"") == std::string::npos)
      continue;
    Record r{field(line, "path"), field(line, "scenario"), field(line, "status"),
             field(line, "message"), 0};
    absl::SimpleAtod(field(line, "duration_ms"), &r.duration_ms);
    out->push_back(r);
  }
  return true;
}

int MergeReports(const Options& options) {
  std::vector<Record> records;
  for (const std::string& file : options.merge_files) {
    std::string error;
    if (!ReadJson(file, &records, &error)) {
      HostError(absl::StrCat("test262: --merge: ", error));
      return 2;
    }
  }
  size_t passed = 0, failed = 0, skipped = 0;
  for (const Record& r : records) {
    if (r.status == "pass")
      ++passed;
    else if (r.status == "skip")
      ++skipped;
    else {
      ++failed;
      WriteStdout(absl::StrCat("FAIL ", r.path, " ", r.scenario, ": ", r.status,
                               r.message.empty() ? "" : " - ", r.message, "\n"));
    }
  }
  if (!options.json_file.empty())
    WriteJson(options.json_file, records);
  if (!options.junit_file.empty())
    WriteJunit(options.junit_file, records);
  WriteStdout(absl::StrCat(passed, " passed, ", failed, " failed, ", skipped, " skipped\n"));
  FlushStdout();
  return failed > 0 ? 1 : 0;
}

// --- Worker processes. The protocol: one job per line on the worker's
// stdin (fields separated by tabs), one result per line on fd 3.

std::string Clean(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r')
      c = ' ';
  }
  return out;
}

std::string EncodeJob(const Job& job) {
  return absl::StrCat(job.path, "\t", job.relative, "\t", job.scenario, "\t", job.harness_dir, "\t",
                      job.parser_expect, "\t", job.module_source ? "1" : "0", "\n");
}

bool DecodeJob(const std::string& line, Job* job) {
  std::vector<std::string> f = absl::StrSplit(line, '\t');
  if (f.size() != 6)
    return false;
  *job = Job{f[0], f[1], f[2], f[3], f[4], f[5] == "1"};
  return true;
}

struct WorkerProcess {
  pid_t pid = -1;
  int to_worker = -1;
  int from_worker = -1;
  long job = -1;  // index of the job it runs, or -1
  std::string buffer;
  std::chrono::steady_clock::time_point since;
};

WorkerProcess SpawnWorker(const Options& options) {
  int jobs_pipe[2], results_pipe[2];
  WorkerProcess worker;
  if (pipe(jobs_pipe) != 0 || pipe(results_pipe) != 0)
    return worker;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(jobs_pipe[0], 0);
    dup2(results_pipe[1], 3);
    int null_fd = open("/dev/null", O_WRONLY);
    dup2(null_fd, 1);
    dup2(null_fd, 2);
    for (int fd : {jobs_pipe[0], jobs_pipe[1], results_pipe[0], results_pipe[1], null_fd}) {
      if (fd > 3)
        close(fd);
    }
    std::vector<std::string> args = {"wbhost", "test262", "--worker-process", "--timeout",
                                     std::to_string(options.timeout_ms)};
    if (options.standby)
      args.push_back("--standby");
    if (options.wasm_max_memory_mb > 0)
      args.push_back(absl::StrCat("--wasm-max-memory=", options.wasm_max_memory_mb));
    std::vector<char*> argv;
    for (std::string& arg : args)
      argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv("/proc/self/exe", argv.data());
    _exit(127);
  }
  close(jobs_pipe[0]);
  close(results_pipe[1]);
  fcntl(jobs_pipe[1], F_SETFD, FD_CLOEXEC);
  fcntl(results_pipe[0], F_SETFD, FD_CLOEXEC);
  worker.pid = pid;
  worker.to_worker = jobs_pipe[1];
  worker.from_worker = results_pipe[0];
  return worker;
}

void StopWorker(WorkerProcess* worker, bool kill_it) {
  if (worker->pid <= 0)
    return;
  close(worker->to_worker);
  close(worker->from_worker);
  if (kill_it)
    kill(worker->pid, SIGKILL);
  int status = 0;
  waitpid(worker->pid, &status, 0);
  worker->pid = -1;
}

std::string DeathOf(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) {
    return absl::StrCat("the worker process died of signal ", WTERMSIG(status), " (",
                        strsignal(WTERMSIG(status)), ")");
  }
  return absl::StrCat("the worker process exited with code ", WEXITSTATUS(status));
}

void RunInWorkerProcesses(const std::vector<Job>& jobs,
                          const Options& options,
                          int count,
                          std::vector<Result>* results) {
  signal(SIGPIPE, SIG_IGN);
  std::vector<WorkerProcess> workers(std::min<size_t>(count, std::max<size_t>(jobs.size(), 1)));
  size_t next = 0;
  size_t done = 0;
  size_t failed = 0;
  bool tty = StdoutIsTerminal();
  auto started = std::chrono::steady_clock::now();
  auto assign = [&](WorkerProcess& worker) {
    if (next >= jobs.size())
      return;
    if (worker.pid <= 0)
      worker = SpawnWorker(options);
    worker.job = static_cast<long>(next++);
    worker.since = std::chrono::steady_clock::now();
    std::string line = EncodeJob(jobs[worker.job]);
    if (write(worker.to_worker, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
      // The worker is gone; the read side will see it.
    }
  };
  auto finish = [&](WorkerProcess& worker, Result result) {
    (*results)[worker.job] = std::move(result);
    if ((*results)[worker.job].status != "pass")
      ++failed;
    worker.job = -1;
    ++done;
    if (tty) {
      double secs =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      double rate = done / std::max(secs, 0.001);
      fprintf(stdout, "\r[%zu/%zu] %zu passed, %zu failed, %.0f tests/s, ETA %.0fs   ", done,
              jobs.size(), done - failed, failed, rate,
              (jobs.size() - done) / std::max(rate, 0.001));
      fflush(stdout);
    }
  };
  for (WorkerProcess& worker : workers)
    assign(worker);
  // A worker has its own per-test watchdog; this one is for a worker stuck
  // where the watchdog cannot reach it.
  const auto hard_limit = std::chrono::milliseconds(options.timeout_ms + 5000);
  while (done < jobs.size()) {
    std::vector<pollfd> fds;
    for (WorkerProcess& worker : workers) {
      if (worker.job >= 0)
        fds.push_back({worker.from_worker, POLLIN, 0});
    }
    if (fds.empty())
      break;
    poll(fds.data(), fds.size(), 200);
    for (WorkerProcess& worker : workers) {
      if (worker.job < 0)
        continue;
      bool readable = false;
      for (const pollfd& p : fds) {
        if (p.fd == worker.from_worker && p.revents)
          readable = true;
      }
      if (readable) {
        char chunk[4096];
        ssize_t n = read(worker.from_worker, chunk, sizeof chunk);
        if (n <= 0) {
          // The process died with a test in it: that test crashed.
          close(worker.to_worker);
          close(worker.from_worker);
          std::string why = DeathOf(worker.pid);
          worker.pid = -1;
          double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                worker.since)
                          .count();
          finish(worker, {"crash", why, ms});
          worker.buffer.clear();
          assign(worker);
          continue;
        }
        worker.buffer.append(chunk, static_cast<size_t>(n));
        size_t newline;
        while (worker.job >= 0 && (newline = worker.buffer.find('\n')) != std::string::npos) {
          std::string line = worker.buffer.substr(0, newline);
          worker.buffer.erase(0, newline + 1);
          std::vector<std::string> f = absl::StrSplit(line, absl::MaxSplits('\t', 2));
          Result result;
          result.status = f.size() > 0 ? f[0] : "error";
          if (f.size() > 1)
            absl::SimpleAtod(f[1], &result.duration_ms);
          result.message = f.size() > 2 ? f[2] : "";
          finish(worker, result);
          assign(worker);
        }
      } else if (std::chrono::steady_clock::now() - worker.since > hard_limit) {
        StopWorker(&worker, true);
        finish(worker, {"timeout", "the worker stopped answering; it was killed", 0});
        worker.buffer.clear();
        assign(worker);
      }
    }
  }
  for (WorkerProcess& worker : workers)
    StopWorker(&worker, false);
  if (tty)
    WriteStdout("\n");
}

// The worker side: jobs in, results out, until stdin ends.
// WBHOST_TEST262_CRASH_ON=TEXT is fault injection for the runner's own
// tests: the worker aborts on a job whose path contains TEXT, as a worker
// whose isolate dies would.
int RunWorkerProcessLoop(V8Runtime& runtime, const Options& options) {
  const char* crash_on = getenv("WBHOST_TEST262_CRASH_ON");
  Worker worker(runtime, options);
  std::string line;
  int c;
  while (true) {
    line.clear();
    while ((c = fgetc(stdin)) != EOF && c != '\n')
      line.push_back(static_cast<char>(c));
    if (c == EOF && line.empty())
      return 0;
    Job job;
    bool decoded = DecodeJob(line, &job);
    if (decoded && crash_on != nullptr && crash_on[0] != '\0' &&
        job.path.find(crash_on) != std::string::npos) {
      abort();
    }
    Result result = decoded ? worker.Run(job) : Result{"error", "bad job line", 0};
    std::string out = absl::StrCat(result.status, "\t", absl::StrFormat("%.3f", result.duration_ms),
                                   "\t", Clean(result.message), "\n");
    if (write(3, out.data(), out.size()) != static_cast<ssize_t>(out.size()))
      return 1;
  }
}

}  // namespace

int RunTest262(const std::vector<std::string>& args, V8Runtime& runtime) {
  std::string error;
  std::optional<Options> parsed = ParseArgs(args, &error);
  if (!parsed) {
    HostError(absl::StrCat("test262: ", error, " (wbhost test262 --help)"));
    return 2;
  }
  Options options = *parsed;
  if (options.worker_process)
    return RunWorkerProcessLoop(runtime, options);
  if (!options.merge_files.empty())
    return MergeReports(options);
  std::set<std::string> unsupported = UnsupportedFeatures();

  // Jobs, in a stable order; skipped ones are results already.
  std::vector<Job> jobs;
  std::vector<std::pair<Job, Result>> skipped;
  for (const std::string& given : options.paths) {
    std::string path = AbsolutePath(given);
    if (access(path.c_str(), R_OK) != 0) {
      HostError(absl::StrCat("test262: cannot read '", given, "'"));
      return 2;
    }
    std::string root =
        options.test262_dir.empty() ? FindRoot(path) : AbsolutePath(options.test262_dir);
    if (root.empty()) {
      HostError(
          absl::StrCat("test262: no harness/ found above '", given, "' (give --test262-dir)"));
      return 2;
    }
    std::vector<std::string> files;
    CollectFiles(path, &files);
    for (const std::string& file : files) {
      Job job;
      job.path = file;
      job.relative = RelativeTo(file, root);
      job.harness_dir = root + "/harness";
      auto source = ReadFileBytes(file);
      TestMetadata meta;
      if (source.ok()) {
        auto parsed_meta = ParseFrontmatter(*source);
        if (parsed_meta.ok())
          meta = *parsed_meta;
      }
      bool wanted_flag = options.flags.empty();
      for (const std::string& flag : meta.flags)
        wanted_flag |= options.flags.count(flag) > 0;
      bool wanted_feature = options.features.empty();
      for (const std::string& f : meta.features)
        wanted_feature |= options.features.count(f) > 0;
      if (!wanted_flag || !wanted_feature)
        continue;
      std::string skip_reason;
      for (const std::string& f : meta.features) {
        if (options.exclude_features.count(f))
          skip_reason = absl::StrCat("excluded feature ", f);
        else if (unsupported.count(f))
          skip_reason = absl::StrCat("V8 10.2 lacks ", f);
      }
      // The main agent may block (Atomics.wait), as in d8 and node.
      if (meta.HasFlag("CanBlockIsFalse"))
        skip_reason = "the main agent can block";
      for (const std::string& scenario : ScenariosOf(meta)) {
        job.scenario = scenario;
        if (!skip_reason.empty())
          skipped.push_back({job, {"skip", skip_reason, 0}});
        else
          jobs.push_back(job);
      }
    }
  }
  if (!options.parser_tests_dir.empty()) {
    std::string root = AbsolutePath(options.parser_tests_dir);
    for (const char* folder : {"pass", "pass-explicit", "fail", "early"}) {
      std::vector<std::string> files;
      CollectFiles(root + "/" + folder, &files);
      for (const std::string& file : files) {
        Job job;
        job.path = file;
        job.relative = RelativeTo(file, root);
        job.scenario = "parse";
        job.parser_expect = absl::StartsWith(folder, "pass") ? "pass" : "fail";
        job.module_source = absl::EndsWith(file, ".module.js");
        jobs.push_back(job);
      }
    }
  }
  if (options.shard_count > 1) {
    // Skipped tests are sharded too, so merged shards count each once.
    std::vector<Job> mine;
    for (size_t i = 0; i < jobs.size(); ++i) {
      if (static_cast<int>(i % options.shard_count) == options.shard_index)
        mine.push_back(jobs[i]);
    }
    jobs.swap(mine);
    std::vector<std::pair<Job, Result>> my_skips;
    for (size_t i = 0; i < skipped.size(); ++i) {
      if (static_cast<int>(i % options.shard_count) == options.shard_index) {
        my_skips.push_back(skipped[i]);
      }
    }
    skipped.swap(my_skips);
  }

  // Run them, each in a worker process of its own (a test that crashes its
  // process is that test's result; the run goes on with a new worker).
  int jobs_count =
      options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  std::vector<Result> results(jobs.size());
  auto started = std::chrono::steady_clock::now();
  RunInWorkerProcesses(jobs, options, jobs_count, &results);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  // Everything, in order: run results, then skips.
  std::vector<std::pair<Job, Result>> all;
  for (size_t i = 0; i < jobs.size(); ++i)
    all.push_back({jobs[i], results[i]});
  for (auto& entry : skipped)
    all.push_back(entry);

  // Expectations: known failures don't fail the run.
  std::set<std::string> expected_failures;
  if (!options.expectations_file.empty()) {
    auto data = ReadFileBytes(options.expectations_file);
    if (data.ok()) {
      for (absl::string_view line : absl::StrSplit(*data, '\n', absl::SkipEmpty())) {
        if (line[0] != '#')
          expected_failures.insert(std::string(line));
      }
    }
  }
  size_t passed = 0, failures = 0, skips = 0, unexpected = 0;
  std::map<std::string, std::array<size_t, 3>> by_dir;
  std::vector<std::string> new_failures, newly_passing, known;
  for (const auto& [job, result] : all) {
    std::string key = absl::StrCat(job.relative, " ", job.scenario);
    std::string dir = job.relative.substr(0, job.relative.find_last_of('/'));
    bool known_failure = expected_failures.count(key) > 0;
    if (result.status == "pass") {
      ++passed;
      by_dir[dir][0]++;
      if (known_failure)
        newly_passing.push_back(key);
    } else if (result.status == "skip") {
      ++skips;
      by_dir[dir][2]++;
    } else {
      ++failures;
      by_dir[dir][1]++;
      known.push_back(key);
      if (!known_failure) {
        ++unexpected;
        new_failures.push_back(absl::StrCat(key, ": ", result.status,
                                            result.message.empty() ? "" : " - ", result.message));
      }
    }
  }
  for (const std::string& line : new_failures)
    WriteStdout(absl::StrCat("FAIL ", line, "\n"));
  for (const std::string& line : newly_passing) {
    WriteStdout(absl::StrCat("NEWLY PASSING ", line, "\n"));
  }
  if (by_dir.size() > 1) {
    for (const auto& [dir, counts] : by_dir) {
      WriteStdout(absl::StrCat(dir, ": ", counts[0], " passed, ", counts[1], " failed, ", counts[2],
                               " skipped\n"));
    }
  }
  WriteStdout(absl::StrCat(jobs.size(), " run in ", absl::StrFormat("%.1f", seconds), " s (",
                           absl::StrFormat("%.0f", jobs.size() / std::max(seconds, 0.001)),
                           " tests/s, ", jobs_count, " workers)\n"));
  if (!options.json_file.empty() || !options.junit_file.empty()) {
    std::vector<Record> records;
    for (const auto& [job, result] : all) {
      records.push_back(
          {job.relative, job.scenario, result.status, result.message, result.duration_ms});
    }
    if (!options.json_file.empty())
      WriteJson(options.json_file, records);
    if (!options.junit_file.empty())
      WriteJunit(options.junit_file, records);
  }
  if (options.update_expectations && !options.expectations_file.empty()) {
    std::ofstream out(options.expectations_file);
    out << "# Known failures: '<path> <scenario>' per line (wbhost test262 "
           "--update-expectations writes this).\n";
    std::sort(known.begin(), known.end());
    for (const std::string& key : known)
      out << key << "\n";
    unexpected = 0;
  }
  // The closing line counts known failures as failed; the exit code only
  // reflects unexpected ones.
  WriteStdout(absl::StrCat(passed, " passed, ", failures, " failed, ", skips, " skipped\n"));
  FlushStdout();
  return unexpected > 0 || !newly_passing.empty() ? 1 : 0;
}

}  // namespace wbhost::test262
