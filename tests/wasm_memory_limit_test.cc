#include "bindings/wasm/memory_limit.h"

#include "gtest/gtest.h"
#include "tests/wasm_bytes.h"

namespace wbhost::bindings {
namespace {

using testing::Bytes;
using testing::kHeader;

TEST(WasmMemoryLimitTest, AddsMaximumToUnboundedMemory) {
  // (memory 17) with no maximum.
  std::string module = kHeader + Bytes({0x05, 0x03, 0x01, 0x00, 0x11});
  auto limited = LimitWasmMemory(module, 32);
  ASSERT_TRUE(limited.ok()) << limited.status();
  EXPECT_EQ(*limited, kHeader + Bytes({0x05, 0x04, 0x01, 0x01, 0x11, 0x20}));
}

TEST(WasmMemoryLimitTest, KeepsSmallerMaximumAndNeverGoesBelowInitial) {
  std::string smaller = kHeader + Bytes({0x05, 0x04, 0x01, 0x01, 0x01, 0x02});
  EXPECT_EQ(*LimitWasmMemory(smaller, 100), smaller);
  std::string big_initial = kHeader + Bytes({0x05, 0x03, 0x01, 0x00, 0x40});
  EXPECT_EQ(*LimitWasmMemory(big_initial, 2),
            kHeader + Bytes({0x05, 0x04, 0x01, 0x01, 0x40, 0x40}));
}

TEST(WasmMemoryLimitTest, MultiByteLebMaximum) {
  std::string module = kHeader + Bytes({0x05, 0x03, 0x01, 0x00, 0x01});
  auto limited = LimitWasmMemory(module, 300);  // 300 = 0xac 0x02
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(*limited, kHeader + Bytes({0x05, 0x05, 0x01, 0x01, 0x01, 0xac, 0x02}));
}

TEST(WasmMemoryLimitTest, ImportedMemoryAndOtherImportsSurvive) {
  // imports: "m"."f" func type 0; "m"."mem" memory {min 1}; "m"."g" global i32
  std::string imports = Bytes({0x03, 0x01, 'm',  0x01, 'f',  0x00, 0x00, 0x01, 'm',  0x03, 'm', 'e',
                               'm',  0x02, 0x00, 0x01, 0x01, 'm',  0x01, 'g',  0x03, 0x7f, 0x00});
  std::string module = kHeader + Bytes({0x02, static_cast<int>(imports.size())}) + imports;
  auto limited = LimitWasmMemory(module, 8);
  ASSERT_TRUE(limited.ok()) << limited.status();
  std::string expected_imports =
      Bytes({0x03, 0x01, 'm',  0x01, 'f',  0x00, 0x00, 0x01, 'm', 0x03, 'm',  'e',
             'm',  0x02, 0x01, 0x01, 0x08, 0x01, 'm',  0x01, 'g', 0x03, 0x7f, 0x00});
  EXPECT_EQ(*limited,
            kHeader + Bytes({0x02, static_cast<int>(expected_imports.size())}) + expected_imports);
}

TEST(WasmMemoryLimitTest, OtherSectionsCopiedVerbatim) {
  std::string module = kHeader + Bytes({0x01, 0x04, 0x01, 0x60, 0x00, 0x00,  // type
                                        0x00, 0x03, 0x01, 'x', 0x07});       // custom
  EXPECT_EQ(*LimitWasmMemory(module, 4), module);
}

TEST(WasmMemoryLimitTest, GarbageIsAnError) {
  EXPECT_FALSE(LimitWasmMemory("hello", 4).ok());
  EXPECT_FALSE(LimitWasmMemory(kHeader + Bytes({0x05, 0x10, 0x01}), 4).ok());
  EXPECT_FALSE(LimitWasmMemory(kHeader + Bytes({0x05, 0x02, 0x01, 0x00}), 4).ok());
}

}  // namespace
}  // namespace wbhost::bindings
