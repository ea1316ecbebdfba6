// Wasm opcodes and the extent of their immediates: every opcode of Wasm
// 2.0, SIMD (0xfd), bulk memory and reference types (0xfc), threads
// (0xfe), tail calls, and legacy and modern exception handling
// (bindings/wasm/code.h walks function bodies with it).
#ifndef BINDINGS_WASM_OPCODES_H_
#define BINDINGS_WASM_OPCODES_H_

#include <array>
#include <cstdint>
#include <string>

#include "bindings/wasm/binary.h"

namespace wbhost::bindings::wasm {

// An opcode: the byte, or for a prefixed one (0xfc, 0xfd, 0xfe) the prefix
// in the high bits and the LEB-encoded sub-opcode in the low 24.
using Opcode = uint32_t;
constexpr Opcode Prefixed(uint8_t prefix, uint32_t sub) {
  return (static_cast<uint32_t>(prefix) << 24) | sub;
}

// Modern exception handling (wasm-3.0) and the value type it adds.
inline constexpr Opcode kTryTable = 0x1f;
inline constexpr Opcode kThrowRef = 0x0a;
inline constexpr uint8_t kExnRef = 0x69;
// Legacy exception handling (what V8 10.2 compiles).
inline constexpr Opcode kTry = 0x06;
inline constexpr Opcode kCatch = 0x07;
inline constexpr Opcode kThrow = 0x08;
inline constexpr Opcode kRethrow = 0x09;
inline constexpr Opcode kDelegate = 0x18;
inline constexpr Opcode kCatchAll = 0x19;

// block, loop, if, try, try_table open a block; end and delegate (which
// ends a try) close one.
constexpr bool OpensBlock(Opcode op) {
  return (op >= 0x02 && op <= 0x04) || op == kTry || op == kTryTable;
}
constexpr bool ClosesBlock(Opcode op) {
  return op == 0x0b || op == kDelegate;
}

enum class OpcodeRead { kOk, kUnknown, kBadImmediates };

namespace internal {
// What follows a one-byte opcode, for the inline path: nothing, one LEB, a
// memarg, or anything else (ReadOpcodeSlow).
enum FastImm : uint8_t { kFastOther, kFastNone, kFastLeb, kFastMemArg };
extern const std::array<FastImm, 256> kFastImm;
OpcodeRead ReadOpcodeSlow(Reader& in, uint8_t byte, Opcode* opcode);
}  // namespace internal

// Reads the opcode at `in` (setting *opcode) and skips its immediates.
// Inline: a rewrite decodes every instruction of every function, and most
// are one byte with at most a LEB or a memarg after it.
inline OpcodeRead ReadOpcode(Reader& in, Opcode* opcode) {
  uint8_t byte = in.Byte();
  switch (internal::kFastImm[byte]) {
    case internal::kFastNone:
      *opcode = byte;
      break;
    case internal::kFastLeb:
      *opcode = byte;
      in.SkipLeb();
      break;
    case internal::kFastMemArg:
      *opcode = byte;
      if (in.Leb() & 0x40)  // a memory index follows (multiple memories)
        in.SkipLeb();
      in.SkipLeb();
      break;
    default:
      return internal::ReadOpcodeSlow(in, byte, opcode);
  }
  return in.ok() ? OpcodeRead::kOk : OpcodeRead::kBadImmediates;
}

// Skips a block type: empty (0x40), one value type, or a type index.
void SkipBlockType(Reader& in);

// "try_table", "end", "0x6a", "0xfd 0x1ff".
std::string OpcodeName(Opcode opcode);

}  // namespace wbhost::bindings::wasm

#endif  // BINDINGS_WASM_OPCODES_H_
