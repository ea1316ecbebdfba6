// Runs a command with optional standard input and collects its output and
// exit status; for the whole-binary tests.
#ifndef TESTS_SUBPROCESS_H_
#define TESTS_SUBPROCESS_H_

#include <string>
#include <vector>

namespace wbhost::testing {

struct ProcessResult {
  std::string out;
  std::string err;
  // The exit code, or 128 + signal number when a signal ended it.
  int status = -1;
  bool signaled = false;
};

ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::string& stdin_data = "",
                         const std::vector<std::string>& extra_env = {});

// out/wbhost, or $WBHOST.
std::string WbhostPath();

// A fresh temporary directory, removed at process exit.
std::string TempDir();
// Writes `contents` to dir/name and returns the path.
std::string WriteFile(const std::string& dir, const std::string& name, const std::string& contents);

}  // namespace wbhost::testing

#endif  // TESTS_SUBPROCESS_H_
