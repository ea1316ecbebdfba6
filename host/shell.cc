#include "host/shell.h"

#include <unistd.h>

#include <cstdio>
#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "host/context_data.h"
#include "host/context_factory.h"
#include "host/environment.h"
#include "host/error_report.h"
#include "host/exit_codes.h"
#include "host/file_util.h"
#include "host/isolate_setup.h"
#include "host/js_builtins.h"
#include "host/modules/module_loader.h"
#include "host/modules/resolver.h"
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

  bool RunFile(const std::string& path, MainFormat format) {
    if (format == MainFormat::kModule) {
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
    if (format == MainFormat::kCommonJs)
      return RunCommonJs(path);
    bool ok = RunCode(*source, path, false, false);
    if (!ok && !script_error_.empty())
      HintCommonJs(path);
    return ok;
  }

 private:
  // FILE as node runs a CommonJS main module (host/js/commonjs.js runMain).
  bool RunCommonJs(const std::string& path) {
    v8::HandleScope scope(isolate_);
    v8::Local<v8::Context> context = env_->main_context();
    v8::TryCatch try_catch(isolate_);
    v8::Local<v8::Object> cjs;
    v8::Local<v8::Value> run_main, result;
    v8::Local<v8::Value> arg = ToV8(isolate_, AbsolutePath(path));
    bool ok = LoadBuiltin(context, "commonjs").ToLocal(&cjs) &&
              cjs->Get(context, Symbolic(isolate_, "runMain")).ToLocal(&run_main) &&
              run_main.As<v8::Function>()->Call(context, cjs, 1, &arg).ToLocal(&result);
    return Finish(ok, try_catch, {});
  }

  // A script that met node's module-scope names gets told how to run as a
  // CommonJS module.
  void HintCommonJs(const std::string& path) {
    HostError(absl::StrCat("hint: ", path, " ran as a script, where ", script_error_,
                           " is not defined; name it .cjs (or give its package.json \"type\": "
                           "\"commonjs\") to run it as a CommonJS module"));
  }

  bool Finish(bool ok, v8::TryCatch& try_catch, v8::Local<v8::Value> print) {
    if (!ok) {
      if (try_catch.HasTerminated() || env_->stop_reason() != StopReason::kNone) {
        return false;
      }
      script_error_ = ModuleScopeName(try_catch.Exception());
      ReportException(isolate_, try_catch);
      env_->set_exit_code(kExitUncaught);
      return false;
    }
    if (!print.IsEmpty())
      PrintResult(env_->main_context(), print);
    return true;
  }

  // The name of node's module scope an uncaught ReferenceError says is
  // not defined, or empty.
  std::string ModuleScopeName(v8::Local<v8::Value> exception) {
    if (!exception->IsNativeError())
      return std::string();
    std::string text = ToStd(isolate_, exception);
    for (const char* name : {"__dirname", "__filename", "module", "exports"}) {
      if (text == absl::StrCat("ReferenceError: ", name, " is not defined"))
        return name;
    }
    return std::string();
  }

  Environment* env_;
  v8::Isolate* isolate_;
  std::string script_error_;
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

// process.on('exit') listeners, when the program used `process`
// (host/node/process.js), run once with the code the run ends with.
void EmitProcessExit(Environment& env) {
  if (env.stop_reason() == StopReason::kQuit || env.stop_reason() == StopReason::kTimeout ||
      env.stop_reason() == StopReason::kOutOfMemory) {
    return;
  }
  v8::Isolate* isolate = env.isolate();
  v8::HandleScope scope(isolate);
  v8::Local<v8::Context> context = env.main_context();
  auto& loaded = ContextData::From(context)->builtins();
  auto it = loaded.find("node_process");
  if (it == loaded.end())
    return;
  v8::Context::Scope context_scope(context);
  v8::TryCatch try_catch(isolate);
  v8::Local<v8::Value> emit;
  v8::Local<v8::Value> code = v8::Integer::New(isolate, env.exit_code());
  v8::Local<v8::Object> exports = it->second.Get(isolate);
  if (!exports->Get(context, Symbolic(isolate, "emitExit")).ToLocal(&emit) || !emit->IsFunction() ||
      emit.As<v8::Function>()->Call(context, exports, 1, &code).IsEmpty()) {
    if (try_catch.HasCaught() && !try_catch.HasTerminated()) {
      ReportException(isolate, try_catch);
      env.set_exit_code(kExitUncaught);
    }
  }
}

// --d8: each file in order in the one global scope, as d8 runs its
// command line. A file's microtasks run before the next file; an uncaught
// error or an unhandled rejection ends the files, and pending timers and
// tasks still run (d8's CompleteMessageLoop).
bool RunD8Files(Environment& env, Runner& runner) {
  const ShellOptions& options = env.options();
  bool ok = true;
  for (const std::string& file : options.files) {
    bool module = options.module || absl::EndsWith(file, ".mjs");
    ok = runner.RunFile(file, module ? MainFormat::kModule : MainFormat::kScript);
    if (ok)
      env.loop().RunPlatformTasksAndMicrotasks();
    if (ok && env.ReportUnhandledRejections()) {
      env.set_exit_code(kExitUncaught);
      ok = false;
    }
    if (!ok)
      break;
  }
  if (env.stop_reason() == StopReason::kNone)
    env.loop().Run();
  return ok;
}

}  // namespace

MainFormat MainFormatOf(const ShellOptions& options) {
  const std::string& file = options.file;
  if (options.module || absl::EndsWith(file, ".mjs"))
    return MainFormat::kModule;
  if (absl::EndsWith(file, ".cjs"))
    return MainFormat::kCommonJs;
  // A .js file as node takes it in a package that says; otherwise a d8
  // script (test harnesses run test files with no package.json so).
  if (absl::EndsWith(file, ".js")) {
    std::string type = PackageTypeOf(AbsolutePath(file));
    if (type == "commonjs")
      return MainFormat::kCommonJs;
    if (type == "module")
      return MainFormat::kModule;
  }
  return MainFormat::kScript;
}

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
    if (ok && options.d8) {
      ok = RunD8Files(env, runner);
    } else if (ok && !options.file.empty()) {
      ok = runner.RunFile(options.file, MainFormatOf(options));
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
    if (!repl)
      EmitProcessExit(env);
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
