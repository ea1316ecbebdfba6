// The translation of exnref as a value (bindings/wasm/eh_outline.h): what
// the module around outlined functions has, what it refuses, and inputs
// the fuzzer found (tests/fuzz/corpus/eh_translate/regression-*). That V8
// compiles and runs the result: js-tests/wasm/exnref.js and the spec's
// .wast files (tools/wast).
#include <filesystem>
#include <string>

#include "bindings/wasm/binary.h"
#include "bindings/wasm/code.h"
#include "bindings/wasm/eh_translate.h"
#include "gtest/gtest.h"
#include "host/file_util.h"
#include "tests/wasm_bytes.h"

namespace wbhost::bindings::wasm {
namespace {

using testing::Bytes;

std::string Fixture(const std::string& name) {
  namespace fs = std::filesystem;
  fs::path out = fs::canonical("/proc/self/exe").parent_path();
  auto bytes = ReadFileBytes((out / "gen" / "js-tests" / "wasm" / name).string());
  EXPECT_TRUE(bytes.ok()) << name;
  return bytes.ok() ? *bytes : std::string();
}

TEST(WasmOutlineTest, TheModuleAroundOutlinedFunctions) {
  std::string original = Fixture("exnref.modern.wasm");
  auto translated = TranslateModernEh(original);
  ASSERT_TRUE(translated.ok()) << translated.status();
  auto sections = ReadSections(*translated);
  ASSERT_TRUE(sections.ok());
  bool helpers = false, boundary = false, start = false, export_start = false;
  for (const Section& section : *sections) {
    Reader in(section.body);
    if (section.id == kCustomSection) {
      std::string_view name = in.Name();
      helpers = helpers || name == "__wbhost_eh";
      boundary = boundary || name == "__wbhost_eh_boundary";
    } else if (section.id == kStartSection) {
      start = true;
    } else if (section.id == kExportSection) {
      export_start = section.body.find("__wbhost_eh_start") != std::string_view::npos &&
                     section.body.find("__wbhost_eh_helpers") != std::string_view::npos;
    } else if (section.id == kTypeSection) {
      EXPECT_EQ(section.body.find('\x69'), std::string_view::npos) << "exnref is externref";
    }
  }
  EXPECT_TRUE(helpers && boundary);
  EXPECT_FALSE(start) << "the start function waits for the helpers";
  EXPECT_TRUE(export_start);
  // The original functions keep their indices: the outlined ones come after.
  auto before = ReadFunctionBodies(original);
  auto after = ReadFunctionBodies(*translated);
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_GT(after->size(), before->size());
  EXPECT_EQ((*after)[0].index, (*before)[0].index);
  // The boundary names what carries exnref.
  EXPECT_NE(translated->find("[\"takesExn\",\"function\"]"), std::string::npos);
  EXPECT_NE(translated->find("[\"exnTable\",\"table\"]"), std::string::npos);
  EXPECT_NE(translated->find("[\"m\",\"exnGlobal\",\"global\"]"), std::string::npos);
  EXPECT_EQ(translated->find("[\"keep\","), std::string::npos);
}

TEST(WasmOutlineTest, TheTypeTwinKeepsExnRefApart) {
  std::string original = Fixture("exnref.modern.wasm");
  auto translated = TranslateModernEh(original);
  ASSERT_TRUE(translated.ok());
  EXPECT_TRUE(TranslatedWithOutlining(*translated));
  EXPECT_FALSE(TranslatedWithOutlining(original));
  auto twin = ExnRefTypeTwin(original);
  ASSERT_TRUE(twin.ok()) << twin.status();
  // The same module but for the type exnref became: funcref.
  EXPECT_EQ(twin->size(), translated->size());
  size_t differ = 0;
  for (size_t k = 0; k < twin->size(); ++k) {
    if ((*twin)[k] != (*translated)[k]) {
      EXPECT_EQ((*twin)[k], '\x70') << k;
      EXPECT_EQ((*translated)[k], '\x6f') << k;
      ++differ;
    }
  }
  EXPECT_GT(differ, 10u);
}

TEST(WasmOutlineTest, WhatItRefuses) {
  auto crossing = TranslateModernEh(Fixture("unsupported.modern.wasm"));
  ASSERT_FALSE(crossing.ok());
  EXPECT_NE(crossing.status().message().find("a rethrow of a catch outside"), std::string::npos)
      << crossing.status();
  // (module (tag) (func (try_table (catch_all_ref 0)))): the exnref the
  // clause gives is more than the function's label takes.
  auto mismatch = TranslateModernEh(
      Bytes({0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60,
             0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x0d, 0x03, 0x01, 0x00, 0x00, 0x0a,
             0x0a, 0x01, 0x08, 0x00, 0x1f, 0x40, 0x01, 0x03, 0x00, 0x0b, 0x0b}));
  ASSERT_FALSE(mismatch.ok());
  EXPECT_NE(mismatch.status().message().find("type mismatch"), std::string::npos);
}

TEST(WasmOutlineTest, MoreBodiesThanFunctionsIsAnError) {
  // The fuzzer's input: a code section whose one body has ref.null exn,
  // throw_ref, and no function section to give it a type.
  auto out = TranslateModernEh(Bytes({0x00, 0x61, 0x73, 0x6d, 0x01, 0x20, 0x00, 0x00, 0x00, 0x01,
                                      0x04, 0x0a, 0x07, 0x01, 0x05, 0x00, 0xd0, 0x69, 0x0a, 0x0b}));
  EXPECT_FALSE(out.ok());
}

}  // namespace
}  // namespace wbhost::bindings::wasm
