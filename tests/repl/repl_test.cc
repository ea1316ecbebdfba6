// The REPL as a person uses it: the real binary under a pseudo-terminal,
// keys typed, the screen read back.
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/subprocess.h"

namespace wbhost::testing {
namespace {

class Terminal {
 public:
  // Runs wbhost with `args` on a new pseudo-terminal; `env` entries are
  // NAME=VALUE (TERM is "dumb" unless given).
  explicit Terminal(const std::string& history,
                    std::vector<std::string> args = {},
                    std::vector<std::string> env = {}) {
    pid_ = forkpty(&fd_, nullptr, nullptr, nullptr);
    if (pid_ == 0) {
      setenv("HOME", TempDir().c_str(), 1);
      setenv("WBHOST_HISTORY", history.c_str(), 1);
      setenv("TERM", "dumb", 1);
      unsetenv("NO_COLOR");
      for (const std::string& kv : env)
        putenv(strdup(kv.c_str()));
      std::string wbhost = WbhostPath();
      std::vector<char*> argv{const_cast<char*>(wbhost.c_str())};
      for (std::string& a : args)
        argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(wbhost.c_str(), argv.data());
      _exit(127);
    }
  }
  ~Terminal() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (fd_ >= 0)
      close(fd_);
  }

  // Reads until `text` has appeared in the screen since the last Expect,
  // or a generous time has passed. Returns whether it appeared.
  bool Expect(const std::string& text, int seconds = 10) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (true) {
      size_t found = screen_.find(text, cursor_);
      if (found != std::string::npos) {
        cursor_ = found + text.size();
        return true;
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                      deadline - std::chrono::steady_clock::now())
                      .count();
      if (left <= 0)
        return false;
      pollfd pfd{fd_, POLLIN, 0};
      if (poll(&pfd, 1, static_cast<int>(left)) <= 0)
        continue;
      char buffer[4096];
      ssize_t n = read(fd_, buffer, sizeof buffer);
      if (n <= 0)
        return screen_.find(text, cursor_) != std::string::npos;
      screen_.append(buffer, static_cast<size_t>(n));
    }
  }

  // Types like a person: libedit puts the terminal in raw mode after
  // printing its prompt, flushing input typed before that, so keys wait
  // until the terminal is raw (at most a second: while a script runs it is
  // not, and a Ctrl-C must go then too), then a moment more.
  void Type(const std::string& keys) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    termios mode{};
    while (std::chrono::steady_clock::now() < deadline && tcgetattr(fd_, &mode) == 0 &&
           (mode.c_lflag & ICANON) != 0) {
      usleep(10 * 1000);
    }
    usleep(100 * 1000);
    for (char c : keys) {
      ssize_t ignored = write(fd_, &c, 1);
      (void)ignored;
      if (c == '\n')
        usleep(50 * 1000);
    }
  }

  int Wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    exited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  const std::string& screen() const { return screen_; }

 private:
  int fd_ = -1;
  pid_t pid_ = -1;
  bool exited_ = false;
  std::string screen_;
  size_t cursor_ = 0;
};

std::string History() {
  return TempDir() + "/history-" + std::to_string(rand());
}

TEST(ReplTest, EvaluatesAndEchoes) {
  Terminal t(History());
  ASSERT_TRUE(t.Expect("wbhost> ")) << t.screen();
  t.Type("1 + 2\n");
  EXPECT_TRUE(t.Expect("3\r\nwbhost> ")) << t.screen();
  t.Type("({a: [1, 'x']})\n");
  EXPECT_TRUE(t.Expect("{ a: [ 1, 'x' ] }")) << t.screen();
  t.Type("_.a.length\n");
  EXPECT_TRUE(t.Expect("2\r\n")) << t.screen();
  t.Type("\x04");
  EXPECT_EQ(t.Wait(), 0);
}

TEST(ReplTest, MultiLineRedeclarationAwaitAndErrors) {
  Terminal t(History());
  ASSERT_TRUE(t.Expect("wbhost> "));
  t.Type("function f(a) {\n");
  EXPECT_TRUE(t.Expect("... ")) << t.screen();
  t.Type("  return a + 1\n}\n");
  t.Type("f(41)\n");
  EXPECT_TRUE(t.Expect("42")) << t.screen();
  t.Type("let x = 1\nlet x = 2\nx\n");
  EXPECT_TRUE(t.Expect("\r\n2\r\n")) << t.screen();
  t.Type("await new Promise(r => setTimeout(() => r('later'), 10))\n");
  EXPECT_TRUE(t.Expect("'later'")) << t.screen();
  t.Type("null.x\n");
  EXPECT_TRUE(t.Expect("Uncaught TypeError: Cannot read properties of null")) << t.screen();
  t.Type("_error.name\n");
  EXPECT_TRUE(t.Expect("'TypeError'")) << t.screen();
  t.Type("Promise.reject(new Error('unhandled'))\n");
  t.Type("'still here'\n");
  EXPECT_TRUE(t.Expect("'still here'")) << t.screen();
  // Errors V8 reports itself are printed; the session goes on, exit code 0.
  t.Type("queueMicrotask(() => { throw new Error('from a microtask') })\n");
  EXPECT_TRUE(t.Expect("Error: from a microtask\r\n    at ")) << t.screen();
  t.Type("'and after'\n");
  EXPECT_TRUE(t.Expect("'and after'")) << t.screen();
  t.Type(".exit\n");
  EXPECT_EQ(t.Wait(), 0);
}

TEST(ReplTest, TabCompletion) {
  Terminal t(History());
  ASSERT_TRUE(t.Expect("wbhost> "));
  t.Type("console.lo\t");
  EXPECT_TRUE(t.Expect("console.log")) << t.screen();
  t.Type("('done')\n");
  EXPECT_TRUE(t.Expect("done\r\n")) << t.screen();
  t.Type("\x04");
  EXPECT_EQ(t.Wait(), 0);
}

TEST(ReplTest, CtrlCInterruptsAndClears) {
  Terminal t(History());
  ASSERT_TRUE(t.Expect("wbhost> "));
  t.Type("while (true) {}\n");
  usleep(300 * 1000);
  t.Type("\x03");
  EXPECT_TRUE(t.Expect("interrupted by `SIGINT`")) << t.screen();
  ASSERT_TRUE(t.Expect("wbhost> "));
  t.Type("unfinished line\x03");
  ASSERT_TRUE(t.Expect("wbhost> ")) << t.screen();
  t.Type("'alive'\n");
  EXPECT_TRUE(t.Expect("'alive'")) << t.screen();
  t.Type("\x04");
  EXPECT_EQ(t.Wait(), 0);
}

TEST(ReplTest, LoadHelpAndHistory) {
  std::string history = History();
  std::string file = WriteFile(TempDir(), "repl-load.js", "var loaded = 'from file';");
  {
    Terminal t(history);
    ASSERT_TRUE(t.Expect("wbhost> "));
    t.Type(".load " + file + "\n");
    t.Type("loaded\n");
    EXPECT_TRUE(t.Expect("'from file'")) << t.screen();
    t.Type(".help\n");
    EXPECT_TRUE(t.Expect(".editor")) << t.screen();
    t.Type("6 * 7\n");
    EXPECT_TRUE(t.Expect("42"));
    t.Type("\x04");
    EXPECT_EQ(t.Wait(), 0);
  }
  std::ifstream saved(history);
  std::stringstream text;
  text << saved.rdbuf();
  EXPECT_NE(text.str().find("6\\040*\\0407"), std::string::npos) << text.str();
}

TEST(ReplTest, InteractiveAfterFile) {
  std::string file = WriteFile(TempDir(), "repl-i.js", "var fromFile = 6 * 7; print('ran');");
  Terminal t(History(), {"-i", file});
  EXPECT_TRUE(t.Expect("ran\r\n")) << t.screen();
  ASSERT_TRUE(t.Expect("wbhost> "));
  t.Type("fromFile\n");
  EXPECT_TRUE(t.Expect("42")) << t.screen();
  t.Type("\x04");
  EXPECT_EQ(t.Wait(), 0);
}

TEST(ReplTest, EditorMode) {
  Terminal t(History());
  ASSERT_TRUE(t.Expect("wbhost> "));
  t.Type(".editor\n");
  EXPECT_TRUE(t.Expect("editor mode")) << t.screen();
  t.Type("const a = 20;\nconst b = 22;\na + b\n");
  t.Type("\x04");
  EXPECT_TRUE(t.Expect("42")) << t.screen();
  ASSERT_TRUE(t.Expect("wbhost> "));
  t.Type("\x04");
  EXPECT_EQ(t.Wait(), 0);
}

TEST(ReplTest, ColoursOnATerminalUnlessNoColor) {
  {
    Terminal t(History(), {"-e", "console.log(1, 'x', [null])"}, {"TERM=xterm"});
    EXPECT_TRUE(t.Expect("\x1b[33m1\x1b[39m x [ \x1b[1mnull\x1b[22m ]")) << t.screen();
    EXPECT_EQ(t.Wait(), 0);
  }
  {
    Terminal t(History(), {"-e", "console.log(1, [null])"}, {"TERM=xterm", "NO_COLOR=1"});
    EXPECT_TRUE(t.Expect("1 [ null ]")) << t.screen();
    EXPECT_EQ(t.Wait(), 0);
    EXPECT_EQ(t.screen().find("\x1b[33m"), std::string::npos);
  }
}

// The node-compared layout with colours on: util.inspect(value, {colors:
// true}) in node 20 prints each of these on one line, the colour codes not
// counted as width.
TEST(ReplTest, ColouredResultsAreLaidOutAsNodeLaysThemOut) {
  Terminal t(History(), {}, {"TERM=xterm"});
  ASSERT_TRUE(t.Expect("wbhost> ")) << t.screen();
  const std::pair<const char*, const char*> kCases[] = {
      {"({calls: 3, panics: 0, aborts: 1, resets: 0})",
       "{ calls: \x1b[33m3\x1b[39m, panics: \x1b[33m0\x1b[39m, aborts: \x1b[33m1\x1b[39m, resets: "
       "\x1b[33m0\x1b[39m }"},
      {"[1, 'two', null, undefined, true]",
       "[ \x1b[33m1\x1b[39m, \x1b[32m'two'\x1b[39m, \x1b[1mnull\x1b[22m, "
       "\x1b[90mundefined\x1b[39m, "
       "\x1b[33mtrue\x1b[39m ]"},
      {"new Map([['k', {deep: [1, 2]}]])",
       "Map(1) { \x1b[32m'k'\x1b[39m => { deep: [ \x1b[33m1\x1b[39m, \x1b[33m2\x1b[39m ] } }"},
      {"({f() {}, d: new Date(0), r: /x/g, e: null})",
       "{ f: \x1b[36m[Function: f]\x1b[39m, d: \x1b[35m1970-01-01T00:00:00.000Z\x1b[39m, r: "
       "\x1b[31m/x/g\x1b[39m, e: \x1b[1mnull\x1b[22m }"},
  };
  for (const auto& [input, shown] : kCases) {
    t.Type(std::string(input) + "\n");
    EXPECT_TRUE(t.Expect(std::string(shown) + "\r\n")) << input << "\n" << t.screen();
  }
  t.Type("\x04");
  EXPECT_EQ(t.Wait(), 0);
}

// The event loop runs while the prompt waits: a timer's output appears
// above the prompt, and the half-typed line is drawn again intact.
TEST(ReplTest, TimerFiresWhileIdleAboveTheLineBeingTyped) {
  Terminal t(History(), {}, {"TERM=xterm"});
  ASSERT_TRUE(t.Expect("wbhost> ")) << t.screen();
  t.Type("setTimeout(() => print('fired while idle'), 600); 'set'\n");
  ASSERT_TRUE(t.Expect("'set'")) << t.screen();
  t.Type("let half = ");
  EXPECT_TRUE(t.Expect("fired while idle\r\n")) << t.screen();
  EXPECT_TRUE(t.Expect("wbhost> let half = ")) << t.screen();
  t.Type("6 * 7\n");
  t.Type("half\n");
  EXPECT_TRUE(t.Expect("42")) << t.screen();
  t.Type("\x04");
  EXPECT_EQ(t.Wait(), 0);
}

TEST(ReplTest, RejectionWhileIdleIsReportedAndTheSessionGoesOn) {
  Terminal t(History());
  ASSERT_TRUE(t.Expect("wbhost> ")) << t.screen();
  t.Type("setTimeout(() => Promise.reject(new Error('idle boom')), 300); 1\n");
  EXPECT_TRUE(t.Expect("Error: idle boom")) << t.screen();
  t.Type("'still here'\n");
  EXPECT_TRUE(t.Expect("'still here'")) << t.screen();
  t.Type("\x04");
  EXPECT_EQ(t.Wait(), 0);
}

TEST(ReplTest, CtrlCCancelsAPendingAwait) {
  Terminal t(History());
  ASSERT_TRUE(t.Expect("wbhost> ")) << t.screen();
  t.Type("await new Promise(() => {})\n");
  usleep(300 * 1000);
  t.Type("\x03");
  EXPECT_TRUE(t.Expect("interrupted by `SIGINT`")) << t.screen();
  ASSERT_TRUE(t.Expect("wbhost> ")) << t.screen();
  t.Type("'alive'\n");
  EXPECT_TRUE(t.Expect("'alive'")) << t.screen();
  t.Type("\x04");
  EXPECT_EQ(t.Wait(), 0);
}

// quit() from a timer while the prompt waits ends the session with its
// code, the terminal given back in its own mode.
TEST(ReplTest, QuitWhileIdleEndsTheSession) {
  Terminal t(History());
  ASSERT_TRUE(t.Expect("wbhost> ")) << t.screen();
  t.Type("setTimeout(() => quit(4), 300); 1\n");
  t.Type("half typed");
  EXPECT_EQ(t.Wait(), 4) << t.screen();
}

TEST(ReplTest, QuitGivesItsCode) {
  Terminal t(History());
  ASSERT_TRUE(t.Expect("wbhost> "));
  t.Type("quit(3)\n");
  EXPECT_EQ(t.Wait(), 3);
}

}  // namespace
}  // namespace wbhost::testing
