// The REPL: libedit line editing and history, multi-line input, node-like
// echo of results, _ and _error, redeclarable let/const/class, top-level
// await, completion of globals and properties, dot commands, and Ctrl-C
// that clears the line or interrupts the running evaluation.
//
// Decisions: errors print as node's REPL prints them ("Uncaught " and the
// error's stack); top-level let/const/class become vars (V8 10.2 has no
// public REPL mode), so names can be declared again on a later line, at
// the price of const's immutability at the prompt.
#include "host/repl/repl.h"

#include <editline/readline.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "host/environment.h"
#include "host/error_report.h"
#include "host/file_util.h"
#include "host/js_builtins.h"
#include "host/output.h"
#include "host/script_runner.h"
#include "host/v8_util.h"

namespace wbhost {

namespace {

constexpr char kPrompt[] = "wbhost> ";
constexpr char kContinuation[] = "... ";
constexpr int kHistorySize = 1000;

// --- Ctrl-C. The handler only writes to pipes: a watcher thread stops a
// running evaluation, and the line reader wakes on the other. The reader
// cannot count on its read being interrupted: the kernel may hand the
// signal to another thread, or deliver it between two reads, after the
// line discipline has flushed the keys typed before the Ctrl-C, and the
// reader would then wait for keys that never come. For the same reason
// keys are read from a non-blocking description of the terminal of its
// own: keys that poll() saw may be flushed by a Ctrl-C before the read.
std::atomic<bool> g_evaluating{false};
std::atomic<bool> g_interrupted{false};
int g_signal_pipe[2] = {-1, -1};
int g_wake_pipe[2] = {-1, -1};
int g_key_fd = -1;

void OnSigint(int) {
  g_interrupted = true;
  char byte = 1;
  ssize_t ignored = write(g_signal_pipe[1], &byte, 1);
  ignored = write(g_wake_pipe[1], &byte, 1);
  (void)ignored;
}

// libedit reads through this: a Ctrl-C ends the line at once (the line is
// then dropped).
int GetChar(FILE* stream) {
  const int fd = g_key_fd >= 0 ? g_key_fd : fileno(stream);
  while (true) {
    pollfd fds[2] = {{fd, POLLIN, 0}, {g_wake_pipe[0], POLLIN, 0}};
    if (poll(fds, g_wake_pipe[0] >= 0 ? 2 : 1, -1) < 0) {
      if (errno != EINTR)
        return EOF;
      if (g_interrupted)
        return '\n';
      continue;
    }
    if (fds[1].revents & POLLIN) {
      char drain[64];
      while (read(g_wake_pipe[0], drain, sizeof drain) > 0) {
      }
      // A Ctrl-C during the last evaluation has been dealt with already.
      if (g_interrupted)
        return '\n';
    }
    if (fds[0].revents == 0)
      continue;
    unsigned char c;
    ssize_t n = read(fd, &c, 1);
    if (n == 1)
      return c;
    if (n == 0)
      return EOF;
    if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) {
      if (g_interrupted)
        return '\n';
      continue;
    }
    return EOF;
  }
}

Environment* g_env = nullptr;

std::string HistoryPath() {
  const char* custom = getenv("WBHOST_HISTORY");
  if (custom != nullptr && custom[0] != '\0')
    return custom;
  const char* home = getenv("HOME");
  return absl::StrCat(home != nullptr ? home : ".", "/.wbhost_history");
}

struct Result {
  bool ok = false;
  bool incomplete = false;
  bool interrupted = false;
  v8::Local<v8::Value> value;
  v8::Local<v8::Value> exception;
  v8::Local<v8::Message> message;
};

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

Result Evaluate(Environment* env, const std::string& source) {
  v8::Isolate* isolate = env->isolate();
  v8::Local<v8::Context> context = env->main_context();
  Result result;
  v8::TryCatch try_catch(isolate);
  v8::ScriptOrigin origin(isolate, ToV8(isolate, "REPL"));
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

// --- Completion.

std::vector<std::string> PropertyNames(Environment* env, const std::string& object_expr) {
  v8::Isolate* isolate = env->isolate();
  v8::Local<v8::Context> context = env->main_context();
  v8::TryCatch try_catch(isolate);
  std::string code = absl::StrCat(
      "(() => { let o = ", object_expr.empty() ? "globalThis" : object_expr,
      "; const names = new Set(); for (; o !== null && o !== undefined; o = "
      "Object.getPrototypeOf(o)) {"
      " for (const k of Object.getOwnPropertyNames(o)) names.add(k); } return [...names]; })()");
  // Side-effect free enough for identifiers and property chains only.
  static const std::regex kSafe("^[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*$");
  std::vector<std::string> names;
  if (!object_expr.empty() && !std::regex_match(object_expr, kSafe))
    return names;
  v8::Local<v8::Value> value;
  if (!CompileAndRunScript(context, code, "(completion)").ToLocal(&value) || !value->IsArray()) {
    return names;
  }
  v8::Local<v8::Array> array = value.As<v8::Array>();
  for (uint32_t i = 0; i < array->Length(); ++i) {
    v8::Local<v8::Value> name;
    if (array->Get(context, i).ToLocal(&name))
      names.push_back(ToStd(isolate, name));
  }
  return names;
}

std::vector<std::string> g_matches;

char* MatchGenerator(const char* text, int state) {
  if (state >= static_cast<int>(g_matches.size()))
    return nullptr;
  return strdup(g_matches[state].c_str());
}

char** Complete(const char* text, int start, int end) {
  rl_completion_append_character = '\0';
  std::string word(text);
  size_t dot = word.find_last_of('.');
  std::string object = dot == std::string::npos ? "" : word.substr(0, dot);
  std::string prefix = dot == std::string::npos ? word : word.substr(dot + 1);
  g_matches.clear();
  v8::HandleScope scope(g_env->isolate());
  for (const std::string& name : PropertyNames(g_env, object)) {
    if (absl::StartsWith(name, prefix)) {
      g_matches.push_back(object.empty() ? name : absl::StrCat(object, ".", name));
    }
  }
  std::sort(g_matches.begin(), g_matches.end());
  g_matches.erase(std::unique(g_matches.begin(), g_matches.end()), g_matches.end());
  if (g_matches.empty())
    return nullptr;
  return rl_completion_matches(text, MatchGenerator);
}

const char kHelp[] =
    ".editor   Enter editor mode (Ctrl-D to run, Ctrl-C to cancel)\n"
    ".exit     Exit the REPL\n"
    ".help     Print this help message\n"
    ".load     Load JS from a file into the REPL session\n"
    "\nPress Ctrl-C to abort the current expression, Ctrl-D to exit the REPL\n";

// Runs one complete input and prints its result or error.
void RunInput(Environment* env, const std::string& source) {
  v8::HandleScope scope(env->isolate());
  Result result = Evaluate(env, source);
  if (result.interrupted) {
    g_interrupted = false;
    WriteStdout("Uncaught Error: Script execution was interrupted by `SIGINT`\n");
  } else if (result.ok) {
    WriteStdout(absl::StrCat(Inspect(env, result.value), "\n"));
    SetValue(env->main_context(), env->main_context()->Global(), "_", result.value, v8::DontEnum);
  } else {
    PrintUncaught(env, result);
  }
  // Whatever the input scheduled that is due now runs before the prompt.
  env->loop().RunDue();
  if (env->ReportUnhandledRejections())
    env->set_exit_code(0);
  FlushStdout();
}

}  // namespace

void RunRepl(Environment* env) {
  g_env = env;
  env->set_interactive(true);
  env->set_exit_code(0);
  if (pipe(g_signal_pipe) == 0) {
    fcntl(g_signal_pipe[0], F_SETFD, FD_CLOEXEC);
    fcntl(g_signal_pipe[1], F_SETFD, FD_CLOEXEC);
  }
  if (pipe(g_wake_pipe) == 0) {
    for (int fd : g_wake_pipe) {
      fcntl(fd, F_SETFD, FD_CLOEXEC);
      fcntl(fd, F_SETFL, O_NONBLOCK);  // the handler never blocks, nor does draining
    }
  }
  // A description of its own, so that O_NONBLOCK does not reach stdout,
  // which shares stdin's on a terminal. Only a terminal flushes keys.
  if (isatty(STDIN_FILENO)) {
    g_key_fd = open("/proc/self/fd/0", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  }
  struct sigaction action = {};
  action.sa_handler = OnSigint;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: reads see EINTR
  sigaction(SIGINT, &action, nullptr);
  v8::Isolate* isolate = env->isolate();
  std::thread watcher([isolate] {
    char byte;
    while (read(g_signal_pipe[0], &byte, 1) == 1) {
      if (byte == 0)
        return;  // shut down
      if (g_evaluating)
        isolate->TerminateExecution();
    }
  });

  rl_getc_function = GetChar;
  rl_catch_signals = 0;
  rl_attempted_completion_function = Complete;
  std::string history = HistoryPath();
  using_history();
  stifle_history(kHistorySize);
  read_history(history.c_str());

  std::string buffer;
  while (true) {
    g_interrupted = false;
    env->loop().RunDue();
    FlushStdout();
    char* raw = readline(buffer.empty() ? kPrompt : kContinuation);
    if (raw == nullptr) {  // Ctrl-D
      WriteStdout("\n");
      break;
    }
    std::string line(raw);
    free(raw);
    if (g_interrupted) {  // Ctrl-C at the prompt: drop the line
      g_interrupted = false;
      buffer.clear();
      continue;
    }
    if (buffer.empty()) {
      std::string trimmed = line;
      while (!trimmed.empty() && isspace(trimmed.back()))
        trimmed.pop_back();
      if (trimmed.empty())
        continue;
      if (trimmed[0] == '.' && (trimmed.size() < 2 || !isdigit(trimmed[1]))) {
        add_history(trimmed.c_str());
        if (trimmed == ".exit")
          break;
        if (trimmed == ".help") {
          WriteStdout(kHelp);
          continue;
        }
        if (absl::StartsWith(trimmed, ".load ")) {
          std::string path = trimmed.substr(6);
          auto source = ReadFileBytes(path);
          if (!source.ok()) {
            WriteStdout(absl::StrCat("Failed to load: ", path, "\n"));
            continue;
          }
          RunInput(env, *source);
          continue;
        }
        if (trimmed == ".editor") {
          WriteStdout("// Entering editor mode (Ctrl+D to finish, Ctrl+C to cancel)\n");
          FlushStdout();
          std::string editor;
          bool cancelled = false;
          while (true) {
            char* more = readline("");
            if (more == nullptr)
              break;
            if (g_interrupted) {
              free(more);
              cancelled = true;
              break;
            }
            absl::StrAppend(&editor, more, "\n");
            free(more);
          }
          if (!cancelled)
            RunInput(env, editor);
          continue;
        }
        WriteStdout("Invalid REPL keyword\n");
        continue;
      }
    }
    absl::StrAppend(&buffer, buffer.empty() ? "" : "\n", line);
    {
      v8::HandleScope scope(isolate);
      Result probe;
      v8::TryCatch try_catch(isolate);
      v8::ScriptOrigin origin(isolate, ToV8(isolate, "REPL"));
      v8::ScriptCompiler::Source source(ToV8(isolate, buffer), origin);
      v8::Local<v8::Script> script;
      if (!v8::ScriptCompiler::Compile(env->main_context(), &source).ToLocal(&script) &&
          (MessageSays(try_catch, isolate, "Unexpected end of input") ||
           MessageSays(try_catch, isolate, "Unterminated template literal"))) {
        continue;  // more lines to come
      }
    }
    add_history(buffer.c_str());
    write_history(history.c_str());
    history_truncate_file(history.c_str(), kHistorySize);
    RunInput(env, buffer);
    buffer.clear();
  }
  write_history(history.c_str());
  history_truncate_file(history.c_str(), kHistorySize);
  char stop = 0;
  ssize_t ignored = write(g_signal_pipe[1], &stop, 1);
  (void)ignored;
  watcher.join();
  signal(SIGINT, SIG_DFL);
  for (int* fd : {&g_wake_pipe[0], &g_wake_pipe[1], &g_key_fd}) {
    if (*fd >= 0)
      close(*fd);
    *fd = -1;
  }
  FlushStdout();
}

}  // namespace wbhost
