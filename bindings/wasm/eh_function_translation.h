// The translation of one function body (eh_function.h), shared by the two
// files that implement it: eh_structure.cc reads the body's shape (which
// opener each label names, where each catch_ref's landing is, that every
// exnref use is one the landing moves) and eh_function.cc writes it out.
// Internal to bindings/wasm.
#ifndef BINDINGS_WASM_EH_FUNCTION_TRANSLATION_H_
#define BINDINGS_WASM_EH_FUNCTION_TRANSLATION_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "bindings/wasm/binary.h"
#include "bindings/wasm/code.h"
#include "bindings/wasm/eh_function.h"
#include "bindings/wasm/opcodes.h"

namespace wbhost::bindings::wasm::eh {

inline constexpr uint8_t kI32 = 0x7f;
inline constexpr Opcode kBlock = 0x02, kLoop = 0x03, kIf = 0x04, kEnd = 0x0b, kBr = 0x0c,
                        kBrIf = 0x0d, kBrTable = 0x0e, kLocalGet = 0x20, kLocalSet = 0x21,
                        kLocalTee = 0x22, kRefNull = 0xd0, kUnreachable = 0x00, kDrop = 0x1a;

inline std::string At(size_t offset, uint32_t function) {
  return absl::StrFormat("at offset 0x%x in function #%u", offset, function);
}

class FunctionTranslation {
 public:
  FunctionTranslation(std::string_view module, const ModuleInfo& info);

  // Appends the translation of `body`'s expression to `out`. One object
  // serves every function of a module: its buffers are reused.
  absl::Status Run(const FunctionBody& body, std::string* out);
  // Whether the body used modern exception handling (else Run returned it
  // as it was).
  bool modern() const { return modern_; }

 private:
  struct Clause {
    uint8_t kind;  // 0 catch, 1 catch_ref, 2 catch_all, 3 catch_all_ref
    uint64_t tag = 0;
    long target = 0;  // the opener the label names (-1: the function)
  };
  // The code a ref clause's block leads to: from `first` through `last`
  // (the throw_ref), with the exnref in `local` (or on the stack: -1).
  struct Landing {
    size_t first = 0, last = 0;
    long local = -1;
    // The exnref is dropped at once (`end; drop`): the clause is a plain
    // catch branching with the values, the block keeps them (its new
    // block type), the drop goes.
    bool dropped = false;
    std::string block_type;
    // Nothing branches to the block (its catch clauses run the landing in
    // their handlers now): it is left out, its end made `unreachable`.
    bool elided = false;
  };
  // The block type of `block` without its last result (an exnref), if
  // that is expressible without a new type (none or one result).
  bool TypeWithoutExnRef(size_t block, std::string* out) const;

  absl::Status Structure();
  // rustc's landing pad, `block $o (bt) block $l try_table (bt) (catch_all_ref
  // $l) .. end br $o end <landing> throw_ref end`, with nothing else naming
  // $o: in the legacy form `try (bt) .. catch_all <landing> rethrow 0 end`,
  // as a compiler targeting it writes it (no block, no branch on the
  // normal path). The index in code_ after $o's end, or 0 if `o` is not
  // such a block.
  size_t FoldedBlockEnd(size_t o) const;
  absl::Status FindLandings();
  absl::Status CheckExnRefUses();
  // Emits instructions [from, to) into out_.
  absl::Status Emit(size_t from, size_t to);
  absl::Status EmitTryTable(size_t t);
  void EmitBranch(Opcode op, long target);
  uint64_t OutLabel(long target) const;
  bool IsExnRefLocal(uint64_t index) const {
    return index < exnref_local_.size() && exnref_local_[index];
  }
  Reader ImmediatesOf(size_t i) const {
    Reader r(module_.substr(0, code_[i].end));
    r.Seek(code_[i].offset + 1);
    return r;
  }
  // The first immediate (a LEB) of the one-byte opcode at `offset`.
  uint64_t ImmediateAt(size_t offset) const {
    Reader r(module_);
    r.Seek(offset + 1);
    return r.Leb();
  }
  // Whether the block type of the opener at `offset` has an exnref.
  bool BlockTypeHasExnRef(size_t offset) const {
    uint8_t first = static_cast<uint8_t>(module_[offset + 1]);
    if (first == kExnRef)
      return true;
    if (!exnref_types_ || (first >= 0x40 && first < 0x80))
      return false;
    uint64_t type = ImmediateAt(offset);
    return type < info_.exnref_bytes.size() && !info_.exnref_bytes[type].empty();
  }
  // Whether code_[b] directly follows code_[a] in the body.
  bool Adjacent(size_t a, size_t b) const {
    return b < code_.size() && code_[b].offset == code_[a].end;
  }
  // Where the bytes before code_[i] that code_ leaves out begin.
  size_t GapStart(size_t i) const { return i == 0 ? body_->code_offset : code_[i - 1].end; }

  std::string_view module_;
  // What the walk of a body visits (its exnref locals' uses among them).
  const OpcodeFilter visit_;
  const FunctionBody* body_ = nullptr;
  const ModuleInfo& info_;
  uint32_t params_ = 0;
  std::vector<uint8_t> exnref_local_;  // per local, params first; empty: none
  bool exnref_types_ = false;          // a type of the module has an exnref
  // An instruction code_ keeps, with what the translation learns of it
  // (one vector, filled as the walk keeps it: a module has thousands of
  // functions, each with a few such instructions).
  struct Node : Instruction {
    explicit Node(const Instruction& i) : Instruction(i) {}
    size_t match = 0;      // an opener's end (or delegate)
    uint32_t targets = 0;  // where its labels' openers start in targets_
    // A try_table's clauses: clauses_[clause_first..clause_last).
    uint32_t clause_first = 0, clause_last = 0;
    // The landing a block a ref clause names, or a landing block's end,
    // has (in landings_): -1 for none.
    int landing = -1, end_landing = -1;
    uint32_t branches = 0;  // to an opener: branches and plain catches naming it
    bool allowed = false;   // an exnref use a landing moves
  };
  std::vector<Node> code_;
  // What each instruction's labels name: targets_[code_[i].targets..code_[i + 1].targets).
  std::vector<long> targets_;
  struct Span {
    const long* b;
    const long* e;
    const long* begin() const { return b; }
    const long* end() const { return e; }
    size_t size() const { return static_cast<size_t>(e - b); }
    long operator[](size_t k) const { return b[k]; }
  };
  Span Targets(size_t i) const {
    size_t end = i + 1 < code_.size() ? code_[i + 1].targets : targets_.size();
    return {targets_.data() + code_[i].targets, targets_.data() + end};
  }
  std::vector<Clause> clauses_;
  std::vector<size_t> try_tables_;
  std::vector<Landing> landings_;
  std::vector<long> labels_;  // Structure's stack of openers
  const Landing* LandingAt(size_t block) const {
    int k = code_[block].landing;
    return k < 0 ? nullptr : &landings_[static_cast<size_t>(k)];
  }
  std::vector<long> out_labels_;  // openers open in the output, function first
  // Instructions copied as they are accumulate as one range, appended at
  // once before anything else is written.
  void Copy(size_t begin, size_t end) {
    if (begin != copy_end_) {
      Flush();
      copy_begin_ = begin;
    }
    copy_end_ = end;
  }
  void Flush() {
    if (copy_end_ > copy_begin_)
      out_->append(module_.substr(copy_begin_, copy_end_ - copy_begin_));
    copy_begin_ = copy_end_ = 0;
  }
  std::string& Out() {
    Flush();
    return *out_;
  }

  std::string* out_ = nullptr;
  size_t copy_begin_ = 0, copy_end_ = 0;
  bool modern_ = false;
};

}  // namespace wbhost::bindings::wasm::eh

#endif  // BINDINGS_WASM_EH_FUNCTION_TRANSLATION_H_
