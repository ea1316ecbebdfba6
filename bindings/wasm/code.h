// The code section, instruction by instruction: every opcode of Wasm 2.0,
// SIMD (0xfd), bulk memory and reference types (0xfc), threads (0xfe),
// tail calls, and legacy and modern exception handling, with the extent
// of its immediates. What it does not know is an error naming the opcode,
// its offset in the module and the function, never a guess: a rewrite of
// function bodies (the modern-to-legacy exception handling translation)
// builds on it, and what V8 10.2 cannot compile is described by it.
#ifndef BINDINGS_WASM_CODE_H_
#define BINDINGS_WASM_CODE_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "bindings/wasm/opcodes.h"

namespace wbhost::bindings::wasm {

struct Instruction {
  Opcode opcode;
  size_t offset;  // in the module
  size_t end;     // one past its last immediate
};

struct FunctionBody {
  uint32_t index;      // in the function index space (imports first)
  size_t offset;       // of its size field, in the module
  size_t code_offset;  // of its first instruction
  size_t end;
  uint32_t local_count = 0;  // declared locals (not params)
  // Which of them are exnref (by index among them, in order): no more is
  // kept of the locals, so that a module's thousands of bodies are read
  // without an allocation each (a landing pad's one or two inline).
  absl::InlinedVector<uint32_t, 2> exnref_locals;
};

// The function bodies of `module` (its code section), each with its
// locals; an error for a malformed section.
absl::StatusOr<std::vector<FunctionBody>> ReadFunctionBodies(std::string_view module);

// The body whose entry (size, locals, expression) starts at `offset` in
// `bytes`, as function `index`; an error for one that cannot be read.
absl::StatusOr<FunctionBody> ReadFunctionBody(std::string_view bytes,
                                              size_t offset,
                                              uint32_t index);

// Calls `visit` for each instruction of `body`, in order, through the
// final `end`. An error names what cannot be read: "unknown opcode 0x1e at
// offset 0x40 in function #3".
absl::Status ForEachInstruction(std::string_view module,
                                const FunctionBody& body,
                                const std::function<void(const Instruction&)>& visit);

namespace internal {
enum class WalkError { kUnknown, kBadImmediates, kAfterEnd, kNoEnd };
absl::Status WalkFailed(WalkError error, Opcode opcode, size_t offset, uint32_t function);
}  // namespace internal

// Which instructions a walk hands its visitor, by first byte (a prefixed
// opcode by its prefix). The others it steps over inline where their
// immediates are short and known (none, a LEB, a memarg): a rewrite that
// acts on a few opcodes reads the rest at a few machine instructions each.
class OpcodeFilter {
 public:
  // How an instruction at hand is stepped over.
  enum class Step : uint8_t {
    kRead,  // by ReadOpcode: one visited, a block opener or closer (the walk
            // counts them), or one whose immediates are not inline's
    kNone,
    kLeb,
    kMemArg,
    kLocal,  // local.get/set/tee: visited only for a watched local
  };

  // Every instruction, each read by ReadOpcode.
  constexpr OpcodeFilter() : step_{}, visit_{} { visit_.fill(true); }
  // Only those whose first byte is in `visited`; if `watched_locals` is
  // given (and outlives the filter), local.get/set/tee only for the locals
  // it marks (params first: what it holds when the walk runs).
  explicit OpcodeFilter(absl::Span<const uint8_t> visited,
                        const std::vector<uint8_t>* watched_locals = nullptr);

  // Steps over instructions inline from `pos` while they start before
  // `limit` (10 bytes past an instruction there are readable); returns
  // where it stopped: at one it does not step over, or at or past `limit`
  // (then `*last` is where the last one it stepped over began).
  size_t SkipInline(const uint8_t* bytes, size_t pos, size_t limit, size_t* last) const {
    const uint8_t* p = bytes + pos;
    const uint8_t* const stop = bytes + limit;
    const uint8_t* previous = p;
    const uint8_t* watched = watched_ != nullptr ? watched_->data() : nullptr;
    const size_t watched_count = watched_ != nullptr ? watched_->size() : 0;
    while (p < stop) {
      Step step = step_[p[0]];
      size_t n;
      if (step == Step::kNone) {
        n = 1;
      } else if (step == Step::kLeb || step == Step::kLocal) {
        uint8_t immediate = p[1];
        if (immediate < 0x80) {
          if (step == Step::kLocal && immediate < watched_count && watched[immediate])
            break;
          n = 2;
        } else {
          if (step == Step::kLocal)
            break;
          n = LongLebLength(p + 1, 1);
        }
      } else if (step == Step::kMemArg) {
        // Not with a long alignment, or a memory index after it.
        n = (p[1] & 0xc0) != 0 ? 0 : (p[2] & 0x80) == 0 ? 3 : LongLebLength(p + 2, 2);
      } else {
        break;
      }
      if (n == 0)
        break;
      previous = p;
      p += n;
    }
    *last = static_cast<size_t>(previous - bytes);
    return static_cast<size_t>(p - bytes);
  }
  bool Visits(uint8_t byte) const { return visit_[byte]; }

 private:
  // `before` plus the length of the LEB at `p` (2 to 10 bytes), or 0 if
  // it is longer: 10 bytes are readable there.
  static size_t LongLebLength(const uint8_t* p, size_t before) {
    for (size_t k = 1; k < 10; ++k) {
      if ((p[k] & 0x80) == 0)
        return before + k + 1;
    }
    return 0;
  }

  std::array<Step, 256> step_;
  std::array<bool, 256> visit_;
  const std::vector<uint8_t>* watched_ = nullptr;
};

// ForEachInstruction for a visitor the compiler can inline, and only for
// the instructions `filter` visits: what a rewrite of every body of a
// module calls (the translation of modern exception handling visits only
// the instructions it acts on). Those it skips are read as carefully:
// the same errors, at the same offsets.
template <typename Visit>
absl::Status WalkInstructions(std::string_view module,
                              const FunctionBody& body,
                              const OpcodeFilter& filter,
                              Visit&& visit) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(module.data());
  const size_t end = body.end;
  size_t pos = body.code_offset;
  Reader in(module.substr(0, end));
  int depth = 0;  // blocks open, the function's own not counted
  // Inline where the bytes it may read are the module's (all but the
  // last few of it), and only what ends within the body: else ReadOpcode
  // reads it and says what is wrong.
  const size_t inline_end = std::min(end, module.size() >= 32 ? module.size() - 32 : 0);
  while (pos < end) {
    if (pos < inline_end) [[likely]] {
      size_t last = pos;
      pos = filter.SkipInline(bytes, pos, inline_end, &last);
      if (pos > end)
        pos = last;  // it runs past the body
      else if (pos == end)
        break;
    }
    Instruction instruction;
    instruction.offset = pos;
    in.Seek(pos);
    OpcodeRead read = ReadOpcode(in, &instruction.opcode);
    if (read != OpcodeRead::kOk) [[unlikely]] {
      return internal::WalkFailed(read == OpcodeRead::kUnknown
                                      ? internal::WalkError::kUnknown
                                      : internal::WalkError::kBadImmediates,
                                  instruction.opcode, instruction.offset, body.index);
    }
    instruction.end = pos = in.pos();
    if (filter.Visits(bytes[instruction.offset]))
      visit(instruction);
    if (OpensBlock(instruction.opcode)) {
      ++depth;
    } else if (ClosesBlock(instruction.opcode) && --depth < 0) {
      if (pos != end) {
        return internal::WalkFailed(internal::WalkError::kAfterEnd, instruction.opcode, pos,
                                    body.index);
      }
      return absl::OkStatus();
    }
  }
  return internal::WalkFailed(internal::WalkError::kNoEnd, 0, 0, body.index);
}

template <typename Visit>
absl::Status WalkInstructions(std::string_view module, const FunctionBody& body, Visit&& visit) {
  constexpr OpcodeFilter kEvery;
  return WalkInstructions(module, body, kEvery, std::forward<Visit>(visit));
}

// What a module's code uses that decides how it may be compiled.
struct CodeFeatures {
  bool modern_eh = false;  // try_table, throw_ref, exnref
  bool legacy_eh = false;  // try, catch, catch_all, rethrow, delegate
  // The first modern construct: "try_table at offset 0x40 in function #3".
  std::string first_modern;
};

absl::StatusOr<CodeFeatures> ScanCode(std::string_view module);

// Whether the module declares exnref: in a type, a global, a table, or a
// function's locals. Reads no instruction (microseconds for a module of
// MiBs): what tells, before V8 is asked, that V8 10.2 will refuse it and
// that it uses modern exception handling (as toolchains' landing pads do,
// keeping the exnref in a local). False for bytes it cannot read.
bool DeclaresExnRef(std::string_view module);

}  // namespace wbhost::bindings::wasm

#endif  // BINDINGS_WASM_CODE_H_
