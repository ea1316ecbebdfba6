#include "bindings/wasm/memory_import.h"

#include "gtest/gtest.h"
#include "tests/wasm_bytes.h"

namespace wbhost::bindings {
namespace {

using testing::Bytes;
using testing::kHeader;
// "__wbhost" "memory" memory, then the limits.
const std::string kEntry = Bytes({0x08}) + "__wbhost" + Bytes({0x06}) + "memory" + Bytes({0x02});

TEST(WasmMemoryImportTest, TheDefinedMemoryBecomesTheLastImport) {
  // (type (func)) (import "e" "f" (func)) (memory 2 256) (export "memory" (memory 0))
  std::string module =
      kHeader + Bytes({0x01, 0x04, 0x01, 0x60, 0x00, 0x00,                    // type
                       0x02, 0x07, 0x01, 0x01, 'e',  0x01, 'f',  0x00, 0x00,  // import
                       0x05, 0x05, 0x01, 0x01, 0x02, 0x80, 0x02,              // memory 2 256
                       0x07, 0x0a, 0x01, 0x06, 'm',  'e',  'm',  'o',  'r',  'y', 0x02, 0x00});
  auto out = ImportMemory(module);
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_TRUE(out->has_value());
  EXPECT_EQ((*out)->initial, 2u);
  EXPECT_EQ((*out)->maximum, 256u);
  std::string body =
      Bytes({0x02, 0x01, 'e', 0x01, 'f', 0x00, 0x00}) + kEntry + Bytes({0x01, 0x02, 0x80, 0x02});
  // Type section, the import section, then the export section (the memory
  // section is gone).
  EXPECT_EQ((*out)->bytes, kHeader + Bytes({0x01, 0x04, 0x01, 0x60, 0x00, 0x00}) +
                               Bytes({0x02, static_cast<int>(body.size())}) + body +
                               module.substr(module.size() - 12));
}

TEST(WasmMemoryImportTest, AddsAnImportSectionAfterTheTypes) {
  // (memory 1) and an empty code section, no import section.
  std::string module = kHeader + Bytes({0x05, 0x03, 0x01, 0x00, 0x01, 0x0a, 0x01, 0x00});
  auto out = ImportMemory(module);
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_TRUE(out->has_value());
  EXPECT_EQ((*out)->initial, 1u);
  EXPECT_FALSE((*out)->maximum.has_value());
  std::string body = Bytes({0x01}) + kEntry + Bytes({0x00, 0x01});
  EXPECT_EQ((*out)->bytes, kHeader + Bytes({0x02, static_cast<int>(body.size())}) + body +
                               Bytes({0x0a, 0x01, 0x00}));
}

TEST(WasmMemoryImportTest, ModulesThatDoNotQualifyAreLeftAlone) {
  // No memory.
  EXPECT_FALSE(ImportMemory(kHeader)->has_value());
  // An imported memory.
  EXPECT_FALSE(
      ImportMemory(kHeader + Bytes({0x02, 0x08, 0x01, 0x01, 'e', 0x01, 'm', 0x02, 0x00, 0x01}))
          ->has_value());
  // A shared memory (flags 3).
  EXPECT_FALSE(ImportMemory(kHeader + Bytes({0x05, 0x04, 0x01, 0x03, 0x01, 0x02}))->has_value());
  // A 64-bit memory (flags 4).
  EXPECT_FALSE(ImportMemory(kHeader + Bytes({0x05, 0x03, 0x01, 0x04, 0x01}))->has_value());
}

TEST(WasmMemoryImportTest, UnreadableStructureIsAnError) {
  EXPECT_FALSE(ImportMemory("not wasm").ok());
  EXPECT_FALSE(ImportMemory(kHeader + Bytes({0x05, 0x03, 0x01, 0x01, 0x01})).ok());
  EXPECT_FALSE(ImportMemory(kHeader + Bytes({0x02, 0x04, 0x01, 0x01, 'e', 0x01})).ok());
}

}  // namespace
}  // namespace wbhost::bindings
