#include "bindings/wasm/eh_outline.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "bindings/wasm/eh_body_outline.h"
#include "bindings/wasm/eh_function.h"

namespace wbhost::bindings::wasm::eh {

Outliner::Outliner(std::vector<FuncType> types,
                   uint32_t functions,
                   uint32_t globals,
                   uint32_t helper_table,
                   uint8_t exn_type)
    : exn_type_(exn_type),
      types_(std::move(types)),
      functions_(functions),
      globals_(globals),
      helper_table_(helper_table),
      registers_(1, static_cast<char>(outline::kI32)) {}

uint32_t Outliner::TypeIndex(const FuncType& type) {
  auto it = std::find(types_.begin(), types_.end(), type);
  if (it != types_.end())
    return static_cast<uint32_t>(it - types_.begin());
  types_.push_back(type);
  return static_cast<uint32_t>(types_.size() - 1);
}

const std::vector<uint32_t>& Outliner::HelperTypes() {
  if (helper_types_.empty()) {
    const std::string ext(1, static_cast<char>(exn_type_));
    const std::string func(1, static_cast<char>(outline::kFuncRef));
    helper_types_ = {TypeIndex({ext, ""}), TypeIndex({func, ext}), TypeIndex({"", ""})};
  }
  return helper_types_;
}

uint32_t Outliner::Register(uint8_t type, uint32_t k) {
  auto it = std::find_if(by_type_.begin(), by_type_.end(),
                         [&](const auto& entry) { return entry.first == type; });
  if (it == by_type_.end())
    it = by_type_.insert(by_type_.end(), {type, {}});
  while (it->second.size() <= k) {
    it->second.push_back(globals_ + static_cast<uint32_t>(registers_.size()));
    registers_.push_back(static_cast<char>(type));
  }
  return it->second[k];
}

namespace outline {

FuncType BodyOutline::BlockType(Reader& in) const {
  size_t at = in.pos();
  uint8_t first = in.Byte();
  if (first == kEmpty)
    return {};
  if (first >= 0x40 && first < 0x80)
    return {"", std::string(1, static_cast<char>(Mapped(first)))};
  in.Seek(at);
  uint64_t index = in.Leb();
  return index < o_.types_.size() ? o_.types_[index] : FuncType{};
}

bool BodyOutline::Outlined(size_t i) const {
  if (code_[i].opcode != kTryTable)
    return false;
  Reader in(entry_);
  in.Seek(code_[i].offset + 1);
  SkipBlockType(in);
  uint64_t count = in.Leb();
  for (uint64_t k = 0; k < count && in.ok(); ++k) {
    uint8_t kind = in.Byte();
    if (kind <= 1)
      in.Leb();
    in.Leb();
    if (kind == 1 || kind == 3)
      return true;
  }
  return false;
}

absl::Status BodyOutline::Run(std::string* out) {
  Reader in(entry_);
  locals_ = type_.params;
  uint64_t groups = in.Leb();
  for (uint64_t g = 0; g < groups && in.ok(); ++g) {
    uint64_t count = in.Leb();
    size_t at = in.pos();
    SkipValueType(in);
    if (!in.ok() || in.pos() != at + 1)
      return absl::InvalidArgumentError(
          absl::StrCat("a local of a type V8 10.2 does not know in function #", index_));
    if (count + locals_.size() > 50000)
      return absl::InvalidArgumentError(absl::StrCat("too many locals in function #", index_));
    locals_.append(count, static_cast<char>(Mapped(static_cast<uint8_t>(entry_[at]))));
  }
  if (!in.ok())
    return absl::InvalidArgumentError(absl::StrCat("unreadable locals of function #", index_));
  FunctionBody body;
  body.index = index_;
  body.offset = 0;
  body.code_offset = in.pos();
  body.end = entry_.size();
  code_.clear();
  absl::Status read =
      ForEachInstruction(entry_, body, [&](const Instruction& i) { code_.push_back(i); });
  if (!read.ok())
    return read;
  match_.assign(code_.size(), 0);
  std::vector<size_t> open;
  for (size_t i = 0; i < code_.size(); ++i) {
    if (OpensBlock(code_[i].opcode)) {
      open.push_back(i);
    } else if (ClosesBlock(code_[i].opcode) && !open.empty()) {
      match_[open.back()] = i;
      open.pop_back();
    }
  }
  std::string code;
  if (absl::Status s = EmitOuter(&code); !s.ok())
    return s;
  // Locals after the params, as groups of one type.
  AppendLocalGroups(out, std::string_view(locals_).substr(type_.params.size()));
  out->append(code);
  return absl::OkStatus();
}

// An instruction with exnref written as externref where its immediates
// name a value type: block types, ref.null, a typed select.
void BodyOutline::CopyMapped(size_t i, std::string* out) const {
  const Instruction& ins = code_[i];
  std::string_view bytes = entry_.substr(ins.offset, ins.end - ins.offset);
  Opcode op = ins.opcode;
  bool typed = OpensBlock(op) || op == kRefNull || op == kSelectTyped;
  size_t from = out->size();
  out->append(bytes);
  if (!typed || bytes.size() < 2)
    return;
  if (op == kSelectTyped) {
    for (size_t k = from + 2; k < out->size(); ++k)
      (*out)[k] = static_cast<char>(Mapped(static_cast<uint8_t>((*out)[k])));
  } else {
    (*out)[from + 1] = static_cast<char>(Mapped(static_cast<uint8_t>(bytes[1])));
  }
}

void BodyOutline::CallHelper(Helper what, std::string* out) const {
  o_.used_ = true;
  out->push_back(static_cast<char>(kI32Const));
  AppendSleb(out, static_cast<int64_t>(what));
  Op(out, kCallIndirect, o_.HelperTypes()[static_cast<size_t>(what)]);
  AppendLeb(out, o_.helper_table_);
}

void BodyOutline::EmitThrow(std::string* out, uint32_t value) {
  Op(out, kLocalGet, value);
  CallHelper(Helper::kThrow, out);
  out->push_back(static_cast<char>(kUnreachable));
}

absl::Status BodyOutline::EmitOuter(std::string* out) {
  labels_.assign(1, type_.results);
  for (size_t i = 0; i < code_.size(); ++i) {
    Opcode op = code_[i].opcode;
    if (op == kTryTable && Outlined(i)) {
      if (absl::Status s = EmitSite(i, out); !s.ok())
        return s;
      i = match_[i];
      continue;
    }
    if (op == kThrowRef) {
      // A null exnref traps, as the spec's throw_ref does: V8's own trap
      // for rethrowing a null ("rethrowing null value"), by throwing a JS
      // null into a catch_all that rethrows it.
      if (scratch_ < 0)
        scratch_ = AddLocal(o_.exn_type_);
      Op(out, kLocalTee, scratch_);
      out->push_back(static_cast<char>(kRefIsNull));
      out->push_back(static_cast<char>(kIf));
      out->push_back(static_cast<char>(kEmpty));
      out->push_back(static_cast<char>(kTry));
      out->push_back(static_cast<char>(kEmpty));
      out->push_back(static_cast<char>(kRefNull));
      out->push_back(static_cast<char>(o_.exn_type_));
      CallHelper(Helper::kThrow, out);
      out->push_back(static_cast<char>(kCatchAll));
      Op(out, kRethrow, 0);
      out->push_back(static_cast<char>(kEnd));
      out->push_back(static_cast<char>(kEnd));
      EmitThrow(out, static_cast<uint32_t>(scratch_));
      continue;
    }
    CopyMapped(i, out);
    if (OpensBlock(op))
      labels_.push_back(BranchTypes(i));
    else if (ClosesBlock(op) && labels_.size() > 1)
      labels_.pop_back();
  }
  return absl::OkStatus();
}

}  // namespace outline

absl::Status Outliner::Run(uint32_t index,
                           uint32_t type,
                           std::string_view entry,
                           std::string* out) {
  if (type >= types_.size())
    return absl::InvalidArgumentError(absl::StrCat("a type out of range for function #", index));
  outline::BodyOutline body(*this, index, types_[type], entry);
  return body.Run(out);
}

}  // namespace wbhost::bindings::wasm::eh
