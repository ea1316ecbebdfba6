#include "host/repl/evaluate.h"

#include <regex>
#include <string>

#include "absl/strings/str_cat.h"
#include "host/environment.h"
#include "host/js_builtins.h"
#include "host/output.h"
#include "host/repl/terminal.h"
#include "host/v8_compat.h"
#include "host/v8_util.h"

namespace wbhost::repl {

namespace {

bool MessageSays(const v8::TryCatch& try_catch, v8::Isolate* isolate, const char* text) {
  if (!try_catch.HasCaught())
    return false;
  return ToStd(isolate, try_catch.Exception()).find(text) != std::string::npos;
}

// Turns `let x`/`const x`/`class X` at the start of a statement into a
// var, so that a later line may declare the name again: global lexical
// bindings could never be redeclared, and a var cannot shadow one either.
std::string AsRedeclarable(const std::string& source) {
  static const std::regex kLet("(^|[;\\n]\\s*)(let|const)(\\s+[A-Za-z_$\\[{])");
  static const std::regex kClass("(^|[;\\n]\\s*)class\\s+([A-Za-z_$][A-Za-z0-9_$]*)");
  std::string out = std::regex_replace(source, kLet, "$1var$3");
  return std::regex_replace(out, kClass, "$1var $2 = class $2");
}

// Wraps input that uses await at the top level in an async function; a
// single leading declaration keeps its name global.
std::string AsAsync(const std::string& source) {
  static const std::regex kDecl(
      "^\\s*(?:let|const|var)\\s+([A-Za-z_$][A-Za-z0-9_$]*)\\s*=([\\s\\S]*)$");
  std::smatch match;
  std::string trimmed = source;
  while (!trimmed.empty() && (trimmed.back() == ';' || isspace(trimmed.back())))
    trimmed.pop_back();
  if (std::regex_match(trimmed, match, kDecl)) {
    return absl::StrCat("var ", match[1].str(), "; (async () => { return ", match[1].str(), " = (",
                        match[2].str(), "\n); })()");
  }
  if (trimmed.find(';') == std::string::npos && trimmed.find('\n') == std::string::npos) {
    return absl::StrCat("(async () => { return (", trimmed, "\n); })()");
  }
  return absl::StrCat("(async () => { ", trimmed, "\n })()");
}

// Runs the event loop's ready work until `promise` settles.
bool AwaitPromise(Environment* env, v8::Local<v8::Promise> promise) {
  v8::Isolate* isolate = env->isolate();
  while (promise->State() == v8::Promise::kPending) {
    env->loop().RunOnce();
    if (isolate->IsExecutionTerminating() || g_interrupted)
      return false;
  }
  return true;
}

}  // namespace

bool IsIncomplete(Environment* env, const std::string& source) {
  v8::Isolate* isolate = env->isolate();
  v8::HandleScope scope(isolate);
  v8::TryCatch try_catch(isolate);
  v8::ScriptOrigin origin = v8compat::ScriptOrigin(isolate, ToV8(isolate, "REPL"));
  v8::ScriptCompiler::Source script_source(ToV8(isolate, source), origin);
  v8::Local<v8::Script> script;
  return !v8::ScriptCompiler::Compile(env->main_context(), &script_source).ToLocal(&script) &&
         (MessageSays(try_catch, isolate, "Unexpected end of input") ||
          MessageSays(try_catch, isolate, "Unterminated template literal"));
}

Result Evaluate(Environment* env, const std::string& source) {
  v8::Isolate* isolate = env->isolate();
  v8::Local<v8::Context> context = env->main_context();
  Result result;
  v8::TryCatch try_catch(isolate);
  v8::ScriptOrigin origin = v8compat::ScriptOrigin(isolate, ToV8(isolate, "REPL"));
  std::string code = AsRedeclarable(source);
  v8::Local<v8::Script> script;
  bool wrapped_async = false;
  for (int attempt = 0; attempt < 3; ++attempt) {
    v8::ScriptCompiler::Source script_source(ToV8(isolate, code), origin);
    if (v8::ScriptCompiler::Compile(context, &script_source).ToLocal(&script))
      break;
    if (MessageSays(try_catch, isolate, "Unexpected end of input") ||
        MessageSays(try_catch, isolate, "Unterminated template literal")) {
      result.incomplete = true;
      return result;
    }
    if (!wrapped_async && MessageSays(try_catch, isolate, "await is only valid")) {
      try_catch.Reset();
      code = AsAsync(code);
      wrapped_async = true;
      continue;
    }
    break;
  }
  if (script.IsEmpty()) {
    result.exception = try_catch.Exception();
    result.message = try_catch.Message();
    return result;
  }
  g_evaluating = true;
  // A Ctrl-C that came between Enter and now was meant for this evaluation.
  if (g_interrupted)
    isolate->TerminateExecution();
  v8::MaybeLocal<v8::Value> value = script->Run(context);
  if (!value.IsEmpty() && wrapped_async && value.ToLocalChecked()->IsPromise()) {
    v8::Local<v8::Promise> promise = value.ToLocalChecked().As<v8::Promise>();
    if (AwaitPromise(env, promise)) {
      if (promise->State() == v8::Promise::kRejected) {
        g_evaluating = false;
        promise->MarkAsHandled();
        result.exception = promise->Result();
        return result;
      }
      value = promise->Result();
    } else {
      value = v8::MaybeLocal<v8::Value>();
    }
  }
  g_evaluating = false;
  if (try_catch.HasTerminated() || isolate->IsExecutionTerminating() || g_interrupted) {
    isolate->CancelTerminateExecution();
    result.interrupted = true;
    return result;
  }
  if (value.IsEmpty()) {
    result.exception = try_catch.Exception();
    result.message = try_catch.Message();
    return result;
  }
  result.ok = true;
  result.value = value.ToLocalChecked();
  return result;
}

std::string Inspect(Environment* env, v8::Local<v8::Value> value) {
  v8::Isolate* isolate = env->isolate();
  v8::Local<v8::Context> context = env->main_context();
  v8::TryCatch try_catch(isolate);
  v8::Local<v8::Object> exports;
  v8::Local<v8::Value> inspect;
  v8::Local<v8::Value> text;
  v8::Local<v8::Object> options = v8::Object::New(isolate);
  SetValue(context, options, "colors", v8::Boolean::New(isolate, ColorsFor(1)), v8::None);
  v8::Local<v8::Value> args[] = {value, options};
  if (LoadBuiltin(context, "inspect").ToLocal(&exports) &&
      exports->Get(context, Symbolic(isolate, "inspect")).ToLocal(&inspect) &&
      inspect.As<v8::Function>()->Call(context, v8::Undefined(isolate), 2, args).ToLocal(&text)) {
    return ToStd(isolate, text);
  }
  return ToStd(isolate, value);
}

void PrintUncaught(Environment* env, const Result& result) {
  v8::Isolate* isolate = env->isolate();
  v8::Local<v8::Value> error = result.exception;
  std::string text;
  if (!error.IsEmpty() && error->IsNativeError()) {
    v8::Local<v8::Value> stack;
    if (error.As<v8::Object>()
            ->Get(env->main_context(), Symbolic(isolate, "stack"))
            .ToLocal(&stack) &&
        stack->IsString()) {
      text = ToStd(isolate, stack);
    } else {
      text = ToStd(isolate, error);
    }
  } else {
    text = Inspect(env, error.IsEmpty() ? v8::Undefined(isolate).As<v8::Value>() : error);
  }
  WriteStdout(absl::StrCat("Uncaught ", text, "\n"));
  if (!error.IsEmpty()) {
    SetValue(env->main_context(), env->main_context()->Global(), "_error", error, v8::DontEnum);
  }
}

}  // namespace wbhost::repl
