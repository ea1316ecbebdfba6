// The REPL: libedit line editing and history, multi-line input, node-like
// echo of results, _ and _error, top-level await (evaluate.h), completion
// (completion.h), dot commands, Ctrl-C that clears the line or interrupts
// the running evaluation, and the event loop run while the prompt waits
// (terminal.h): what it prints goes above the prompt, and the line being
// edited is drawn again below it.
#include "host/repl/repl.h"

#include <editline/readline.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "host/environment.h"
#include "host/file_util.h"
#include "host/output.h"
#include "host/repl/completion.h"
#include "host/repl/evaluate.h"
#include "host/repl/terminal.h"
#include "host/v8_util.h"

namespace wbhost {

using repl::g_evaluating;
using repl::g_interrupted;
using repl::IsIncomplete;
using repl::Result;

namespace {

constexpr char kPrompt[] = "wbhost> ";
constexpr char kContinuation[] = "... ";
constexpr int kHistorySize = 1000;

std::string HistoryPath() {
  const char* custom = getenv("WBHOST_HISTORY");
  if (custom != nullptr && custom[0] != '\0')
    return custom;
  const char* home = getenv("HOME");
  return absl::StrCat(home != nullptr ? home : ".", "/.wbhost_history");
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
  Result result = repl::Evaluate(env, source);
  if (result.interrupted) {
    g_interrupted = false;
    WriteStdout("Uncaught Error: Script execution was interrupted by `SIGINT`\n");
  } else if (result.ok) {
    WriteStdout(absl::StrCat(repl::Inspect(env, result.value), "\n"));
    SetValue(env->main_context(), env->main_context()->Global(), "_", result.value, v8::DontEnum);
  } else {
    repl::PrintUncaught(env, result);
  }
  // Whatever the input scheduled that is due now runs before the prompt.
  env->loop().RunDue();
  if (env->ReportUnhandledRejections())
    env->set_exit_code(0);
  FlushStdout();
}

// The prompt's line gives way to output: cleared where the terminal can,
// else left behind by a new line.
void ClearPromptLine() {
  const char* term = getenv("TERM");
  bool dumb = term == nullptr || std::string(term) == "dumb" || std::string(term).empty();
  fputs(dumb ? "\n" : "\r\x1b[K", stdout);
}

// While the prompt waits: timers, tasks from other threads (Worker
// messages, $262.agent reports) and promise jobs run; what they print goes
// above the prompt, and libedit draws the prompt and the line being
// edited again. A quit() among them ends the REPL (returns false).
bool RunWhileIdle(Environment* env) {
  if (g_evaluating)
    return true;
  env->loop().DrainWakeFd();
  v8::HandleScope scope(env->isolate());
  bool printed = false;
  SetBeforeNextOutput([&printed] {
    printed = true;
    ClearPromptLine();
  });
  env->set_quit_exits_process(false);
  env->loop().RunDue();
  if (env->stop_reason() == StopReason::kNone && env->ReportUnhandledRejections())
    env->set_exit_code(0);
  env->set_quit_exits_process(true);
  SetBeforeNextOutput(nullptr);
  FlushStdout();
  if (env->stop_reason() != StopReason::kNone)
    return false;
  if (printed)
    rl_forced_update_display();
  return true;
}

}  // namespace

void RunRepl(Environment* env) {
  env->set_interactive(true);
  env->set_exit_code(0);
  v8::Isolate* isolate = env->isolate();
  repl::StartInterrupts([isolate, env] {
    isolate->TerminateExecution();
    env->loop().Wake();  // an await at the prompt waits on the loop
  });
  repl::SetIdleWork({env->loop().WakeFd(), [env] { return env->loop().MsUntilDue(); },
                     [env] { return RunWhileIdle(env); }});
  rl_getc_function = repl::GetChar;
  rl_catch_signals = 0;
  repl::InstallCompletion(env);
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
    if (raw == nullptr) {  // Ctrl-D, or quit() from a timer while idle
      WriteStdout("\n");
      break;
    }
    std::string line(raw);
    free(raw);
    if (env->stop_reason() != StopReason::kNone) {  // quit() while idle, a line half typed
      WriteStdout("\n");
      break;
    }
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
    if (IsIncomplete(env, buffer))
      continue;  // more lines to come
    add_history(buffer.c_str());
    write_history(history.c_str());
    history_truncate_file(history.c_str(), kHistorySize);
    RunInput(env, buffer);
    buffer.clear();
  }
  write_history(history.c_str());
  history_truncate_file(history.c_str(), kHistorySize);
  repl::StopInterrupts();
  FlushStdout();
}

}  // namespace wbhost
