#include "host/output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mutex>
#include <thread>

namespace wbhost {

namespace {

// Workers print from their own threads: the hook is the setter's thread's.
struct OutputHook {
  std::mutex mutex;
  std::function<void()> run;
  std::thread::id thread;
};

OutputHook& BeforeNextOutput() {
  static OutputHook hook;
  return hook;
}

void RunBeforeNextOutput() {
  OutputHook& hook = BeforeNextOutput();
  std::function<void()> run;
  {
    std::lock_guard<std::mutex> lock(hook.mutex);
    if (!hook.run || hook.thread != std::this_thread::get_id())
      return;
    run = std::move(hook.run);
    hook.run = nullptr;
  }
  run();
}

}  // namespace

void SetBeforeNextOutput(std::function<void()> run) {
  OutputHook& hook = BeforeNextOutput();
  std::lock_guard<std::mutex> lock(hook.mutex);
  hook.run = std::move(run);
  hook.thread = std::this_thread::get_id();
}

void WriteStdout(std::string_view text) {
  RunBeforeNextOutput();
  fwrite(text.data(), 1, text.size(), stdout);
}

void WriteStderr(std::string_view text) {
  RunBeforeNextOutput();
  fflush(stdout);
  fwrite(text.data(), 1, text.size(), stderr);
  fflush(stderr);
}

void FlushStdout() {
  fflush(stdout);
}

bool StdoutIsTerminal() {
  return isatty(STDOUT_FILENO) == 1;
}
bool StderrIsTerminal() {
  return isatty(STDERR_FILENO) == 1;
}

bool ColorsFor(int fd) {
  if (isatty(fd) != 1)
    return false;
  const char* no_color = getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0')
    return false;
  const char* term = getenv("TERM");
  if (term != nullptr && strcmp(term, "dumb") == 0)
    return false;
  return true;
}

}  // namespace wbhost
