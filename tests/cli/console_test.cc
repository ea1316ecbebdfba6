// console and value inspection. inspect_cases.expected is what node 20
// prints for inspect_cases.js; wbhost must print the same.
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "tests/subprocess.h"

namespace wbhost::testing {
namespace {

TEST(ConsoleTest, InspectionMatchesNode) {
  std::ifstream file("tests/cli/data/inspect_cases.expected");
  ASSERT_TRUE(file.good());
  std::stringstream expected;
  expected << file.rdbuf();
  auto r = RunProcess({WbhostPath(), "tests/cli/data/inspect_cases.js"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out + r.err, expected.str());
  EXPECT_EQ(r.out.find("\x1b["), std::string::npos) << "no colours on a pipe";
}

TEST(ConsoleTest, StreamsAndMethods) {
  auto r = RunProcess({WbhostPath(), "-e",
                       "const { log, error } = console;"
                       "log('out'); error('err'); console.warn('warn'); console.info('info');"
                       "console.assert(1 === 2, 'nope'); console.assert(true, 'fine');"
                       "console.trace('here');"
                       "console.time('t'); console.timeEnd('t');"
                       "console.dir({a: {b: {c: {d: 1}}}}, {depth: 0});"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out.substr(0, 10), "out\ninfo\nt");
  EXPECT_NE(r.out.find("ms\n{ a: [Object] }\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.err.rfind("err\nwarn\nAssertion failed: nope\nTrace: here\n", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("Trace: here\n    at "), std::string::npos) << r.err;
}

TEST(ConsoleTest, PrintFlagUsesInspection) {
  auto r = RunProcess({WbhostPath(), "-p", "({a: [1, 'x'], m: new Map([[1, 2]])})"});
  EXPECT_EQ(r.out, "{ a: [ 1, 'x' ], m: Map(1) { 1 => 2 } }\n");
}

TEST(ConsoleTest, ErrorsShowTheirStack) {
  auto r = RunProcess(
      {WbhostPath(), "-e", "const e = new TypeError('bad'); e.code = 'E1'; console.log(e)"});
  EXPECT_NE(r.out.find("TypeError: bad\n    at "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("code: 'E1'"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace wbhost::testing
