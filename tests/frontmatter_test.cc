#include "host/test262/frontmatter.h"

#include "gtest/gtest.h"

namespace wbhost::test262 {
namespace {

TEST(FrontmatterTest, FullExample) {
  const char* source = R"(// Copyright
/*---
esid: sec-array.prototype.map
description: >
  A description: with a colon
  over lines
info: |
  - looks like a list
  key: looks like a key
includes: [compareArray.js, propertyHelper.js]
flags: [onlyStrict, async]
features:
  - Symbol
  - 'BigInt'
negative:
  phase: parse
  type: SyntaxError
---*/
$DONOTEVALUATE();
)";
  auto m = ParseFrontmatter(source);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->includes, (std::vector<std::string>{"compareArray.js", "propertyHelper.js"}));
  EXPECT_EQ(m->flags, (std::vector<std::string>{"onlyStrict", "async"}));
  EXPECT_EQ(m->features, (std::vector<std::string>{"Symbol", "BigInt"}));
  EXPECT_EQ(m->negative_phase, "parse");
  EXPECT_EQ(m->negative_type, "SyntaxError");
  EXPECT_TRUE(m->HasFlag("async"));
  EXPECT_FALSE(m->HasFlag("module"));
}

TEST(FrontmatterTest, NoFrontmatterIsEmpty) {
  auto m = ParseFrontmatter("print(1)");
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->includes.empty());
  EXPECT_TRUE(m->negative_type.empty());
}

TEST(FrontmatterTest, MalformedIsAnError) {
  EXPECT_FALSE(ParseFrontmatter("/*--- flags: [a\n").ok());                // never ends
  EXPECT_FALSE(ParseFrontmatter("/*---\nflags: onlyStrict\n---*/").ok());  // not a list
  EXPECT_FALSE(ParseFrontmatter("/*---\njust words\n---*/").ok());
  EXPECT_FALSE(ParseFrontmatter("/*---\nnegative:\n  phase: early\n  type: X\n---*/").ok());
  EXPECT_FALSE(ParseFrontmatter("/*---\n- orphan\n---*/").ok());
}

}  // namespace
}  // namespace wbhost::test262
