// `wbhost test262`: a conformance runner in test262's format
// (INTERPRETING.md), for a tc39/test262 checkout, the project's js-tests/
// and the test262-parser-tests corpus. README.md in this folder has the
// command line and what is and is not done yet.
#ifndef HOST_TEST262_RUNNER_H_
#define HOST_TEST262_RUNNER_H_

#include <string>
#include <vector>

namespace wbhost {
class V8Runtime;
}

namespace wbhost::test262 {

// Runs the runner with the arguments after "test262"; returns the exit
// code (0: no unexpected result, 1: some, 2: usage error).
int RunTest262(const std::vector<std::string>& args, V8Runtime& runtime);

}  // namespace wbhost::test262

#endif  // HOST_TEST262_RUNNER_H_
