#include "bindings/wasm/eh_function.h"

#include <array>
#include <memory>
#include <utility>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "bindings/wasm/eh_function_translation.h"

namespace wbhost::bindings::wasm::eh {

namespace {
constexpr char kUnsupportedPayload[] = "wbhost.dev/eh-unsupported";
}  // namespace

absl::Status Unsupported(std::string what) {
  absl::Status status = absl::InvalidArgumentError(absl::StrCat(
      std::move(what), ": exnref used where V8 10.2's exception handling has no equivalent"));
  status.SetPayload(kUnsupportedPayload, absl::Cord());
  return status;
}

bool IsUnsupported(const absl::Status& status) {
  return status.GetPayload(kUnsupportedPayload).has_value();
}

namespace {

// What the translation keeps of an instruction by its (one-byte) opcode.
enum class Keep : uint8_t {
  kNo,
  kYes,           // shapes labels or names one
  kModern,        // try_table, throw_ref
  kLocal,         // local.get/set/tee: if the local is an exnref
  kRefNull,       // if of exn
  kCallIndirect,  // if its type has an exnref
  kDrop,          // right after an end (a landing block's exnref)
  kSelect,        // typed select: if of exnref
};
constexpr std::array<Keep, 256> KeepTable() {
  std::array<Keep, 256> table{};
  for (Opcode op : {kBlock, kLoop, kIf, kTry, kEnd, kDelegate, kBr, kBrIf, kBrTable, kRethrow})
    table[op] = Keep::kYes;
  table[kTryTable] = table[kThrowRef] = Keep::kModern;
  table[kLocalGet] = table[kLocalSet] = table[kLocalTee] = Keep::kLocal;
  table[kRefNull] = Keep::kRefNull;
  table[0x11] = table[0x13] = Keep::kCallIndirect;  // call_indirect, return_call_indirect
  table[kDrop] = Keep::kDrop;
  table[0x1c] = Keep::kSelect;
  return table;
}
constexpr std::array<Keep, 256> kKeep = KeepTable();

// The opcodes the walk hands the translation: those it may keep.
std::vector<uint8_t> KeptOpcodes() {
  std::vector<uint8_t> visited;
  for (int op = 0; op < 256; ++op) {
    if (kKeep[op] != Keep::kNo)
      visited.push_back(static_cast<uint8_t>(op));
  }
  return visited;
}

}  // namespace

FunctionTranslation::FunctionTranslation(std::string_view module, const ModuleInfo& info)
    : module_(module), visit_(KeptOpcodes(), &exnref_local_), info_(info) {
  for (const auto& offsets : info.exnref_bytes)
    exnref_types_ = exnref_types_ || !offsets.empty();
}

absl::Status FunctionTranslation::Run(const FunctionBody& body, std::string* out) {
  body_ = &body;
  params_ = 0;
  modern_ = false;
  clauses_.clear();
  try_tables_.clear();
  landings_.clear();
  out_labels_.clear();
  copy_begin_ = copy_end_ = 0;
  out_ = out;
  if (body_->index < info_.function_types.size()) {
    uint32_t type = info_.function_types[body_->index];
    if (type < info_.param_counts.size())
      params_ = info_.param_counts[type];
  }
  // Which locals (params first) are exnref: looked up for every local.get,
  // local.set and local.tee of a function that has one.
  exnref_local_.clear();
  if (params_ > 50000)  // beyond V8's limits (1000): not a module it compiles
    return absl::InvalidArgumentError(
        absl::StrCat("too many parameters of function #", body.index));
  if (!body_->exnref_locals.empty()) {
    exnref_local_.resize(params_ + body_->local_count, 0);
    for (uint32_t k : body_->exnref_locals)
      exnref_local_[params_ + k] = 1;
  }
  const bool exnref_locals = !exnref_local_.empty();
  modern_ = exnref_locals;
  // code_ keeps only the instructions the translation acts on or that
  // shape labels; the bytes between them are copied as they are (Emit).
  code_.clear();
  absl::Status read = WalkInstructions(module_, *body_, visit_, [&](const Instruction& i) {
    Opcode op = i.opcode;
    bool kept = true;
    switch (op < kKeep.size() ? kKeep[op] : Keep::kNo) {
      case Keep::kNo:
        kept = false;
        break;
      case Keep::kModern:
        modern_ = true;
        break;
      case Keep::kLocal: {  // visited for exnref locals (and long indices)
        uint8_t first = static_cast<uint8_t>(module_[i.offset + 1]);  // most indices: one byte
        kept = IsExnRefLocal(first < 0x80 ? first : ImmediateAt(i.offset));
        break;
      }
      case Keep::kRefNull:
        kept = static_cast<uint8_t>(module_[i.offset + 1]) == kExnRef;
        modern_ = modern_ || kept;
        break;
      case Keep::kCallIndirect: {
        uint64_t type = exnref_types_ ? ImmediateAt(i.offset) : UINT64_MAX;
        kept = type < info_.exnref_bytes.size() && !info_.exnref_bytes[type].empty();
        break;
      }
      case Keep::kDrop:  // right after an end (every end is kept): a landing block's exnref
        kept = !code_.empty() && code_.back().opcode == kEnd && code_.back().end == i.offset;
        break;
      case Keep::kSelect:
        kept =
            module_.substr(i.offset + 2, i.end - i.offset - 2).find(static_cast<char>(kExnRef)) !=
            std::string_view::npos;
        modern_ = modern_ || kept;
        break;
      case Keep::kYes:  // a block of exnref is modern too
        if (OpensBlock(op) && BlockTypeHasExnRef(i.offset))
          modern_ = true;
        break;
      default:
        break;
    }
    if (kept)
      code_.emplace_back(i);
  });
  if (!read.ok())
    return read;
  if (!modern_) {  // most functions: as they are
    out->append(module_.substr(body_->code_offset, body_->end - body_->code_offset));
    return absl::OkStatus();
  }
  if (absl::Status s = Structure(); !s.ok())
    return s;
  if (absl::Status s = FindLandings(); !s.ok())
    return s;
  if (absl::Status s = CheckExnRefUses(); !s.ok())
    return s;
  out_labels_ = {-1};
  // The function's final end closes the function label: emitted as is.
  if (absl::Status s = Emit(0, code_.size()); !s.ok())
    return s;
  Flush();
  return absl::OkStatus();
}

uint64_t FunctionTranslation::OutLabel(long target) const {
  for (size_t k = out_labels_.size(); k-- > 0;) {
    if (out_labels_[k] == target)
      return out_labels_.size() - 1 - k;
  }
  return UINT64_MAX;  // not open here: Emit reports it
}

void FunctionTranslation::EmitBranch(Opcode op, long target) {
  Out().push_back(static_cast<char>(op));
  AppendLeb(&Out(), OutLabel(target));
}

absl::Status FunctionTranslation::Emit(size_t from, size_t to) {
  size_t i = from;
  while (i < to) {
    const Instruction& ins = code_[i];
    Opcode op = ins.opcode;
    Copy(GapStart(i), ins.offset);
    for (long target : Targets(i)) {
      if (OutLabel(target) == UINT64_MAX) {
        return Unsupported(
            absl::StrCat("a branch out of moved code ", At(ins.offset, body_->index)));
      }
    }
    if (op == kTryTable) {
      if (absl::Status s = EmitTryTable(i); !s.ok())
        return s;
      i = code_[i].match + 1;
      continue;
    }
    if (op == kBlock) {
      if (size_t after = FoldedBlockEnd(i)) {
        if (absl::Status s = EmitTryTable(i + 2); !s.ok())
          return s;
        i = after;
        continue;
      }
    }
    if (op == kBlock && code_[i].landing >= 0) {
      // Its exnref results are gone: the landing runs in the handlers (or
      // the exnref was dropped: the other results stay).
      const Landing& landing = *LandingAt(i);
      if (landing.elided) {
        ++i;
        continue;
      }
      Out().push_back(static_cast<char>(kBlock));
      if (landing.dropped)
        Out().append(landing.block_type);
      else
        Out().push_back(0x40);
      out_labels_.push_back(static_cast<long>(i));
      ++i;
      continue;
    }
    if (op == kEnd && code_[i].end_landing >= 0) {
      // The landing moved into the handlers; nothing reaches here. Or the
      // exnref it dropped is not there: the code goes on after the drop.
      const Landing& landing = landings_[static_cast<size_t>(code_[i].end_landing)];
      if (!landing.elided) {
        Copy(ins.offset, ins.end);
        out_labels_.pop_back();
      }
      if (!landing.dropped)
        Out().push_back(static_cast<char>(kUnreachable));
      i = landing.last + 1;
      continue;
    }
    switch (op) {
      case kBr:
      case kBrIf:
      case kRethrow:
        EmitBranch(op, Targets(i)[0]);
        break;
      case kBrTable: {
        Out().push_back(static_cast<char>(op));
        AppendLeb(&Out(), Targets(i).size() - 1);
        for (long target : Targets(i))
          AppendLeb(&Out(), OutLabel(target));
        break;
      }
      case kDelegate:
        out_labels_.pop_back();
        EmitBranch(op, Targets(i)[0]);
        break;
      default:
        Copy(ins.offset, ins.end);
        if (OpensBlock(op))
          out_labels_.push_back(static_cast<long>(i));
        else if (op == kEnd && out_labels_.size() > 1)
          out_labels_.pop_back();
        break;
    }
    ++i;
  }
  if (i == to && to < code_.size())
    Copy(GapStart(to), code_[to].offset);
  return absl::OkStatus();
}

absl::Status FunctionTranslation::EmitTryTable(size_t t) {
  // try, with the try_table's block type.
  Reader in = ImmediatesOf(t);
  size_t type_start = in.pos();
  SkipBlockType(in);
  Out().push_back(static_cast<char>(kTry));
  Out().append(module_.substr(type_start, in.pos() - type_start));
  out_labels_.push_back(static_cast<long>(t));
  size_t end = code_[t].match;
  if (absl::Status s = Emit(t + 1, end); !s.ok())
    return s;
  for (uint32_t c = code_[t].clause_first; c < code_[t].clause_last; ++c) {
    const Clause& clause = clauses_[c];
    bool all = clause.kind >= 2;
    if (all) {
      Out().push_back(static_cast<char>(kCatchAll));
    } else {
      Out().push_back(static_cast<char>(kCatch));
      AppendLeb(&Out(), clause.tag);
    }
    bool dropped = (clause.kind == 1 || clause.kind == 3) &&
                   LandingAt(static_cast<size_t>(clause.target))->dropped;
    if (clause.kind == 0 || clause.kind == 2 || dropped) {
      if (OutLabel(clause.target) == UINT64_MAX) {
        return Unsupported(
            absl::StrCat("a catch out of moved code ", At(code_[t].offset, body_->index)));
      }
      EmitBranch(kBr, clause.target);
    } else {
      // The landing, here, where the exception can be rethrown as itself.
      const Landing& landing = *LandingAt(static_cast<size_t>(clause.target));
      size_t from = landing.local >= 0 ? landing.first + 1 : landing.first;
      size_t to = landing.local >= 0 ? landing.last - 1 : landing.last;
      if (absl::Status s = Emit(from, to); !s.ok())
        return s;
      EmitBranch(kRethrow, static_cast<long>(t));
    }
    if (all)
      break;  // clauses after a catch_all never match
  }
  Out().push_back(static_cast<char>(kEnd));
  out_labels_.pop_back();
  return absl::OkStatus();
}

FunctionTranslator::FunctionTranslator(std::string_view module, const ModuleInfo& info)
    : module_(module), impl_(std::make_unique<FunctionTranslation>(module, info)) {}

FunctionTranslator::~FunctionTranslator() = default;

absl::Status FunctionTranslator::Translate(const FunctionBody& body,
                                           std::string* out,
                                           bool* modern) {
  absl::Status status = impl_->Run(body, out);
  *modern = impl_->modern();
  return status;
}

absl::Status FunctionTranslator::TranslateEntry(const FunctionBody& body,
                                                std::string* entry,
                                                bool* modern) {
  // Each declaration: where its count and its type start, where it ends.
  struct LocalGroup {
    size_t start, type, end;
    bool exnref;
  };
  absl::InlinedVector<LocalGroup, 8> groups;
  Reader locals(module_.substr(0, body.code_offset));
  locals.Seek(body.offset);
  locals.Leb();
  uint64_t count = locals.Leb();
  uint64_t kept = 0;
  for (uint64_t g = 0; g < count && locals.ok(); ++g) {
    size_t start = locals.pos();
    locals.SkipLeb();
    size_t at = locals.pos();
    SkipValueType(locals);
    bool exnref = locals.ok() && static_cast<uint8_t>(module_[at]) == kExnRef;
    groups.push_back({start, at, locals.pos(), exnref});
    if (!exnref)
      kept = g + 1;
  }
  AppendLeb(entry, kept);
  for (uint64_t g = 0; g < kept && g < groups.size(); ++g) {
    const LocalGroup& group = groups[g];
    entry->append(module_.substr(group.start, group.type - group.start));
    if (group.exnref)
      entry->push_back(static_cast<char>(kI32));
    else
      entry->append(module_.substr(group.type, group.end - group.type));
  }
  return Translate(body, entry, modern);
}

}  // namespace wbhost::bindings::wasm::eh
