#include "bindings/wasm/eh_outline.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "bindings/wasm/binary.h"
#include "bindings/wasm/code.h"
#include "bindings/wasm/eh_function.h"
#include "bindings/wasm/opcodes.h"

namespace wbhost::bindings::wasm::eh {

namespace {

constexpr uint8_t kI32 = 0x7f, kExternRef = 0x6f, kFuncRef = 0x70, kV128 = 0x7b, kEmpty = 0x40;
constexpr Opcode kBlock = 0x02, kLoop = 0x03, kEnd = 0x0b, kBr = 0x0c, kBrIf = 0x0d,
                 kBrTable = 0x0e, kReturn = 0x0f, kCall = 0x10, kCallIndirect = 0x11,
                 kReturnCall = 0x12, kReturnCallIndirect = 0x13, kLocalGet = 0x20, kLocalSet = 0x21,
                 kLocalTee = 0x22, kI32Const = 0x41, kI32Eq = 0x46, kRefNull = 0xd0,
                 kRefIsNull = 0xd1, kRefFunc = 0xd2, kSelectTyped = 0x1c, kUnreachable = 0x00,
                 kIf = 0x04;
// V8's limits on a function's parameters and results.
constexpr size_t kMaxParams = 1000, kMaxResults = 1000;

uint8_t Mapped(uint8_t type) {
  return type == kExnRef ? kExternRef : type;
}

void AppendSleb(std::string* out, int64_t value) {
  for (;;) {
    uint8_t byte = value & 0x7f;
    value >>= 7;
    bool done = (value == 0 && !(byte & 0x40)) || (value == -1 && (byte & 0x40));
    out->push_back(static_cast<char>(done ? byte : byte | 0x80));
    if (done)
      return;
  }
}

void Op(std::string* out, Opcode op, uint64_t immediate) {
  out->push_back(static_cast<char>(op));
  AppendLeb(out, immediate);
}

}  // namespace

Outliner::Outliner(std::vector<FuncType> types, uint32_t functions, uint32_t helper_table)
    : types_(std::move(types)), functions_(functions), helper_table_(helper_table) {}

uint32_t Outliner::TypeIndex(const FuncType& type) {
  auto it = std::find(types_.begin(), types_.end(), type);
  if (it != types_.end())
    return static_cast<uint32_t>(it - types_.begin());
  types_.push_back(type);
  return static_cast<uint32_t>(types_.size() - 1);
}

uint32_t Outliner::HelperSlot(Helper what, const FuncType& type) {
  uint32_t index = TypeIndex(type);
  std::pair<Helper, uint32_t> helper(what, index);
  auto it = std::find(helpers_.begin(), helpers_.end(), helper);
  if (it != helpers_.end())
    return static_cast<uint32_t>(it - helpers_.begin());
  helpers_.push_back(helper);
  return static_cast<uint32_t>(helpers_.size() - 1);
}

// One function body's outlining (Outliner::Run).
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
  void CopyMapped(size_t i, std::string* out) const;
  void EmitThrow(std::string* out, uint32_t value);
  // The function's code at its own level: every outlined try_table replaced.
  absl::Status EmitOuter(std::string* out);
  // Site t: its exits (relative depths outside it; the function's label
  // is labels_.size() - 1), then its call and dispatch.
  absl::Status CollectExits(size_t t, std::vector<uint64_t>* exits) const;
  absl::Status EmitSite(size_t t, std::string* out);
  // The body of site t, for the outlined function: branches out of it
  // remapped to the exit blocks (exit k at k labels outside the normal one).
  absl::Status EmitInner(size_t t,
                         const std::vector<uint64_t>& exits,
                         uint64_t return_exit,
                         std::string* out) const;
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
  std::string declared = locals_.substr(type_.params.size());
  std::string groups_out;
  uint64_t group_count = 0;
  for (size_t k = 0; k < declared.size();) {
    size_t n = 1;
    while (k + n < declared.size() && declared[k + n] == declared[k])
      ++n;
    AppendLeb(&groups_out, n);
    groups_out.push_back(declared[k]);
    ++group_count;
    k += n;
  }
  AppendLeb(out, group_count);
  out->append(groups_out);
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

void BodyOutline::EmitThrow(std::string* out, uint32_t value) {
  uint32_t slot =
      o_.HelperSlot(Helper::kThrow, {std::string(1, static_cast<char>(kExternRef)), ""});
  Op(out, kLocalGet, value);
  out->push_back(static_cast<char>(kI32Const));
  AppendSleb(out, slot);
  Op(out, kCallIndirect, o_.helpers_[slot].second);
  AppendLeb(out, o_.helper_table_);
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
      // A null exnref traps (`unreachable`), as the spec's throw_ref does.
      if (scratch_ < 0)
        scratch_ = AddLocal(kExternRef);
      Op(out, kLocalTee, scratch_);
      out->push_back(static_cast<char>(kRefIsNull));
      out->push_back(static_cast<char>(kIf));
      out->push_back(static_cast<char>(kEmpty));
      out->push_back(static_cast<char>(kUnreachable));
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

absl::Status BodyOutline::CollectExits(size_t t, std::vector<uint64_t>* exits) const {
  const uint64_t function = labels_.size() - 1;
  auto leave = [&](uint64_t depth, uint64_t nest) -> absl::Status {
    if (depth <= nest)
      return absl::OkStatus();
    uint64_t r = depth - nest - 1;
    if (r > function)
      return absl::InvalidArgumentError(absl::StrCat("a label out of range in function #", index_));
    if (std::find(exits->begin(), exits->end(), r) == exits->end())
      exits->push_back(r);
    return absl::OkStatus();
  };
  uint64_t nest = 0;
  for (size_t i = t + 1; i < match_[t]; ++i) {
    Opcode op = code_[i].opcode;
    Reader in(entry_.substr(0, code_[i].end));
    in.Seek(code_[i].offset + 1);
    absl::Status s;
    switch (op) {
      case kBr:
      case kBrIf:
        s = leave(in.Leb(), nest);
        break;
      case kBrTable: {
        uint64_t count = in.Leb();
        for (uint64_t k = 0; k <= count && s.ok() && in.ok(); ++k)
          s = leave(in.Leb(), nest);
        break;
      }
      case kReturn:
      case kReturnCall:
      case kReturnCallIndirect:
        s = leave(function + nest + 1, nest);
        break;
      case kTryTable: {
        SkipBlockType(in);
        uint64_t count = in.Leb();
        for (uint64_t k = 0; k < count && s.ok() && in.ok(); ++k) {
          if (in.Byte() <= 1)
            in.Leb();
          s = leave(in.Leb(), nest);
        }
        break;
      }
      case kRethrow:
        if (in.Leb() >= nest)
          return Unsupported(
              absl::StrCat("a rethrow of a catch outside an outlined try_table ", Where(i)));
        break;
      case kDelegate:
        if (nest == 0 || in.Leb() >= nest - 1)
          return Unsupported(absl::StrCat("a delegate out of an outlined try_table ", Where(i)));
        break;
      default:
        break;
    }
    if (!s.ok())
      return s;
    if (OpensBlock(op))
      ++nest;
    else if (ClosesBlock(op))
      --nest;
  }
  return absl::OkStatus();
}

absl::Status BodyOutline::EmitInner(size_t t,
                                    const std::vector<uint64_t>& exits,
                                    uint64_t return_exit,
                                    std::string* out) const {
  // The depth in the outlined function of a label `depth` at `nest`.
  auto remap = [&](uint64_t depth, uint64_t nest) -> uint64_t {
    if (depth <= nest)
      return depth;
    uint64_t r = depth - nest - 1;
    return nest + 1 + (std::find(exits.begin(), exits.end(), r) - exits.begin());
  };
  uint64_t nest = 0;
  for (size_t i = t + 1; i < match_[t]; ++i) {
    const Instruction& ins = code_[i];
    Opcode op = ins.opcode;
    Reader in(entry_.substr(0, ins.end));
    in.Seek(ins.offset + 1);
    switch (op) {
      case kBr:
      case kBrIf:
        Op(out, op, remap(in.Leb(), nest));
        break;
      case kBrTable: {
        uint64_t count = in.Leb();
        Op(out, op, count);
        for (uint64_t k = 0; k <= count && in.ok(); ++k)
          AppendLeb(out, remap(in.Leb(), nest));
        break;
      }
      case kReturn:
        Op(out, kBr, nest + 1 + return_exit);
        break;
      case kReturnCall:
        Op(out, kCall, in.Leb());
        Op(out, kBr, nest + 1 + return_exit);
        break;
      case kReturnCallIndirect: {
        uint64_t type = in.Leb();
        Op(out, kCallIndirect, type);
        AppendLeb(out, in.Leb());
        Op(out, kBr, nest + 1 + return_exit);
        break;
      }
      case kTryTable: {
        size_t type_at = in.pos();
        SkipBlockType(in);
        out->push_back(static_cast<char>(op));
        out->append(entry_.substr(type_at, in.pos() - type_at));
        uint64_t count = in.Leb();
        AppendLeb(out, count);
        for (uint64_t k = 0; k < count && in.ok(); ++k) {
          uint8_t kind = in.Byte();
          out->push_back(static_cast<char>(kind));
          if (kind <= 1)
            AppendLeb(out, in.Leb());
          AppendLeb(out, remap(in.Leb(), nest));
        }
        break;
      }
      default:
        out->append(entry_.substr(ins.offset, ins.end - ins.offset));
        break;
    }
    if (!in.ok())
      return absl::InvalidArgumentError(absl::StrCat("unreadable immediates ", Where(i)));
    if (OpensBlock(op))
      ++nest;
    else if (ClosesBlock(op))
      --nest;
  }
  return absl::OkStatus();
}

absl::Status BodyOutline::EmitSite(size_t t, std::string* out) {
  std::vector<uint64_t> exits;
  if (absl::Status s = CollectExits(t, &exits); !s.ok())
    return s;
  const uint64_t function = labels_.size() - 1;
  const FuncType block = BlockTypeOf(t);
  // Where the body's values go: the try_table's parameters, its results,
  // each exit's values; then the exit taken and the exception.
  auto add_locals = [&](const std::string& types) {
    std::vector<uint32_t> locals;
    for (char type : types)
      locals.push_back(AddLocal(static_cast<uint8_t>(type)));
    return locals;
  };
  std::vector<uint32_t> params = add_locals(block.params);
  std::vector<uint32_t> results = add_locals(block.results);
  std::vector<std::vector<uint32_t>> exit_values;
  for (uint64_t r : exits)
    exit_values.push_back(add_locals(labels_[labels_.size() - 1 - r]));
  // Every local so far goes through the outlined function; these two are
  // the dispatch's own.
  const std::string all = locals_;
  uint32_t exit = AddLocal(kI32), exception = AddLocal(kExternRef);
  const uint32_t n = static_cast<uint32_t>(all.size());
  if (all.find(static_cast<char>(kV128)) != std::string::npos) {
    return Unsupported(
        absl::StrCat("a v128 local in a function whose try_table keeps its exnref ", Where(t)));
  }
  if (n + 2 > kMaxParams || n + 2 > kMaxResults) {
    return Unsupported(absl::StrCat(
        "more than 997 locals in a function whose try_table keeps its exnref ", Where(t)));
  }
  const std::string ext(1, static_cast<char>(kExternRef));
  const std::string i32(1, static_cast<char>(kI32));
  const uint32_t outlined_type = o_.TypeIndex({all, i32 + all});
  const uint32_t trampoline = o_.HelperSlot(
      Helper::kTrampoline, {all + std::string(1, static_cast<char>(kFuncRef)), i32 + all + ext});
  const uint32_t save = o_.HelperSlot(Helper::kSave, {all, ""});
  const uint32_t outlined = o_.functions_ + static_cast<uint32_t>(o_.outlined_.size());
  const size_t slot = o_.outlined_.size();
  o_.outlined_.push_back({outlined_type, ""});

  auto get_all = [&](std::string* to) {
    for (uint32_t k = 0; k < n; ++k)
      Op(to, kLocalGet, k);
  };
  auto return_exit = [&](std::string* to, int64_t k) {
    to->push_back(static_cast<char>(kI32Const));
    AppendSleb(to, k);
    get_all(to);
    to->push_back(static_cast<char>(kReturn));
  };
  auto call_helper = [&](std::string* to, uint32_t slot_index) {
    to->push_back(static_cast<char>(kI32Const));
    AppendSleb(to, slot_index);
    Op(to, kCallIndirect, o_.helpers_[slot_index].second);
    AppendLeb(to, o_.helper_table_);
  };

  // The outlined function: every local a parameter, none declared.
  std::string g;
  AppendLeb(&g, 0);
  g.push_back(static_cast<char>(kTry));
  g.push_back(static_cast<char>(kEmpty));
  for (size_t k = exits.size(); k-- > 0;) {
    g.push_back(static_cast<char>(kBlock));
    BlockTypeFor(labels_[labels_.size() - 1 - exits[k]], &g);
  }
  g.push_back(static_cast<char>(kBlock));
  BlockTypeFor(block.results, &g);
  for (uint32_t p : params)
    Op(&g, kLocalGet, p);
  uint64_t return_index = std::find(exits.begin(), exits.end(), function) - exits.begin();
  if (absl::Status s = EmitInner(t, exits, return_index, &g); !s.ok())
    return s;
  g.push_back(static_cast<char>(kEnd));
  for (size_t k = results.size(); k-- > 0;)
    Op(&g, kLocalSet, results[k]);
  return_exit(&g, 0);
  for (size_t e = 0; e < exits.size(); ++e) {
    g.push_back(static_cast<char>(kEnd));
    for (size_t k = exit_values[e].size(); k-- > 0;)
      Op(&g, kLocalSet, exit_values[e][k]);
    return_exit(&g, static_cast<int64_t>(e + 1));
  }
  g.push_back(static_cast<char>(kCatchAll));
  get_all(&g);
  call_helper(&g, save);
  Op(&g, kRethrow, 0);
  g.push_back(static_cast<char>(kEnd));
  g.push_back(static_cast<char>(kUnreachable));
  g.push_back(static_cast<char>(kEnd));
  {
    BodyOutline inner(o_, outlined, o_.types_[outlined_type], g);
    std::string entry;
    if (absl::Status s = inner.Run(&entry); !s.ok())
      return s;
    o_.outlined_[slot].entry = std::move(entry);
  }

  // At the try_table's place: a block of its type around the call and the
  // dispatch.
  Reader in(entry_);
  in.Seek(code_[t].offset + 1);
  size_t type_at = in.pos();
  SkipBlockType(in);
  out->push_back(static_cast<char>(kBlock));
  for (size_t k = type_at; k < in.pos(); ++k)
    out->push_back(static_cast<char>(Mapped(static_cast<uint8_t>(entry_[k]))));
  for (size_t k = params.size(); k-- > 0;)
    Op(out, kLocalSet, params[k]);
  get_all(out);
  Op(out, kRefFunc, outlined);
  call_helper(out, trampoline);
  Op(out, kLocalSet, exception);
  for (uint32_t k = n; k-- > 0;)
    Op(out, kLocalSet, k);
  Op(out, kLocalTee, exit);
  out->push_back(static_cast<char>(kI32Const));
  AppendSleb(out, -1);
  out->push_back(static_cast<char>(kI32Eq));
  out->push_back(static_cast<char>(kIf));
  out->push_back(static_cast<char>(kEmpty));
  out->push_back(static_cast<char>(kTry));
  out->push_back(static_cast<char>(kEmpty));
  EmitThrow(out, exception);
  // The clauses, in order, as handlers (three labels in: the block, the
  // if, the try); none after a catch_all.
  uint64_t count = in.Leb();
  for (uint64_t k = 0; k < count && in.ok(); ++k) {
    uint8_t kind = in.Byte();
    uint64_t tag = kind <= 1 ? in.Leb() : 0;
    uint64_t depth = in.Leb();
    // What the clause gives must be what its label takes: the translation
    // would not tell (a branch may leave more values than its label takes).
    std::string gives;
    if (kind <= 1) {
      if (tag >= o_.tags_.size() || o_.tags_[tag] >= o_.types_.size())
        return absl::InvalidArgumentError(absl::StrCat("a tag out of range ", Where(t)));
      gives = o_.types_[o_.tags_[tag]].params;
    }
    if (kind == 1 || kind == 3)
      gives.push_back(static_cast<char>(kExternRef));
    if (depth > function || labels_[labels_.size() - 1 - depth] != gives) {
      return absl::InvalidArgumentError(
          absl::StrCat("type mismatch: a catch clause's values are not its label's ", Where(t)));
    }
    if (kind <= 1)
      Op(out, kCatch, tag);
    else
      out->push_back(static_cast<char>(kCatchAll));
    if (kind == 1 || kind == 3)
      Op(out, kLocalGet, exception);
    Op(out, kBr, depth + 3);
    if (kind >= 2)
      break;
  }
  if (!in.ok())
    return absl::InvalidArgumentError(absl::StrCat("unreadable catch clauses ", Where(t)));
  out->push_back(static_cast<char>(kEnd));
  out->push_back(static_cast<char>(kEnd));
  const uint64_t m = exits.size();
  for (uint64_t k = 0; k <= m; ++k) {
    out->push_back(static_cast<char>(kBlock));
    out->push_back(static_cast<char>(kEmpty));
  }
  Op(out, kLocalGet, exit);
  Op(out, kBrTable, m);
  for (uint64_t k = 0; k < m; ++k)
    AppendLeb(out, k);
  AppendLeb(out, m);
  out->push_back(static_cast<char>(kEnd));
  for (uint32_t r : results)
    Op(out, kLocalGet, r);
  Op(out, kBr, m);
  for (uint64_t k = 1; k <= m; ++k) {
    out->push_back(static_cast<char>(kEnd));
    for (uint32_t v : exit_values[k - 1])
      Op(out, kLocalGet, v);
    Op(out, kBr, (m - k) + 1 + exits[k - 1]);
  }
  out->push_back(static_cast<char>(kEnd));
  return absl::OkStatus();
}

absl::Status Outliner::Run(uint32_t index,
                           uint32_t type,
                           std::string_view entry,
                           std::string* out) {
  if (type >= types_.size())
    return absl::InvalidArgumentError(absl::StrCat("a type out of range for function #", index));
  BodyOutline body(*this, index, types_[type], entry);
  return body.Run(out);
}

}  // namespace wbhost::bindings::wasm::eh
