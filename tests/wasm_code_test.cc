#include "bindings/wasm/code.h"

#include <filesystem>
#include <vector>

#include "bindings/wasm/eh_translate.h"
#include "gtest/gtest.h"
#include "host/file_util.h"
#include "tests/wasm_bytes.h"

namespace wbhost::bindings::wasm {
namespace {

using testing::Bytes;
using testing::kHeader;

std::string Leb(size_t value) {
  std::string out;
  do {
    uint8_t b = value & 0x7f;
    value >>= 7;
    out.push_back(static_cast<char>(value ? b | 0x80 : b));
  } while (value);
  return out;
}

// A module of one imported function (type 0) and one function with
// `locals` (already encoded) and `code`: type section (func), import
// section, function section, code section.
std::string Module(const std::string& locals, const std::string& code) {
  std::string types = Bytes({0x01, 0x60, 0x00, 0x00});
  std::string imports = Bytes({0x01, 0x01, 'e', 0x01, 'f', 0x00, 0x00});
  std::string functions = Bytes({0x01, 0x00});
  std::string body = locals + code;
  std::string entry = Leb(body.size()) + body;
  std::string codesec = Bytes({0x01}) + entry;
  auto section = [](int id, const std::string& b) {
    return std::string(1, static_cast<char>(id)) + Leb(b.size()) + b;
  };
  return kHeader + section(1, types) + section(2, imports) + section(3, functions) +
         section(10, codesec);
}

std::vector<Opcode> Opcodes(const std::string& module) {
  auto bodies = ReadFunctionBodies(module);
  EXPECT_TRUE(bodies.ok()) << bodies.status();
  std::vector<Opcode> out;
  if (!bodies.ok())
    return out;
  EXPECT_EQ(bodies->size(), 1u);
  EXPECT_EQ((*bodies)[0].index, 1u) << "after the imported function";
  absl::Status status = ForEachInstruction(module, (*bodies)[0],
                                           [&](const Instruction& i) { out.push_back(i.opcode); });
  EXPECT_TRUE(status.ok()) << status;
  return out;
}

TEST(WasmCodeTest, EveryImmediateKind) {
  std::string code = Bytes({
      0x02, 0x40,                                                         // block
      0x41, 0x80, 0x7f,                                                   // i32.const -128
      0x0e, 0x02, 0x00, 0x00, 0x00,                                       // br_table 0 0 0
      0x0b,                                                               // end
      0x42, 0xff, 0xff, 0xff, 0xff, 0x0f,                                 // i64.const
      0x1a,                                                               // drop
      0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x1a,                                 // f64.const, drop
      0xfd, 0x0c, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,  // v128.const
      0xfd, 0x0d, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,   // i8x16.shuffle
      0xfd, 0x15, 0x03,                                                   // i8x16.extract_lane_s 3
      0x1a,                                                               // drop
      0x41, 0x00, 0x41, 0x00,                                             // two i32.const 0
      0xfd, 0x54, 0x00, 0x00, 0x01,              // v128.load8_lane (memarg) lane 1
      0x1a, 0x1a,                                //
      0x41, 0x00, 0x41, 0x00, 0x41, 0x00,        //
      0xfc, 0x0a, 0x00, 0x00,                    // memory.copy 0 0
      0xfe, 0x03, 0x00,                          // atomic.fence
      0x41, 0x00, 0xfe, 0x10, 0x02, 0x00, 0x1a,  // i32.atomic.load, drop
      0x06, 0x40, 0x10, 0x00, 0x07, 0x00, 0x19, 0x09, 0x00, 0x0b,  // try call catch 0 catch_all
                                                                   // rethrow
      0x06, 0x40, 0x18, 0x00,                                      // try delegate 0
      0x1f, 0x40, 0x02, 0x02, 0x00, 0x03, 0x00,  // try_table (catch_all 0) (catch_all_ref 0)
      0x0b,                                      // end
      0xd0, 0x69, 0x0a,                          // ref.null exn, throw_ref
      0x0b,                                      // end
  });
  std::vector<Opcode> ops = Opcodes(Module(Bytes({0x00}), code));
  std::vector<Opcode> expected = {0x02,
                                  0x41,
                                  0x0e,
                                  0x0b,
                                  0x42,
                                  0x1a,
                                  0x44,
                                  0x1a,
                                  Prefixed(0xfd, 12),
                                  Prefixed(0xfd, 13),
                                  Prefixed(0xfd, 0x15),
                                  0x1a,
                                  0x41,
                                  0x41,
                                  Prefixed(0xfd, 0x54),
                                  0x1a,
                                  0x1a,
                                  0x41,
                                  0x41,
                                  0x41,
                                  Prefixed(0xfc, 10),
                                  Prefixed(0xfe, 3),
                                  0x41,
                                  Prefixed(0xfe, 0x10),
                                  0x1a,
                                  kTry,
                                  0x10,
                                  kCatch,
                                  kCatchAll,
                                  kRethrow,
                                  0x0b,
                                  kTry,
                                  kDelegate,
                                  kTryTable,
                                  0x0b,
                                  0xd0,
                                  kThrowRef,
                                  0x0b};
  EXPECT_EQ(ops, expected);
  auto features = ScanCode(Module(Bytes({0x00}), code));
  ASSERT_TRUE(features.ok()) << features.status();
  EXPECT_TRUE(features->modern_eh);
  EXPECT_TRUE(features->legacy_eh);
  EXPECT_EQ(features->first_modern, "try_table at offset 0x92 in function #1");
}

TEST(WasmCodeTest, ExnRefLocalsAndTypesAreModern) {
  // (local exnref), an empty body.
  auto features = ScanCode(Module(Bytes({0x01, 0x01, 0x69}), Bytes({0x0b})));
  ASSERT_TRUE(features.ok()) << features.status();
  EXPECT_TRUE(features->modern_eh);
  EXPECT_EQ(features->first_modern, "an exnref local in function #1");
  // A plain module is neither.
  features = ScanCode(Module(Bytes({0x00}), Bytes({0x01, 0x0b})));
  ASSERT_TRUE(features.ok());
  EXPECT_FALSE(features->modern_eh);
  EXPECT_FALSE(features->legacy_eh);
}

TEST(WasmCodeTest, UnknownOpcodesAreNamedWithTheirOffset) {
  std::string module = Module(Bytes({0x00}), Bytes({0x01, 0x1e, 0x0b}));
  auto features = ScanCode(module);
  ASSERT_FALSE(features.ok());
  EXPECT_EQ(std::string(features.status().message()),
            "unknown opcode 0x1e at offset 0x21 in function #1");
  features = ScanCode(Module(Bytes({0x00}), Bytes({0xfc, 0x12, 0x0b})));
  ASSERT_FALSE(features.ok());
  EXPECT_EQ(std::string(features.status().message()),
            "unknown opcode 0xfc 0x12 at offset 0x20 in function #1");
}

TEST(WasmCodeTest, MalformedBodiesAreErrors) {
  // Immediates past the body's end.
  EXPECT_FALSE(ScanCode(Module(Bytes({0x00}), Bytes({0x41}))).ok());
  // No final end.
  EXPECT_FALSE(ScanCode(Module(Bytes({0x00}), Bytes({0x01}))).ok());
  // Code after the final end.
  EXPECT_FALSE(ScanCode(Module(Bytes({0x00}), Bytes({0x0b, 0x01}))).ok());
  // A try_table clause of an unknown kind.
  EXPECT_FALSE(
      ScanCode(Module(Bytes({0x00}), Bytes({0x1f, 0x40, 0x01, 0x04, 0x00, 0x0b, 0x0b}))).ok());
  // atomic.fence's byte must be 0.
  EXPECT_FALSE(ScanCode(Module(Bytes({0x00}), Bytes({0xfe, 0x03, 0x01, 0x0b}))).ok());
}

// Two type sections (an invalid module the fuzzers made): the translation
// patches each only within itself.
TEST(WasmCodeTest, TranslationOfTwoTypeSectionsStaysInBounds) {
  std::string types = Bytes({0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x69});  // () -> exnref
  std::string module = Module(Bytes({0x00}), Bytes({0x0a, 0x0b}));        // throw_ref
  module.insert(8, types + types);
  EXPECT_FALSE(TranslateModernEh(module).ok());
}

// Every module the build makes (out/gen) and the npm packages' (Rust
// compiled by rustc, 25 KiB to 2 MiB): each decodes to its last
// instruction, and none but the modern twins uses modern exception
// handling.
TEST(WasmCodeTest, ExnRefDeclarationsAreSeenWithoutDecodingCode) {
  EXPECT_TRUE(DeclaresExnRef(Module(Bytes({0x01, 0x01, 0x69}), Bytes({0x0b}))));
  // After other locals: (local i32 i32) (local exnref).
  EXPECT_TRUE(DeclaresExnRef(Module(Bytes({0x02, 0x02, 0x7f, 0x01, 0x69}), Bytes({0x0b}))));
  EXPECT_FALSE(DeclaresExnRef(Module(Bytes({0x01, 0x02, 0x7f}), Bytes({0x01, 0x0b}))));
  // try_table without an exnref anywhere: only V8's refusal tells.
  EXPECT_FALSE(DeclaresExnRef(Module(Bytes({0x00}), Bytes({0x1f, 0x40, 0x00, 0x0b, 0x0b}))));
  // A function type with an exnref parameter.
  std::string types = Bytes({0x01, 0x01, 0x60, 0x01, 0x69, 0x00});
  EXPECT_TRUE(DeclaresExnRef(kHeader + Bytes({0x01, 0x05}) + types.substr(1)));
  // Cut off inside the code section, or not a module: false, not a crash.
  std::string module = Module(Bytes({0x01, 0x01, 0x69}), Bytes({0x0b}));
  for (size_t cut = 0; cut < module.size(); ++cut)
    EXPECT_FALSE(DeclaresExnRef(module.substr(0, cut))) << cut;
}

TEST(WasmCodeTest, RealModulesDecode) {
  namespace fs = std::filesystem;
  fs::path out = fs::canonical("/proc/self/exe").parent_path();
  size_t modules = 0, functions = 0;
  for (const fs::path& root : {out / "gen", out.parent_path() / "third_party" / "npm"}) {
    if (!fs::exists(root))
      continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (entry.path().extension() != ".wasm")
        continue;
      auto bytes = ReadFileBytes(entry.path().string());
      ASSERT_TRUE(bytes.ok()) << entry.path();
      auto features = ScanCode(*bytes);
      ASSERT_TRUE(features.ok()) << entry.path() << ": " << features.status();
      // Only the modern twins, the .modern.wat fixtures and the package
      // built from one (js-tests/packages/unwind) use modern EH.
      std::string path = entry.path().string();
      bool twin = path.find("modern") != std::string::npos ||
                  path.find("/packages/unwind/") != std::string::npos;
      EXPECT_EQ(features->modern_eh, twin) << entry.path() << ": " << features->first_modern;
      // Declaring exnref is using modern exception handling.
      if (DeclaresExnRef(*bytes))
        EXPECT_TRUE(features->modern_eh) << entry.path();
      functions += ReadFunctionBodies(*bytes)->size();
      ++modules;
    }
  }
  EXPECT_GE(modules, 20u) << "the build's modules and the npm packages' should be there";
  EXPECT_GE(functions, 1000u);
}

}  // namespace
}  // namespace wbhost::bindings::wasm
