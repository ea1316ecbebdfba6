#include "bindings/wasm/opcodes.h"

#include <array>

#include "absl/strings/str_format.h"

namespace wbhost::bindings::wasm {

namespace {

// What follows an opcode.
enum class Imm : uint8_t {
  kUnknown,
  kNone,
  kBlockType,
  kIndex,  // one LEB: a function, local, global, table, label, tag...
  kTwoIndices,
  kBrTable,
  kMemArg,
  kConst32,  // a signed LEB
  kConst64,
  kFloat32,
  kFloat64,
  kSelectTypes,
  kTryTable,
  kHeapType,
  kLane,  // one byte
  kMemArgLane,
  kBytes16,   // v128.const, i8x16.shuffle
  kZeroByte,  // atomic.fence
};

constexpr Imm SingleByte(uint8_t op) {
  switch (op) {
    case 0x00:
    case 0x01:
    case 0x05:
    case 0x0a:
    case 0x0b:
    case 0x0f:
    case 0x19:
    case 0x1a:
    case 0x1b:
    case 0xd1:
      return Imm::kNone;
    case 0x02:
    case 0x03:
    case 0x04:
    case 0x06:
      return Imm::kBlockType;
    case 0x07:
    case 0x08:
    case 0x09:
    case 0x0c:
    case 0x0d:
    case 0x10:
    case 0x12:
    case 0x18:
    case 0x20:
    case 0x21:
    case 0x22:
    case 0x23:
    case 0x24:
    case 0x25:
    case 0x26:
    case 0x3f:
    case 0x40:
    case 0xd2:
      return Imm::kIndex;
    case 0x0e:
      return Imm::kBrTable;
    case 0x11:
    case 0x13:
      return Imm::kTwoIndices;
    case 0x1c:
      return Imm::kSelectTypes;
    case 0x1f:
      return Imm::kTryTable;
    case 0x41:
      return Imm::kConst32;
    case 0x42:
      return Imm::kConst64;
    case 0x43:
      return Imm::kFloat32;
    case 0x44:
      return Imm::kFloat64;
    case 0xd0:
      return Imm::kHeapType;
    default:
      break;
  }
  if (op >= 0x28 && op <= 0x3e)
    return Imm::kMemArg;
  if (op >= 0x45 && op <= 0xc4)  // numeric, sign extension
    return Imm::kNone;
  return Imm::kUnknown;
}

Imm PrefixedImm(uint8_t prefix, uint32_t sub) {
  switch (prefix) {
    case 0xfc:  // saturating truncation, bulk memory, tables
      if (sub <= 7)
        return Imm::kNone;
      if (sub == 8 || sub == 10 || sub == 12 || sub == 14)
        return Imm::kTwoIndices;
      if (sub <= 17)
        return Imm::kIndex;
      return Imm::kUnknown;
    case 0xfd:  // SIMD
      if (sub <= 11 || sub == 92 || sub == 93)
        return Imm::kMemArg;
      if (sub == 12 || sub == 13)
        return Imm::kBytes16;
      if (sub >= 21 && sub <= 34)
        return Imm::kLane;
      if (sub >= 84 && sub <= 91)
        return Imm::kMemArgLane;
      if (sub <= 255)
        return Imm::kNone;
      return Imm::kUnknown;
    case 0xfe:  // threads
      if (sub <= 2 || (sub >= 0x10 && sub <= 0x4e))
        return Imm::kMemArg;
      if (sub == 3)
        return Imm::kZeroByte;
      return Imm::kUnknown;
    default:
      return Imm::kUnknown;
  }
}

constexpr bool IsPrefixByte(uint8_t byte) {
  return byte == 0xfc || byte == 0xfd || byte == 0xfe;
}

void SkipMemArg(Reader& in) {
  uint64_t align = in.Leb();
  if (align & 0x40)  // a memory index follows (multiple memories)
    in.Leb();
  in.Leb();
}

bool ReadImmediates(Reader& in, Imm imm) {
  switch (imm) {
    case Imm::kUnknown:
      return false;
    case Imm::kNone:
      break;
    case Imm::kBlockType:
      SkipBlockType(in);
      break;
    case Imm::kIndex:
    case Imm::kConst32:
    case Imm::kConst64:
    case Imm::kHeapType:
      in.Leb();
      break;
    case Imm::kTwoIndices:
      in.Leb();
      in.Leb();
      break;
    case Imm::kBrTable: {
      uint64_t count = in.Leb();
      for (uint64_t i = 0; i <= count && in.ok(); ++i)
        in.Leb();
      break;
    }
    case Imm::kMemArg:
      SkipMemArg(in);
      break;
    case Imm::kFloat32:
      in.Skip(4);
      break;
    case Imm::kFloat64:
      in.Skip(8);
      break;
    case Imm::kSelectTypes: {
      uint64_t count = in.Leb();
      for (uint64_t i = 0; i < count && in.ok(); ++i)
        SkipValueType(in);
      break;
    }
    case Imm::kTryTable: {
      SkipBlockType(in);
      uint64_t count = in.Leb();
      for (uint64_t i = 0; i < count && in.ok(); ++i) {
        uint8_t kind = in.Byte();
        if (kind > 3)
          return false;
        if (kind <= 1)  // catch, catch_ref: a tag
          in.Leb();
        in.Leb();  // the label
      }
      break;
    }
    case Imm::kLane:
      in.Byte();
      break;
    case Imm::kMemArgLane:
      SkipMemArg(in);
      in.Byte();
      break;
    case Imm::kBytes16:
      in.Skip(16);
      break;
    case Imm::kZeroByte:
      if (in.Byte() != 0)
        return false;
      break;
  }
  return in.ok();
}

}  // namespace

namespace internal {

namespace {

constexpr FastImm Fast(Imm imm) {
  switch (imm) {
    case Imm::kNone:
      return kFastNone;
    case Imm::kIndex:
    case Imm::kConst32:
    case Imm::kConst64:
    case Imm::kHeapType:
      return kFastLeb;
    case Imm::kMemArg:
      return kFastMemArg;
    default:
      return kFastOther;
  }
}

constexpr std::array<FastImm, 256> FastTable() {
  std::array<FastImm, 256> table{};
  for (int op = 0; op < 256; ++op) {
    uint8_t byte = static_cast<uint8_t>(op);
    table[op] = IsPrefixByte(byte) ? kFastOther : Fast(SingleByte(byte));
  }
  return table;
}

}  // namespace

// Constant-initialised: the decoder may run before static constructors.
constinit const std::array<FastImm, 256> kFastImm = FastTable();

// The opcode at hand was read (`byte`, already consumed): a prefixed one,
// or one whose immediates the inline path leaves to this.
OpcodeRead ReadOpcodeSlow(Reader& in, uint8_t byte, Opcode* opcode) {
  Imm imm;
  if (!IsPrefixByte(byte)) {
    *opcode = byte;
    imm = SingleByte(byte);
  } else {
    uint64_t sub = in.Leb();
    if (!in.ok() || sub > 0xffffff) {
      *opcode = byte;
      return OpcodeRead::kBadImmediates;
    }
    *opcode = Prefixed(byte, static_cast<uint32_t>(sub));
    imm = PrefixedImm(byte, static_cast<uint32_t>(sub));
  }
  if (imm == Imm::kUnknown)
    return OpcodeRead::kUnknown;
  return ReadImmediates(in, imm) ? OpcodeRead::kOk : OpcodeRead::kBadImmediates;
}

}  // namespace internal

void SkipBlockType(Reader& in) {
  size_t at = in.pos();
  uint8_t first = in.Byte();
  if (first >= 0x40 && first < 0x80) {  // a negative one-byte s33
    if (first == 0x63 || first == 0x64)
      in.Leb();
    return;
  }
  in.Seek(at);
  in.Leb();
}

std::string OpcodeName(Opcode opcode) {
  switch (opcode) {
    case 0x02:
      return "block";
    case 0x03:
      return "loop";
    case 0x04:
      return "if";
    case 0x05:
      return "else";
    case kTry:
      return "try";
    case kCatch:
      return "catch";
    case kThrow:
      return "throw";
    case kRethrow:
      return "rethrow";
    case kThrowRef:
      return "throw_ref";
    case 0x0b:
      return "end";
    case kDelegate:
      return "delegate";
    case kCatchAll:
      return "catch_all";
    case kTryTable:
      return "try_table";
    case 0x0c:
      return "br";
    case 0x0d:
      return "br_if";
    case 0x0e:
      return "br_table";
    case 0x10:
      return "call";
    case 0x11:
      return "call_indirect";
    case 0x13:
      return "return_call_indirect";
    case 0x20:
      return "local.get";
    case 0x21:
      return "local.set";
    case 0x22:
      return "local.tee";
    case 0xd0:
      return "ref.null";
    default:
      break;
  }
  if (opcode > 0xff) {
    return absl::StrFormat("0x%02x 0x%x", opcode >> 24, opcode & 0xffffff);
  }
  return absl::StrFormat("0x%02x", opcode);
}

}  // namespace wbhost::bindings::wasm
