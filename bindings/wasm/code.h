// The code section, instruction by instruction: every opcode of Wasm 2.0,
// SIMD (0xfd), bulk memory and reference types (0xfc), threads (0xfe),
// tail calls, and legacy and modern exception handling, with the extent
// of its immediates. What it does not know is an error naming the opcode,
// its offset in the module and the function, never a guess: a rewrite of
// function bodies (the modern-to-legacy exception handling translation)
// builds on it, and what V8 10.2 cannot compile is described by it.
#ifndef BINDINGS_WASM_CODE_H_
#define BINDINGS_WASM_CODE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
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
  // without an allocation each.
  std::vector<uint32_t> exnref_locals;
};

// The function bodies of `module` (its code section), each with its
// locals; an error for a malformed section.
absl::StatusOr<std::vector<FunctionBody>> ReadFunctionBodies(std::string_view module);

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

// ForEachInstruction for a visitor the compiler can inline: what a rewrite
// of every body of a module calls (the translation of modern exception
// handling keeps only the instructions it acts on). ReadOpcode reads the
// common opcodes inline: a module of MiBs has hundreds of thousands.
template <typename Visit>
absl::Status WalkInstructions(std::string_view module, const FunctionBody& body, Visit&& visit) {
  Reader in(module.substr(0, body.end));
  in.Seek(body.code_offset);
  int depth = 0;  // blocks open, the function's own not counted
  while (!in.AtEnd()) {
    Instruction instruction;
    instruction.offset = in.pos();
    OpcodeRead read = ReadOpcode(in, &instruction.opcode);
    if (read != OpcodeRead::kOk) [[unlikely]] {
      return internal::WalkFailed(read == OpcodeRead::kUnknown
                                      ? internal::WalkError::kUnknown
                                      : internal::WalkError::kBadImmediates,
                                  instruction.opcode, instruction.offset, body.index);
    }
    instruction.end = in.pos();
    visit(instruction);
    if (OpensBlock(instruction.opcode)) {
      ++depth;
    } else if (ClosesBlock(instruction.opcode) && --depth < 0) {
      if (!in.AtEnd()) {
        return internal::WalkFailed(internal::WalkError::kAfterEnd, instruction.opcode, in.pos(),
                                    body.index);
      }
      return absl::OkStatus();
    }
  }
  return internal::WalkFailed(internal::WalkError::kNoEnd, 0, 0, body.index);
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
