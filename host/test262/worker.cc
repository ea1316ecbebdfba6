#include "host/test262/worker.h"

#include <unistd.h>

#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "host/context_data.h"
#include "host/environment.h"
#include "host/file_util.h"
#include "host/isolate_setup.h"
#include "host/modules/module_loader.h"
#include "host/test262/agents.h"
#include "host/test262/frontmatter.h"
#include "host/test262/host262.h"
#include "host/test262/job.h"
#include "host/v8_compat.h"
#include "host/v8_runtime.h"
#include "host/v8_util.h"
#include "host/watchdog.h"

namespace wbhost::test262 {

namespace {

// Runs tests in one isolate, each in a context of its own.
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
    v8::ScriptOrigin origin = v8compat::ScriptOrigin(isolate_.get(), ToV8(isolate_.get(), path));
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
    // In test262 every file a test imports is a module, whether the test
    // is one or a script that calls import().
    ContextData::From(context)->js_always_esm = true;
    if (job.scenario == "module") {
      ModuleLoader* loader = ModuleLoader::ForContext(context);
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
      v8::ScriptOrigin origin = v8compat::ScriptOrigin(isolate, ToV8(isolate, job.path));
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
      v8::ScriptOrigin origin =
          v8compat::ScriptOrigin(isolate, ToV8(isolate, job.path), 0, 0, false, -1,
                                 v8::Local<v8::Value>(), false, false, true);
      v8::ScriptCompiler::Source script_source(ToV8(isolate, *source), origin);
      ok = !v8::ScriptCompiler::CompileModule(isolate, &script_source).IsEmpty();
    } else {
      v8::ScriptOrigin origin = v8compat::ScriptOrigin(isolate, ToV8(isolate, job.path));
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

}  // namespace

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
    std::string out = EncodeResult(result);
    if (write(3, out.data(), out.size()) != static_cast<ssize_t>(out.size()))
      return 1;
  }
}

}  // namespace wbhost::test262
