#include "host/options.h"

#include "gtest/gtest.h"

namespace wbhost {
namespace {

TEST(OptionsTest, FileAndScriptArguments) {
  auto options = ParseOptions({"app.js", "a", "--b"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->file, "app.js");
  EXPECT_EQ(options->script_args, (std::vector<std::string>{"a", "--b"}));
  EXPECT_FALSE(options->module);
}

// --d8: every name before "--" is a file, options may sit between them,
// and what follows "--" is the script's; without --d8, FILE ARGS... as node.
TEST(OptionsTest, D8CommandLine) {
  auto options = ParseOptions({"--d8", "mjsunit.js", "--timeout=100", "test.js", "--", "x", "--y"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_TRUE(options->d8);
  EXPECT_EQ(options->files, (std::vector<std::string>{"mjsunit.js", "test.js"}));
  EXPECT_EQ(options->file, "mjsunit.js");
  EXPECT_EQ(options->timeout_ms, 100);
  EXPECT_EQ(options->script_args, (std::vector<std::string>{"x", "--y"}));
  auto node = ParseOptions({"mjsunit.js", "test.js"});
  ASSERT_TRUE(node.ok());
  EXPECT_FALSE(node->d8);
  EXPECT_EQ(node->script_args, (std::vector<std::string>{"test.js"}));
}

TEST(OptionsTest, DoubleDashAfterFileIsDropped) {
  auto options = ParseOptions({"app.js", "--", "x"});
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->script_args, (std::vector<std::string>{"x"}));
}

TEST(OptionsTest, EvalPrintAndFlags) {
  auto options = ParseOptions({"-e", "1+1", "-p", "2", "--module", "-i"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->eval_sources, (std::vector<std::string>{"1+1", "2"}));
  EXPECT_TRUE(options->print_result);
  EXPECT_TRUE(options->module);
  EXPECT_TRUE(options->interactive);
  EXPECT_TRUE(options->file.empty());
}

TEST(OptionsTest, EvalCodeKeepsCommas) {
  auto options = ParseOptions({"-e", "print(1, 2)", "--eval=f(a,b)"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->eval_sources, (std::vector<std::string>{"print(1, 2)", "f(a,b)"}));
}

TEST(OptionsTest, UnknownDoubleDashFlagsGoToV8) {
  auto options = ParseOptions({"--expose-gc", "--stack-size=100", "x.js"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->v8_flags, (std::vector<std::string>{"--expose-gc", "--stack-size=100"}));
  EXPECT_EQ(options->file, "x.js");
}

TEST(OptionsTest, TimeoutAndMaxHeap) {
  auto options = ParseOptions({"--timeout=250", "--max-heap", "64", "f.js"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->timeout_ms, 250);
  EXPECT_EQ(options->max_heap_mb, 64);
}

TEST(OptionsTest, BadValuesAreUsageErrors) {
  EXPECT_FALSE(ParseOptions({"--timeout=abc"}).ok());
  EXPECT_FALSE(ParseOptions({"--timeout=-5"}).ok());
  EXPECT_FALSE(ParseOptions({"--max-heap=0"}).ok());
  EXPECT_FALSE(ParseOptions({"--recovery=lenient"}).ok());
  EXPECT_FALSE(ParseOptions({"-e"}).ok());
}

TEST(OptionsTest, UnknownShortOptionIsUsageError) {
  auto options = ParseOptions({"-z", "f.js"});
  ASSERT_FALSE(options.ok());
  EXPECT_NE(options.status().message().find("-z"), std::string::npos);
}

TEST(OptionsTest, RecoveryOptions) {
  auto options = ParseOptions({"--no-recovery", "--trace-recovery", "--recovery=strict",
                               "--standby", "--wasm-max-memory=16"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_FALSE(options->recovery);
  EXPECT_TRUE(options->trace_recovery);
  EXPECT_TRUE(options->recovery_strict);
  EXPECT_TRUE(options->standby);
  EXPECT_EQ(options->wasm_max_memory_mb, 16);
}

}  // namespace
}  // namespace wbhost
