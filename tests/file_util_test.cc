#include "host/file_util.h"

#include <unistd.h>

#include "gtest/gtest.h"

namespace wbhost {
namespace {

TEST(FileUtilTest, AbsolutePathNormalises) {
  EXPECT_EQ(AbsolutePath("/a/b/../c/./d"), "/a/c/d");
  EXPECT_EQ(AbsolutePath("/../.."), "/");
  EXPECT_EQ(AbsolutePath("//x//y/"), "/x/y");
  char cwd[4096];
  ASSERT_NE(getcwd(cwd, sizeof cwd), nullptr);
  EXPECT_EQ(AbsolutePath("q"), std::string(cwd) == "/" ? "/q" : std::string(cwd) + "/q");
}

TEST(FileUtilTest, ReadFileErrorsNameThePath) {
  auto missing = ReadFileBytes("/nonexistent/wbhost-test");
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(absl::IsNotFound(missing.status()));
  EXPECT_NE(missing.status().message().find("/nonexistent/wbhost-test"), std::string::npos);
  auto dir = ReadFileBytes("/");
  ASSERT_FALSE(dir.ok());
  EXPECT_NE(dir.status().message().find("is a directory"), std::string::npos);
  EXPECT_FALSE(CheckReadableFile("/").ok());
}

TEST(FileUtilTest, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

}  // namespace
}  // namespace wbhost
