// One function body's outlining (eh_outline.h), shared by the two files
// that implement it. Internal to bindings/wasm.
#ifndef BINDINGS_WASM_EH_BODY_OUTLINE_H_
#define BINDINGS_WASM_EH_BODY_OUTLINE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "bindings/wasm/binary.h"
#include "bindings/wasm/code.h"
#include "bindings/wasm/eh_outline.h"
#include "bindings/wasm/opcodes.h"

namespace wbhost::bindings::wasm::eh::outline {

inline constexpr uint8_t kI32 = 0x7f;
inline constexpr uint8_t kFuncRef = 0x70, kEmpty = 0x40;
inline constexpr Opcode kBlock = 0x02, kLoop = 0x03, kEnd = 0x0b, kBr = 0x0c, kBrIf = 0x0d,
                        kBrTable = 0x0e, kReturn = 0x0f, kCall = 0x10, kCallIndirect = 0x11,
                        kReturnCall = 0x12, kReturnCallIndirect = 0x13, kLocalGet = 0x20,
                        kLocalSet = 0x21, kLocalTee = 0x22, kGlobalGet = 0x23, kGlobalSet = 0x24,
                        kI32Const = 0x41, kI32Eqz = 0x45, kRefNull = 0xd0, kRefIsNull = 0xd1,
                        kRefFunc = 0xd2, kSelectTyped = 0x1c, kUnreachable = 0x00, kIf = 0x04;

inline void AppendSleb(std::string* out, int64_t value) {
  for (;;) {
    uint8_t byte = value & 0x7f;
    value >>= 7;
    bool done = (value == 0 && !(byte & 0x40)) || (value == -1 && (byte & 0x40));
    out->push_back(static_cast<char>(done ? byte : byte | 0x80));
    if (done)
      return;
  }
}

inline void Op(std::string* out, Opcode op, uint64_t immediate) {
  out->push_back(static_cast<char>(op));
  AppendLeb(out, immediate);
}

// A body's local declarations for locals of these types, one group per run
// of a type.
inline void AppendLocalGroups(std::string* out, std::string_view types) {
  std::string groups;
  uint64_t count = 0;
  for (size_t k = 0; k < types.size();) {
    size_t n = 1;
    while (k + n < types.size() && types[k + n] == types[k])
      ++n;
    AppendLeb(&groups, n);
    groups.push_back(types[k]);
    ++count;
    k += n;
  }
  AppendLeb(out, count);
  out->append(groups);
}

// One function body's outlining (Outliner::Run): eh_outline.cc reads the
// body and writes it at its own level, eh_outline_site.cc outlines each
// site (a try_table with a ref clause) and writes its dispatch.
class BodyOutline {
 public:
  BodyOutline(Outliner& outliner, uint32_t index, FuncType type, std::string_view entry)
      : o_(outliner), index_(index), type_(std::move(type)), entry_(entry) {}

  absl::Status Run(std::string* out);

 private:
  std::string Where(size_t i) const {
    return absl::StrCat("at offset 0x", absl::Hex(code_[i].offset), " in function #", index_);
  }
  // The block type at `in` (past an opener's byte): what it takes, what it gives.
  FuncType BlockType(Reader& in) const;
  FuncType BlockTypeOf(size_t i) const {
    Reader in(entry_);
    in.Seek(code_[i].offset + 1);
    return BlockType(in);
  }
  // What a branch to the label opener i makes carries.
  std::string BranchTypes(size_t i) const {
    FuncType type = BlockTypeOf(i);
    return code_[i].opcode == kLoop ? type.params : type.results;
  }
  void BlockTypeFor(const std::string& results, std::string* out) {
    if (results.empty())
      out->push_back(static_cast<char>(kEmpty));
    else if (results.size() == 1)
      out->push_back(results[0]);
    else
      AppendLeb(out, o_.TypeIndex({"", results}));
  }
  uint32_t AddLocal(uint8_t type) {
    locals_.push_back(static_cast<char>(type));
    return static_cast<uint32_t>(locals_.size() - 1);
  }
  // exnref written as its representation (Outliner's exn_type).
  uint8_t Mapped(uint8_t type) const { return type == kExnRef ? o_.exn_type_ : type; }
  void CopyMapped(size_t i, std::string* out) const;
  void EmitThrow(std::string* out, uint32_t value);
  // The function's code at its own level: every outlined try_table replaced.
  absl::Status EmitOuter(std::string* out);
  absl::Status EmitSite(size_t t, std::string* out);
  // What a site's outlined function and dispatch share.
  struct Site {
    size_t t;
    FuncType block;               // the try_table's type
    std::vector<uint64_t> exits;  // relative depths outside it, in exit order (1, 2, ..)
    std::string body;             // its instructions, as the outlined function has them
    std::vector<uint32_t> params, results;
    std::vector<std::vector<uint32_t>> exit_values;
    std::vector<uint32_t> registers;  // per local that crosses (from 0): its global
    uint32_t exception;               // the dispatch's local
    uint32_t function;                // the outlined function
  };
  // The body of site t, for the outlined function (site->body), and where
  // it leaves it (site->exits: relative depths outside the try_table, as
  // first met; the function's label is labels_.size() - 1): its branches
  // out go to the exit blocks (exit k at k labels outside the normal one),
  // a return to the function's.
  absl::Status RewriteBody(size_t t, Site* site);
  absl::Status PlanSite(size_t t, Site* site);
  // The outlined function: () -> (), the crossing locals declared.
  absl::Status OutlineBody(const Site& site, uint32_t type, size_t slot);
  // At the try_table's place: a block of its type around the call and the
  // dispatch.
  absl::Status EmitDispatch(const Site& site, std::string* out);
  // Locals [0, n) into their registers, or back.
  static void Store(const Site& site, std::string* out) {
    for (uint32_t k = 0; k < site.registers.size(); ++k) {
      Op(out, kLocalGet, k);
      Op(out, kGlobalSet, site.registers[k]);
    }
  }
  static void Load(const Site& site, std::string* out) {
    for (uint32_t k = 0; k < site.registers.size(); ++k) {
      Op(out, kGlobalGet, site.registers[k]);
      Op(out, kLocalSet, k);
    }
  }
  void CallHelper(Helper what, std::string* out) const;
  bool Outlined(size_t i) const;

  Outliner& o_;
  uint32_t index_;
  FuncType type_;
  std::string_view entry_;
  std::string locals_;  // every local's type, params first
  std::vector<Instruction> code_;
  std::vector<size_t> match_;        // an opener's end
  std::vector<std::string> labels_;  // EmitOuter's: what a branch to each carries
  long scratch_ = -1;                // an externref local for throw_ref
};

}  // namespace wbhost::bindings::wasm::eh::outline

#endif  // BINDINGS_WASM_EH_BODY_OUTLINE_H_
