// `wbhost test262` on small corpora made here, and driven by the npm
// test262-harness as a d8 host.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "tests/subprocess.h"

namespace wbhost::testing {
namespace {

// A corpus root with the project's harness and the given tests.
std::string Corpus(const std::string& name,
                   const std::vector<std::pair<std::string, std::string>>& tests) {
  std::string root = TempDir() + "/corpus-" + name;
  std::filesystem::create_directories(root + "/test");
  std::filesystem::copy(
      "js-tests/harness", root + "/harness",
      std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
  for (const auto& [file, source] : tests)
    WriteFile(root + "/test", file, source);
  return root;
}

TEST(Test262Test, ResultsOfEveryKind) {
  std::string root = Corpus(
      "kinds",
      {
          {"pass.js", "/*---\ndescription: ok\n---*/\nassert.sameValue(1, 1);"},
          {"fail.js", "/*---\ndescription: fails\n---*/\nassert.sameValue(1, 2, 'one is two');"},
          {"neg-right.js", "/*---\nnegative:\n  phase: parse\n  type: SyntaxError\n---*/\nvar = ;"},
          {"neg-wrong.js",
           "/*---\nnegative:\n  phase: runtime\n  type: TypeError\n---*/\n"
           "throw new RangeError('x');"},
          {"async-pass.js", "/*---\nflags: [async]\n---*/\nsetTimeout(() => $DONE(), 1);"},
          {"async-fail.js", "/*---\nflags: [async]\n---*/\n$DONE(new Error('nope'));"},
          {"forever.js", "/*---\nflags: [onlyStrict]\n---*/\nwhile (true) {}"},
          {"malformed.js", "/*---\nflags: onlyStrict\n---*/\n"},
          {"missing-include.js", "/*---\nincludes: [nothere.js]\n---*/\n"},
          {"not-utf8.js", std::string("/*---\n---*/\nvar s = '\xff\xfe';")},
          {"flood.js",
           "/*---\nflags: [onlyStrict]\n---*/\nfor (let i = 0; i < 3e4; i++) "
           "print('x'.repeat(100));"},
          {"skip.js", "/*---\nfeatures: [Temporal]\n---*/\nTemporal.Now;"},
          {"mod.js",
           "/*---\nflags: [module]\n---*/\nimport { v } from "
           "'./mod_FIXTURE.js';\nassert.sameValue(v, 1);"},
          {"mod_FIXTURE.js", "export const v = 1;"},
          {"late-throw.js",
           "/*---\nflags: [onlyStrict]\n---*/\n"
           "queueMicrotask(() => { throw new Error('late'); });"},
      });
  std::string json = root + "/results.json";
  auto r =
      RunProcess({WbhostPath(), "test262", "--timeout", "2000", "--json", json, root + "/test"});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  // pass x2, neg-right x2, async-pass x2, flood (strict only) x1, mod x1 = 8
  EXPECT_NE(r.out.find("\n8 passed, 14 failed, 2 skipped\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("late-throw.js strict: fail - uncaught: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("fail.js sloppy: fail - Test262Error: one is two"), std::string::npos);
  EXPECT_NE(r.out.find("neg-wrong.js sloppy: fail - expected TypeError, got RangeError"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("async-fail.js strict: fail - Test262:AsyncTestFailure:Error: nope"),
            std::string::npos);
  EXPECT_NE(r.out.find("forever.js strict: timeout"), std::string::npos);
  EXPECT_NE(r.out.find("malformed.js sloppy: error - malformed frontmatter"), std::string::npos);
  EXPECT_NE(r.out.find("missing-include.js sloppy: error - missing include"), std::string::npos);
  EXPECT_NE(r.out.find("not-utf8.js sloppy: error - the file is not valid UTF-8"),
            std::string::npos);
  EXPECT_EQ(r.out.find("mod_FIXTURE"), std::string::npos) << "fixtures are not tests";
  EXPECT_TRUE(std::filesystem::exists(json));
  // The last line is the summary.
  EXPECT_EQ(r.out.substr(r.out.rfind('\n', r.out.size() - 2) + 1),
            "8 passed, 14 failed, 2 skipped\n");
}

TEST(Test262Test, ACrashedWorkerIsThatTestsResultAndTheRunGoesOn) {
  std::string root =
      Corpus("crash", {
                          {"a.js", "/*---\nflags: [onlyStrict]\n---*/\nassert(true);"},
                          {"crashes.js", "/*---\nflags: [onlyStrict]\n---*/\nassert(true);"},
                          {"z.js", "/*---\nflags: [onlyStrict]\n---*/\nassert(true);"},
                      });
  auto r = RunProcess({WbhostPath(), "test262", "-j", "1", root + "/test"}, "",
                      {"WBHOST_TEST262_CRASH_ON=crashes.js"});
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("crashes.js strict: crash - the worker process died of signal 6"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("2 passed, 1 failed, 0 skipped"), std::string::npos) << r.out;
}

TEST(Test262Test, HeapExhaustionAndEndlessPromiseChainsAreThatTestsResult) {
  std::string root =
      Corpus("hungry", {
                           {"a-hungry.js",
                            "/*---\nflags: [onlyStrict]\n---*/\n"
                            "var keep = []; while (true) keep.push(new Array(1e5).fill(1.5));"},
                           {"b-chain.js",
                            "/*---\nflags: [onlyStrict]\n---*/\n"
                            "function again() { Promise.resolve().then(again); }\nagain();"},
                           {"c-after.js", "/*---\nflags: [onlyStrict]\n---*/\nassert(true);"},
                       });
  auto r = RunProcess({WbhostPath(), "test262", "-j", "1", "--timeout", "2000", root + "/test"});
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("a-hungry.js strict: crash - the test exhausted the heap"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("b-chain.js strict: timeout"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 passed, 2 failed, 0 skipped"), std::string::npos) << r.out;
}

TEST(Test262Test, AgentsThatNeverListenOrNeverWakeEndWithTheirTest) {
  // One worker runs all three in order: the agents of the first two must be
  // gone (terminated, joined) for the third to run and pass.
  std::string root = Corpus(
      "agents", {
                    {"a-deaf.js",
                     "/*---\nflags: [onlyStrict]\n---*/\n"
                     "$262.agent.start('while (true) {}');\n"
                     "$262.agent.broadcast(new SharedArrayBuffer(4), 1);"},
                    {"b-asleep.js",
                     "/*---\nflags: [onlyStrict]\n---*/\n"
                     "$262.agent.start(`$262.agent.receiveBroadcast(function(sab) {\n"
                     "  Atomics.wait(new Int32Array(sab), 0, 0); });`);\n"
                     "$262.agent.broadcast(new SharedArrayBuffer(4), 1);"},
                    {"c-after.js",
                     "/*---\nflags: [onlyStrict]\n---*/\n"
                     "$262.agent.start(`$262.agent.receiveBroadcast(function(sab, id) {\n"
                     "  $262.agent.report(id); });`);\n"
                     "$262.agent.broadcast(new SharedArrayBuffer(4), 5);\n"
                     "var r; while ((r = $262.agent.getReport()) === null) $262.agent.sleep(1);\n"
                     "assert.sameValue(r, '5');"},
                });
  auto r = RunProcess({WbhostPath(), "test262", "-j", "1", "--timeout", "1000", root + "/test"});
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("a-deaf.js strict: timeout"), std::string::npos) << r.out;
  // b-asleep passes: its broadcast was taken; its agent, still blocked in
  // Atomics.wait, is ended with the test.
  EXPECT_NE(r.out.find("2 passed, 1 failed, 0 skipped"), std::string::npos) << r.out;
}

TEST(Test262Test, ExpectationsAndShards) {
  std::string root =
      Corpus("expect", {
                           {"a.js", "/*---\nflags: [onlyStrict]\n---*/\nassert(false, 'known');"},
                           {"b.js", "/*---\nflags: [onlyStrict]\n---*/\nassert(true);"},
                       });
  std::string baseline = root + "/expectations.txt";
  auto update = RunProcess({WbhostPath(), "test262", "--expectations", baseline,
                            "--update-expectations", root + "/test"});
  EXPECT_EQ(update.status, 0);
  auto again = RunProcess({WbhostPath(), "test262", "--expectations", baseline, root + "/test"});
  EXPECT_EQ(again.status, 0) << again.out;
  EXPECT_NE(again.out.find("1 passed, 1 failed, 0 skipped"), std::string::npos);
  auto shard = RunProcess({WbhostPath(), "test262", "--shard=2/2", root + "/test"});
  EXPECT_NE(shard.out.find("1 passed, 0 failed, 0 skipped"), std::string::npos) << shard.out;
  auto usage = RunProcess({WbhostPath(), "test262", "--shard=3/2", root + "/test"});
  EXPECT_EQ(usage.status, 2);
}

TEST(Test262Test, ShardsMergeIntoOneReport) {
  std::string root =
      Corpus("merge", {
                          {"a.js", "/*---\nflags: [onlyStrict]\n---*/\nassert(true);"},
                          {"b.js", "/*---\nflags: [onlyStrict]\n---*/\nassert(false, 'b fails');"},
                          {"c.js", "/*---\nfeatures: [Temporal]\n---*/\n"},
                      });
  std::string one = root + "/1.json", two = root + "/2.json";
  RunProcess({WbhostPath(), "test262", "--shard=1/2", "--json", one, root + "/test"});
  RunProcess({WbhostPath(), "test262", "--shard=2/2", "--json", two, root + "/test"});
  std::string xml = root + "/all.xml";
  auto merged = RunProcess({WbhostPath(), "test262", "--merge", one, two, "--junit", xml});
  EXPECT_EQ(merged.status, 1);
  EXPECT_NE(merged.out.find("FAIL test/b.js strict: fail - Test262Error: b fails"),
            std::string::npos)
      << merged.out;
  EXPECT_NE(merged.out.find("1 passed, 1 failed, 2 skipped"), std::string::npos) << merged.out;
  std::ifstream file(xml);
  std::stringstream text;
  text << file.rdbuf();
  EXPECT_NE(text.str().find("<testsuite name=\"test262\" tests=\"4\" failures=\"1\" skipped=\"2\""),
            std::string::npos)
      << text.str();
}

TEST(Test262Test, DrivenByTest262HarnessAsD8) {
  if (system("node --version > /dev/null 2>&1") != 0)
    GTEST_SKIP() << "no node";
  std::string root = Corpus(
      "harness",
      {
          {"pass.js", "/*---\ndescription: ok\n---*/\nassert.sameValue(2 + 2, 4);"},
          {"strict.js",
           "/*---\nflags: [onlyStrict]\n---*/\n"
           "assert.sameValue((function () { return this; })(), undefined);"},
          {"neg.js", "/*---\nnegative:\n  phase: parse\n  type: SyntaxError\n---*/\nvar = ;"},
          {"async.js", "/*---\nflags: [async]\n---*/\nPromise.resolve().then(() => $DONE());"},
          // eshost's d8 runtime detaches by transferring to a d8 Worker.
          {"detach.js",
           "/*---\ndescription: detached\n---*/\nvar b = new ArrayBuffer(8);\n"
           "$262.detachArrayBuffer(b);\nassert.sameValue(b.byteLength, 0);"},
      });
  WriteFile(root, "package.json", R"({"name": "test262", "version": "5.0.0"})");
  auto r = RunProcess(
      {"/usr/bin/env", "node",
       std::filesystem::absolute("third_party/npm/node_modules/test262-harness/bin/run.js")
           .string(),
       "--host-type=d8", "--host-path=" + WbhostPath(), "--test262-dir=" + root,
       root + "/test/*.js"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("9 passed"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace wbhost::testing
