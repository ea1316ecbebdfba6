#include "host/shell.h"

#include <unistd.h>

#include <cstdio>
#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "host/context_factory.h"
#include "host/environment.h"
#include "host/error_report.h"
#include "host/exit_codes.h"
#include "host/file_util.h"
#include "host/isolate_setup.h"
#include "host/js_builtins.h"
#include "host/modules/module_loader.h"
#include "host/output.h"
#include "host/repl/repl.h"
#include "host/script_runner.h"
#include "host/v8_runtime.h"
#include "host/v8_util.h"
#include "host/watchdog.h"

namespace wbhost {

namespace {

// Prints a -p result with the same inspection as console.log.
void PrintResult(v8::Local<v8::Context> context, v8::Local<v8::Value> value) {
  v8::Isolate* isolate = context->GetIsolate();
  v8::TryCatch try_catch(isolate);
  std::string text;
  v8::Local<v8::Object> inspect_exports;
  v8::Local<v8::Value> inspect;
  v8::Local<v8::Value> formatted;
  if (LoadBuiltin(context, "inspect").ToLocal(&inspect_exports) &&
      inspect_exports->Get(context, Symbolic(isolate, "inspect")).ToLocal(&inspect) &&
      inspect->IsFunction() &&
      inspect.As<v8::Function>()
          ->Call(context, v8::Undefined(isolate), 1, &value)
          .ToLocal(&formatted)) {
    text = ToStd(isolate, formatted);
  } else {
    text = ToStd(isolate, value);
  }
  WriteStdout(absl::StrCat(text, "\n"));
}

class Runner {
 public:
  Runner(Environment* env) : env_(env), isolate_(env->isolate()) {}

  // Runs one piece of code; false if it threw (reported) or was stopped.
  bool RunCode(const std::string& source, const std::string& name, bool as_module, bool print) {
    v8::HandleScope scope(isolate_);
    v8::Local<v8::Context> context = env_->main_context();
    v8::TryCatch try_catch(isolate_);
    v8::Local<v8::Value> result;
    bool ok;
    if (as_module) {
      std::string path = AbsolutePath(name == "(stdin)" ? "[stdin]" : "[eval]");
      ok = ModuleLoader::ForContext(context)->RunModuleSource(source, path).ToLocal(&result);
    } else {
      ok = CompileAndRunScript(context, source, name).ToLocal(&result);
    }
    return Finish(ok, try_catch, print ? result : v8::Local<v8::Value>());
  }

  bool RunFile(const std::string& path, bool as_module) {
    if (as_module) {
      v8::HandleScope scope(isolate_);
      v8::TryCatch try_catch(isolate_);
      v8::Local<v8::Value> result;
      bool ok =
          ModuleLoader::ForContext(env_->main_context())->RunMainModule(path).ToLocal(&result);
      return Finish(ok, try_catch, {});
    }
    auto source = ReadFileBytes(path);
    if (!source.ok()) {
      HostError(std::string(source.status().message()));
      env_->set_exit_code(kExitUsage);
      return false;
    }
    return RunCode(*source, path, false, false);
  }

 private:
  bool Finish(bool ok, v8::TryCatch& try_catch, v8::Local<v8::Value> print) {
    if (!ok) {
      if (try_catch.HasTerminated() || env_->stop_reason() != StopReason::kNone) {
        return false;
      }
      ReportException(isolate_, try_catch);
      env_->set_exit_code(kExitUncaught);
      return false;
    }
    if (!print.IsEmpty())
      PrintResult(env_->main_context(), print);
    return true;
  }

  Environment* env_;
  v8::Isolate* isolate_;
};

std::optional<std::string> ReadAllStdin() {
  std::string data;
  char buffer[65536];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, stdin)) > 0)
    data.append(buffer, n);
  return data;
}

void ReportStop(const Environment& env) {
  const ShellOptions& options = env.options();
  switch (env.stop_reason()) {
    case StopReason::kTimeout:
      HostError(absl::StrCat("timeout: the script ran longer than ", options.timeout_ms,
                             " ms (--timeout)"));
      break;
    case StopReason::kOutOfMemory:
      HostError(absl::StrCat("out of memory: the JavaScript heap reached its limit",
                             options.max_heap_mb > 0
                                 ? absl::StrCat(" of ", options.max_heap_mb, " MiB (--max-heap)")
                                 : std::string()));
      break;
    case StopReason::kInterrupt:
      HostError("interrupted");
      break;
    default:
      break;
  }
}

}  // namespace

int RunShell(const ShellOptions& options, V8Runtime& runtime) {
  IsolatePtr isolate = NewHostIsolate(options.max_heap_mb);
  int exit_code;
  {
    v8::Isolate::Scope isolate_scope(isolate.get());
    v8::HandleScope handle_scope(isolate.get());
    Environment env(isolate.get(), runtime.platform(), options);
    v8::Local<v8::Context> context;
    if (!NewHostContext(&env).ToLocal(&context)) {
      HostError("could not create a context");
      return kExitInternal;
    }
    env.set_main_context(context);
    v8::Context::Scope context_scope(context);
    std::optional<Watchdog> watchdog;
    if (options.timeout_ms > 0)
      watchdog.emplace(&env, options.timeout_ms);

    Runner runner(&env);
    bool ok = true;
    for (size_t i = 0; ok && i < options.eval_sources.size(); ++i) {
      bool last = i + 1 == options.eval_sources.size();
      ok = runner.RunCode(options.eval_sources[i], "(command line)", options.module,
                          last && options.print_result);
      if (ok)
        env.loop().Run();
    }
    bool stdin_tty = isatty(STDIN_FILENO) == 1;
    bool repl =
        options.interactive || (options.file.empty() && options.eval_sources.empty() && stdin_tty);
    if (ok && !options.file.empty()) {
      bool as_module = options.module || absl::EndsWith(options.file, ".mjs");
      ok = runner.RunFile(options.file, as_module);
      if (ok)
        env.loop().Run();
    } else if (ok && options.file.empty() && options.eval_sources.empty() && !stdin_tty) {
      auto source = ReadAllStdin();
      ok = runner.RunCode(*source, "(stdin)", options.module, false);
      if (ok)
        env.loop().Run();
    }
    if (env.stop_reason() == StopReason::kNone && env.exit_code() == 0 &&
        env.ReportUnhandledRejections()) {
      env.set_exit_code(kExitUncaught);
    }
    if (repl && env.stop_reason() != StopReason::kQuit &&
        env.stop_reason() != StopReason::kTimeout) {
      watchdog.reset();
      env.ClearStop();
      RunRepl(&env);
    }
    ReportStop(env);
    exit_code = env.exit_code();
    FlushStdout();
#ifndef WBHOST_ASAN
    // Tearing the isolate down costs time and frees nothing the OS would
    // not; sanitizer builds do it so that leaks are found.
    fflush(stderr);
    _exit(exit_code);
#endif
  }
  return exit_code;
}

}  // namespace wbhost
