#include "host/modules/resolver.h"

#include "gtest/gtest.h"
#include "host/modules/mini_json.h"
#include "tests/in_memory_fs.h"

namespace wbhost {
namespace {

const InMemoryFs& Tree() {
  static const InMemoryFs* fs = new InMemoryFs({
      {"/app/main.mjs", ""},
      {"/app/lib/util.js", "module.exports = 1"},
      {"/app/lib/esm.js", "export const x = 1"},
      {"/app/data.json", "{}"},
      {"/app/dir/index.js", ""},
      {"/app/node_modules/plain/package.json", R"({"main": "lib/entry.js"})"},
      {"/app/node_modules/plain/lib/entry.js", ""},
      {"/app/node_modules/modern/package.json",
       R"({"name": "modern", "type": "module", "exports": {
            ".": {"import": "./esm/index.js", "require": "./cjs/index.cjs"},
            "./feature/*": "./features/*.js",
            "./package.json": "./package.json"}})"},
      {"/app/node_modules/modern/esm/index.js", ""},
      {"/app/node_modules/modern/cjs/index.cjs", ""},
      {"/app/node_modules/modern/features/a.js", ""},
      {"/app/node_modules/@scope/pkg/package.json", R"({"exports": "./main.js"})"},
      {"/app/node_modules/@scope/pkg/main.js", ""},
      {"/node_modules/up/index.js", ""},
  });
  return *fs;
}

ResolvedModule Resolve(const std::string& specifier, ResolveMode mode = ResolveMode::kImport) {
  auto result = ResolveModule(specifier, "/app/main.mjs", mode, Tree());
  EXPECT_TRUE(result.ok()) << specifier << ": " << result.status();
  return result.ok() ? *result : ResolvedModule{"", ModuleFormat::kEsm};
}

TEST(ModuleResolverTest, RelativeAbsoluteAndFileUrls) {
  EXPECT_EQ(Resolve("./lib/util.js").path, "/app/lib/util.js");
  EXPECT_EQ(Resolve("./lib/util").path, "/app/lib/util.js");
  EXPECT_EQ(Resolve("../app/data.json").path, "/app/data.json");
  EXPECT_EQ(Resolve("/app/lib/util.js").path, "/app/lib/util.js");
  EXPECT_EQ(Resolve("file:///app/lib/util.js").path, "/app/lib/util.js");
  EXPECT_EQ(Resolve("./dir").path, "/app/dir/index.js");
}

TEST(ModuleResolverTest, FormatsFromExtensionTypeAndSyntax) {
  EXPECT_EQ(Resolve("./data.json").format, ModuleFormat::kJson);
  EXPECT_EQ(Resolve("./lib/util.js").format, ModuleFormat::kCommonJs);
  EXPECT_EQ(Resolve("./lib/esm.js").format, ModuleFormat::kEsm);  // syntax decides
  EXPECT_EQ(Resolve("modern").format, ModuleFormat::kEsm);        // "type": "module"
  EXPECT_EQ(Resolve("modern", ResolveMode::kRequire).format, ModuleFormat::kCommonJs);
}

TEST(ModuleResolverTest, BareSpecifiersThroughNodeModules) {
  EXPECT_EQ(Resolve("plain").path, "/app/node_modules/plain/lib/entry.js");
  EXPECT_EQ(Resolve("modern").path, "/app/node_modules/modern/esm/index.js");
  EXPECT_EQ(Resolve("modern", ResolveMode::kRequire).path,
            "/app/node_modules/modern/cjs/index.cjs");
  EXPECT_EQ(Resolve("modern/feature/a").path, "/app/node_modules/modern/features/a.js");
  EXPECT_EQ(Resolve("@scope/pkg").path, "/app/node_modules/@scope/pkg/main.js");
  EXPECT_EQ(Resolve("up").path, "/node_modules/up/index.js");
}

TEST(ModuleResolverTest, ExportsHideUnlistedSubpaths) {
  auto result = ResolveModule("modern/esm/index.js", "/app/main.mjs", ResolveMode::kImport, Tree());
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("not defined by \"exports\""), std::string::npos);
}

TEST(ModuleResolverTest, BuiltinsAndMissing) {
  EXPECT_EQ(Resolve("node:fs").format, ModuleFormat::kBuiltin);
  EXPECT_EQ(Resolve("path").path, "path");
  EXPECT_EQ(Resolve("child_process").format, ModuleFormat::kBuiltin);
  auto missing = ResolveModule("./nope.js", "/app/main.mjs", ResolveMode::kImport, Tree());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(),
            "Cannot find module './nope.js' imported from /app/main.mjs");
  EXPECT_FALSE(ResolveModule("nothere", "/app/main.mjs", ResolveMode::kImport, Tree()).ok());
}

TEST(ModuleResolverTest, FileUrlConversions) {
  EXPECT_EQ(FileUrlToPath("file:///a/b%20c"), "/a/b c");
  EXPECT_EQ(FileUrlToPath("file://localhost/x"), "/x");
  EXPECT_EQ(FileUrlToPath("file:///x?q#h"), "/x");
  EXPECT_EQ(FileUrlToPath("https://x/y"), "");
  EXPECT_EQ(FileUrlToPath("file://otherhost/x"), "");
  EXPECT_EQ(PathToFileUrl("/a/b c/%.js"), "file:///a/b%20c/%25.js");
}

// Regression (tests/fuzz/module_resolver_fuzzer): a "main" naming its own
// folder recursed until the stack overflowed; folders whose mains name each
// other did the same.
TEST(ModuleResolverTest, MainNamingItsOwnFolderOrACycle) {
  InMemoryFs fs({
      {"/app/main.mjs", ""},
      {"/app/node_modules/empty/package.json", R"({"name": "empty", "main": ""})"},
      {"/app/node_modules/empty/index.js", ""},
      {"/app/node_modules/dot/package.json", R"({"main": "./"})"},
      {"/app/node_modules/dot/index.js", ""},
      {"/app/node_modules/a/package.json", R"({"main": "../b"})"},
      {"/app/node_modules/b/package.json", R"({"main": "../a"})"},
  });
  auto empty = ResolveModule("empty", "/app/main.mjs", ResolveMode::kRequire, fs);
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ(empty->path, "/app/node_modules/empty/index.js");
  auto dot = ResolveModule("dot", "/app/main.mjs", ResolveMode::kImport, fs);
  ASSERT_TRUE(dot.ok()) << dot.status();
  EXPECT_EQ(dot->path, "/app/node_modules/dot/index.js");
  auto cycle = ResolveModule("a", "/app/main.mjs", ResolveMode::kRequire, fs);
  EXPECT_FALSE(cycle.ok());
}

TEST(MiniJsonTest, ParsesWhatPackageJsonUses) {
  auto value = ParseJson(R"({"a": [1, 2.5, -3e2], "b": {"c": "d\u00e9\n"}, "t": true,
                             "n": null, "e": {}})");
  ASSERT_TRUE(value);
  ASSERT_TRUE(value->Find("a"));
  EXPECT_EQ(value->Find("a")->array.size(), 3u);
  EXPECT_EQ(value->Find("a")->array[2].number, -300);
  EXPECT_EQ(value->Find("b")->Find("c")->string, "d\xC3\xA9\n");
  EXPECT_TRUE(value->Find("t")->boolean);
  EXPECT_FALSE(ParseJson("{\"a\": }"));
  EXPECT_FALSE(ParseJson("{} extra"));
  EXPECT_FALSE(ParseJson("[1,]"));
}

}  // namespace
}  // namespace wbhost
