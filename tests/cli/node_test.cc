// Node's habits through the binary: CommonJS entry points (a .cjs file, a
// .js in a "type": "commonjs" package, a .js in a "type": "module" one) and
// the node globals (process, timers, events, Buffer, os), each script's
// output equal to node 20's on the same script (tests/cli/data/node/*.expected,
// written by node 20; when node 20 is on PATH it is run too, so an expected
// file cannot go stale); then what node does not have or does otherwise: a
// .js outside such a package is a d8 script, with a hint when it reaches for
// CommonJS's scope; navigator; process.exit; AbortSignal.timeout firing.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "tests/subprocess.h"

namespace wbhost::testing {
namespace {

const char kData[] = "tests/cli/data/node/";

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The same command line for wbhost and node: the script, then `one two`,
// with WBHOST_NODE_TEST=set in the environment.
ProcessResult RunScript(const std::string& program, const std::string& script) {
  return RunProcess({program, kData + script, "one", "two"}, "", {"WBHOST_NODE_TEST=set"});
}

ProcessResult RunScript(const std::string& env,
                        const std::string& program,
                        const std::string& script) {
  return RunProcess({env, program, kData + script, "one", "two"}, "", {"WBHOST_NODE_TEST=set"});
}

bool HaveNode20() {
  ProcessResult version = RunProcess({"/usr/bin/env", "node", "--version"});
  return version.status == 0 && version.out.rfind("v20.", 0) == 0;
}

struct Compared {
  const char* script;
  int status;
};

class NodeCompared : public ::testing::TestWithParam<Compared> {};

TEST_P(NodeCompared, OutputIsNode20s) {
  const Compared& c = GetParam();
  std::string expected = ReadText(kData + std::string(c.script) + ".expected");
  ASSERT_FALSE(expected.empty()) << c.script;
  ProcessResult wbhost = RunScript(WbhostPath(), c.script);
  EXPECT_EQ(wbhost.out + wbhost.err, expected) << c.script;
  EXPECT_EQ(wbhost.status, c.status);
  if (HaveNode20()) {
    ProcessResult node = RunScript("/usr/bin/env", "node", c.script);
    EXPECT_EQ(node.out + node.err, expected) << "node 20 no longer prints the expected file";
    EXPECT_EQ(node.status, c.status);
  }
}

INSTANTIATE_TEST_SUITE_P(Scripts,
                         NodeCompared,
                         ::testing::Values(Compared{"cjs/main.cjs", 0},
                                           Compared{"cjs-package/main.js", 0},
                                           Compared{"esm-package/main.js", 0},
                                           Compared{"process.js", 7},
                                           Compared{"timers.js", 0},
                                           Compared{"events.js", 0},
                                           Compared{"buffer.js", 0},
                                           Compared{"os.js", 0},
                                           Compared{"url-module.js", 0}),
                         [](const auto& info) {
                           std::string name = info.param.script;
                           for (char& ch : name) {
                             if (!isalnum(static_cast<unsigned char>(ch)))
                               ch = '_';
                           }
                           return name;
                         });

ProcessResult Eval(const std::string& code) {
  return RunProcess({WbhostPath(), "-e", code});
}

// d8 wins over node here: a .js main outside a "type": "commonjs" package
// is a script (test262-harness and eshost give d8 such files).
TEST(NodeHabits, JsOutsideCommonJsPackageIsAScriptWithAHint) {
  ProcessResult r = RunScript(WbhostPath(), "script/uses-dirname.js");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "true undefined undefined function");
  EXPECT_NE(r.out.find("uses-dirname.js:4: ReferenceError: __dirname is not defined"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.err.find("wbhost: hint: tests/cli/data/node/script/uses-dirname.js ran as a script, "
                       "where __dirname is not "
                       "defined; name it .cjs"),
            std::string::npos)
      << r.err;
  // A script's own ReferenceError for another name carries no hint.
  ProcessResult other = Eval("undefinedName");
  EXPECT_EQ(other.status, 1);
  EXPECT_EQ(other.err.find("hint"), std::string::npos) << other.err;
  std::string dir = TempDir();
  for (const char* name : {"__filename", "module", "exports"}) {
    std::string file =
        WriteFile(dir, std::string(name) + ".js", std::string("print(") + name + ");");
    ProcessResult hinted = RunProcess({WbhostPath(), file});
    EXPECT_NE(
        hinted.err.find(file + " ran as a script, where " + name + " is not defined; name it .cjs"),
        std::string::npos)
        << name << ": " << hinted.err;
  }
}

TEST(NodeHabits, UncaughtErrorInCommonJsMainIsReportedInD8Form) {
  ProcessResult r = RunScript(WbhostPath(), "script/throws.cjs");
  EXPECT_EQ(r.status, 1);
  std::string path = std::filesystem::absolute(std::string(kData) + "script/throws.cjs");
  EXPECT_EQ(r.out.rfind(path + ":3: RangeError: bad value 1\n"
                               "throw new RangeError(`bad value ${value}`);\n^\n",
                        0),
            0u)
      << r.out;
}

TEST(NodeHabits, Navigator) {
  ProcessResult r = Eval(
      "print(navigator.hardwareConcurrency === require('os').availableParallelism(),"
      " navigator.hardwareConcurrency > 0, navigator.userAgent === 'wbhost/' + "
      "wbhost.version.wbhost,"
      " String(navigator))");
  EXPECT_EQ(r.out, "true true true [object Navigator]\n") << r.err;
}

TEST(NodeHabits, ProcessExitRunsExitListenersAndEndsWithItsCode) {
  ProcessResult r = Eval(
      "process.on('exit', (code) => print('exit', code));"
      "setTimeout(() => print('never'), 0);"
      "process.exitCode = 3; process.exit(5); print('not reached');");
  EXPECT_EQ(r.out, "exit 5\n") << r.err;
  EXPECT_EQ(r.status, 5);
  ProcessResult by_code = Eval("process.exitCode = 4; print(process.exitCode)");
  EXPECT_EQ(by_code.out, "4\n");
  EXPECT_EQ(by_code.status, 4);
  // An uncaught error outranks exitCode.
  ProcessResult failed = Eval("process.exitCode = 4; throw new Error('x')");
  EXPECT_EQ(failed.status, 1);
}

TEST(NodeHabits, VersionsAreOurs) {
  std::string v8 = std::string(WBHOST_LIBNODE) == "108" ? "10.2." : "13.6.";
  ProcessResult r = Eval(
      "print(process.version === 'v' + wbhost.version.wbhost,"
      " process.versions.wbhost === wbhost.version.wbhost,"
      " process.versions.v8.startsWith('" +
      v8 + "'), 'node' in process.versions)");
  EXPECT_EQ(r.out, "true true true false\n") << r.err;
}

// node ends the program before a timeout signal fires (its timer does not
// keep the process alive); wbhost, like a browser page left open, fires it.
TEST(NodeHabits, AbortSignalTimeoutFires) {
  ProcessResult r = Eval(
      "const s = AbortSignal.timeout(5); const t0 = performance.now();"
      "s.onabort = () => print(s.aborted, s.reason.name, s.reason.code,"
      " performance.now() - t0 >= 4);");
  EXPECT_EQ(r.out, "true TimeoutError 23 true\n") << r.err;
}

TEST(NodeHabits, NextTickRunsBeforePromiseJobsAndAThrowIsUncaught) {
  ProcessResult r = Eval(
      "Promise.resolve().then(() => { print('promise');"
      "  process.nextTick(() => print('tick in a job')); Promise.resolve().then(() => "
      "print('job after')); });"
      "process.nextTick(() => { print('tick'); process.nextTick(() => print('nested tick')); });");
  EXPECT_EQ(r.out, "tick\nnested tick\npromise\njob after\ntick in a job\n") << r.err;
  ProcessResult thrown = Eval(
      "process.nextTick(() => { throw new Error('in tick'); }); setTimeout(() => print('no'))");
  EXPECT_EQ(thrown.status, 1);
  EXPECT_NE(thrown.out.find("Error: in tick"), std::string::npos) << thrown.out;
  EXPECT_EQ(thrown.out.find("no\n"), std::string::npos);
}

}  // namespace
}  // namespace wbhost::testing
