#include "bindings/wasm/state_exports.h"

#include "gtest/gtest.h"
#include "tests/wasm_bytes.h"

namespace wbhost::bindings {
namespace {

using testing::Bytes;
using testing::kHeader;

TEST(WasmStateExportsTest, NothingToAddLeavesTheBytes) {
  // (global i32 (i32.const 1)): immutable; no table, no memory.
  std::string module = kHeader + Bytes({0x06, 0x06, 0x01, 0x7f, 0x00, 0x41, 0x01, 0x0b});
  EXPECT_EQ(*ExportState(module), module);
}

TEST(WasmStateExportsTest, ExportsMutableGlobalsTablesAndMemoriesNotExported) {
  // An imported mutable global (index 0, not ours), then
  // (table 1 funcref) (memory 1)
  // (global $sp (mut i32) (i32.const 1024))      ;; index 1
  // (global (mut i64) (i64.const 0))             ;; index 2, exported as "g"
  std::string module =
      kHeader +
      Bytes({0x02, 0x08, 0x01, 0x01, 'e',  0x01, 'g',  0x03, 0x7f, 0x01,  // import e.g (mut i32)
             0x04, 0x04, 0x01, 0x70, 0x00, 0x01,                          // table
             0x05, 0x03, 0x01, 0x00, 0x01,                                // memory
             0x06, 0x0c, 0x02, 0x7f, 0x01, 0x41, 0x80, 0x08, 0x0b,        // global $sp
             0x7e, 0x01, 0x42, 0x00, 0x0b,                                // global 2
             0x07, 0x05, 0x01, 0x01, 'g',  0x03, 0x02});                  // export "g" global 2
  auto out = ExportState(module);
  ASSERT_TRUE(out.ok()) << out.status();
  std::string exports = Bytes({0x07, 0x40, 0x04, 0x01, 'g', 0x03, 0x02}) + Bytes({0x11}) +
                        "__wbhost_global_1" + Bytes({0x03, 0x01}) + Bytes({0x10}) +
                        "__wbhost_table_0" + Bytes({0x01, 0x00}) + Bytes({0x11}) +
                        "__wbhost_memory_0" + Bytes({0x02, 0x00});
  EXPECT_EQ(*out, module.substr(0, module.size() - 7) + exports);
}

TEST(WasmStateExportsTest, AddsAnExportSectionBeforeTheCode) {
  // (memory 1) and a code section with no export section.
  std::string module = kHeader + Bytes({0x05, 0x03, 0x01, 0x00, 0x01, 0x0a, 0x01, 0x00});
  auto out = ExportState(module);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(*out, kHeader + Bytes({0x05, 0x03, 0x01, 0x00, 0x01}) +
                      Bytes({0x07, 0x15, 0x01, 0x11}) + "__wbhost_memory_0" + Bytes({0x02, 0x00}) +
                      Bytes({0x0a, 0x01, 0x00}));
}

TEST(WasmStateExportsTest, UnreadableStructureIsAnError) {
  EXPECT_FALSE(ExportState("not wasm").ok());
  // A global whose initialiser holds a call.
  EXPECT_FALSE(ExportState(kHeader + Bytes({0x06, 0x05, 0x01, 0x7f, 0x01, 0x10, 0x0b})).ok());
  EXPECT_FALSE(ExportState(kHeader + Bytes({0x06, 0x09, 0x01})).ok());
  // A table section claiming more tables than it has bytes (found by the
  // recogniser's fuzzer: it looped adding exports).
  EXPECT_FALSE(ExportState(kHeader + Bytes({0x04, 0x05, 0xff, 0xff, 0xff, 0xff, 0x0f})).ok());
}

}  // namespace
}  // namespace wbhost::bindings
