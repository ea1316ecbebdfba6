#include "bindings/wasm/eh_function.h"

#include <array>
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bindings/wasm/binary.h"
#include "bindings/wasm/opcodes.h"

namespace wbhost::bindings::wasm::eh {

absl::Status Unsupported(std::string what) {
  return absl::InvalidArgumentError(absl::StrCat(
      std::move(what), ": exnref used where V8 10.2's exception handling has no equivalent"));
}

namespace {

constexpr uint8_t kI32 = 0x7f;
constexpr Opcode kBlock = 0x02, kLoop = 0x03, kIf = 0x04, kEnd = 0x0b, kBr = 0x0c, kBrIf = 0x0d,
                 kBrTable = 0x0e, kLocalGet = 0x20, kLocalSet = 0x21, kLocalTee = 0x22,
                 kRefNull = 0xd0, kUnreachable = 0x00, kDrop = 0x1a;

std::string At(size_t offset, uint32_t function) {
  return absl::StrFormat("at offset 0x%x in function #%u", offset, function);
}

bool IsOpener(Opcode op) {
  return op == kBlock || op == kLoop || op == kIf || op == kTry || op == kTryTable;
}

// What the translation keeps of an instruction by its (one-byte) opcode.
enum class Keep : uint8_t {
  kNo,
  kYes,           // shapes labels or names one
  kModern,        // try_table, throw_ref
  kLocal,         // local.get/set/tee: if the local is an exnref
  kRefNull,       // if of exn
  kCallIndirect,  // if its type has an exnref
  kDrop,          // right after an end (a landing block's exnref)
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
  return table;
}
constexpr std::array<Keep, 256> kKeep = KeepTable();

}  // namespace

class FunctionTranslation {
 public:
  FunctionTranslation(std::string_view module, const ModuleInfo& info)
      : module_(module), info_(info) {
    for (const auto& offsets : info.exnref_bytes)
      exnref_types_ = exnref_types_ || !offsets.empty();
  }

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
  // Whether code_[b] directly follows code_[a] in the body.
  bool Adjacent(size_t a, size_t b) const {
    return b < code_.size() && code_[b].offset == code_[a].end;
  }
  // Where the bytes before code_[i] that code_ leaves out begin.
  size_t GapStart(size_t i) const { return i == 0 ? body_->code_offset : code_[i - 1].end; }

  std::string_view module_;
  const FunctionBody* body_ = nullptr;
  const ModuleInfo& info_;
  uint32_t params_ = 0;
  std::vector<uint8_t> exnref_local_;  // per local, params first; empty: none
  bool exnref_types_ = false;          // a type of the module has an exnref
  std::vector<Instruction> code_;
  std::vector<size_t> match_;  // opener -> its end (or delegate)
  // What each instruction's labels name: targets_[starts_[i]..starts_[i+1]).
  std::vector<long> targets_;
  std::vector<uint32_t> starts_;
  struct Span {
    const long* b;
    const long* e;
    const long* begin() const { return b; }
    const long* end() const { return e; }
    size_t size() const { return static_cast<size_t>(e - b); }
    long operator[](size_t k) const { return b[k]; }
  };
  Span Targets(size_t i) const {
    return {targets_.data() + starts_[i], targets_.data() + starts_[i + 1]};
  }
  // Per function, indexed by position in code_ (vectors, kept across
  // functions: a module has thousands of them). The clauses of each
  // try_table (clauses_[clause_span_[t].first..second)), in order.
  std::vector<Clause> clauses_;
  std::vector<std::pair<uint32_t, uint32_t>> clause_span_;
  std::vector<size_t> try_tables_;
  // The landings, and which one a block a ref clause names (landing_at_)
  // or a landing block's end (end_landing_) has: -1 for none.
  std::vector<Landing> landings_;
  std::vector<int> landing_at_;
  std::vector<int> end_landing_;
  std::vector<long> labels_;       // Structure's stack of openers
  std::vector<uint8_t> branched_;  // openers a branch or a plain catch names
  std::vector<uint8_t> allowed_;   // CheckExnRefUses: exnref uses a landing moves
  const Landing* LandingAt(size_t block) const {
    int k = landing_at_[block];
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
  for (size_t k = 0; k < body_->local_types.size(); ++k) {
    if (body_->local_types[k] == kExnRef) {
      exnref_local_.resize(params_ + body_->local_types.size(), 0);
      exnref_local_[params_ + k] = 1;
    }
  }
  const bool exnref_locals = !exnref_local_.empty();
  modern_ = exnref_locals;
  // code_ keeps only the instructions the translation acts on or that
  // shape labels; the bytes between them are copied as they are (Emit).
  code_.clear();
  bool after_end = false;
  absl::Status read = WalkInstructions(module_, *body_, [&](const Instruction& i) {
    Opcode op = i.opcode;
    Keep keep = op < kKeep.size() ? kKeep[op] : Keep::kNo;
    bool end = op == kEnd;
    if (keep == Keep::kNo) [[likely]] {
      after_end = end;
      return;
    }
    bool kept = true;
    switch (keep) {
      case Keep::kModern:
        modern_ = true;
        break;
      case Keep::kLocal: {
        kept = false;
        if (!exnref_locals)
          break;
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
      case Keep::kDrop:  // of a landing block's exnref
        kept = after_end;
        break;
      default:
        break;
    }
    after_end = end;
    if (kept)
      code_.push_back(i);
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

// Matches openers to ends, and resolves every label immediate to the
// opener it names.
absl::Status FunctionTranslation::Structure() {
  match_.assign(code_.size(), 0);
  targets_.clear();
  starts_.assign(code_.size() + 1, 0);
  clause_span_.assign(code_.size(), {0, 0});
  landing_at_.assign(code_.size(), -1);
  end_landing_.assign(code_.size(), -1);
  branched_.assign(code_.size(), 0);
  std::vector<long>& labels = labels_;
  labels.assign(1, -1);
  for (size_t i = 0; i < code_.size(); ++i) {
    starts_[i] = static_cast<uint32_t>(targets_.size());
    Opcode op = code_[i].opcode;
    Reader in = ImmediatesOf(i);
    auto resolve = [&](uint64_t depth, size_t skip_own) -> long {
      if (depth + skip_own >= labels.size())
        return -2;
      return labels[labels.size() - 1 - skip_own - depth];
    };
    auto add = [&](long target) -> absl::Status {
      if (target == -2)
        return absl::InvalidArgumentError(
            absl::StrCat("a label out of range ", At(code_[i].offset, body_->index)));
      targets_.push_back(target);
      if (target >= 0)
        branched_[static_cast<size_t>(target)] = 1;
      return absl::OkStatus();
    };
    absl::Status status;
    switch (op) {
      case kBr:
      case kBrIf:
      case kRethrow:
        status = add(resolve(in.Leb(), 0));
        break;
      case kBrTable: {
        uint64_t count = in.Leb();
        for (uint64_t k = 0; k <= count && status.ok(); ++k)
          status = add(resolve(in.Leb(), 0));
        break;
      }
      case kTryTable: {
        // Block type, then the clauses, resolved outside the try_table.
        size_t at = in.pos();
        uint8_t first = in.Byte();
        if (!(first >= 0x40 && first < 0x80)) {
          in.Seek(at);
          in.Leb();
        } else if (first == 0x63 || first == 0x64) {
          in.Leb();
        }
        uint64_t count = in.Leb();
        clause_span_[i].first = static_cast<uint32_t>(clauses_.size());
        for (uint64_t k = 0; k < count && in.ok(); ++k) {
          Clause clause;
          clause.kind = in.Byte();
          if (clause.kind <= 1)
            clause.tag = in.Leb();
          clause.target = resolve(in.Leb(), 0);
          if (clause.target == -2)
            return absl::InvalidArgumentError(
                absl::StrCat("a catch label out of range ", At(code_[i].offset, body_->index)));
          if (clause.target >= 0 && (clause.kind == 0 || clause.kind == 2))
            branched_[static_cast<size_t>(clause.target)] = 1;
          clauses_.push_back(clause);
        }
        clause_span_[i].second = static_cast<uint32_t>(clauses_.size());
        try_tables_.push_back(i);
        break;
      }
      default:
        break;
    }
    if (!status.ok())
      return status;
    if (IsOpener(op)) {
      labels.push_back(static_cast<long>(i));
    } else if (op == kEnd || op == kDelegate) {
      if (labels.size() == 1)
        continue;  // the function's end
      if (op == kDelegate) {
        // Its label is counted outside the try it closes.
        if (absl::Status s = add(resolve(ImmediatesOf(i).Leb(), 1)); !s.ok())
          return s;
      }
      match_[labels.back()] = i;
      labels.pop_back();
    }
  }
  starts_[code_.size()] = static_cast<uint32_t>(targets_.size());
  return absl::OkStatus();
}

// For each block a catch_ref / catch_all_ref names, the code after its end
// that rethrows the exnref.
absl::Status FunctionTranslation::FindLandings() {
  for (size_t t : try_tables_) {
    for (uint32_t c = clause_span_[t].first; c < clause_span_[t].second; ++c) {
      const Clause& clause = clauses_[c];
      if (clause.kind != 1 && clause.kind != 3)
        continue;
      if (clause.target < 0 || code_[clause.target].opcode != kBlock) {
        return Unsupported(absl::StrCat("a catch_ref whose label is not a block ",
                                        At(code_[t].offset, body_->index)));
      }
      size_t block = static_cast<size_t>(clause.target);
      if (landing_at_[block] >= 0)
        continue;
      size_t end = match_[block];
      size_t first = end + 1;
      Landing landing;
      landing.first = first;
      if (Adjacent(end, first) && code_[first].opcode == kThrowRef) {
        landing.last = first;
      } else if (Adjacent(end, first) && code_[first].opcode == kDrop &&
                 TypeWithoutExnRef(block, &landing.block_type)) {
        landing.last = first;
        landing.dropped = true;
      } else if (Adjacent(end, first) && code_[first].opcode == kLocalSet &&
                 IsExnRefLocal(ImmediatesOf(first).Leb())) {
        landing.local = static_cast<long>(ImmediatesOf(first).Leb());
        int depth = 0;
        size_t j = first + 1;
        for (; j + 1 < code_.size(); ++j) {
          Opcode op = code_[j].opcode;
          if (IsOpener(op)) {
            ++depth;
          } else if (op == kEnd || op == kDelegate) {
            if (--depth < 0)
              break;
          } else if (depth == 0 && op == kLocalGet &&
                     ImmediatesOf(j).Leb() == static_cast<uint64_t>(landing.local) &&
                     Adjacent(j, j + 1) && code_[j + 1].opcode == kThrowRef) {
            landing.last = j + 1;
            break;
          }
        }
        if (landing.last == 0) {
          return Unsupported(
              absl::StrCat("the exnref a catch_ref gives is not thrown again in "
                           "the code after its block ",
                           At(code_[first].offset, body_->index)));
        }
      } else {
        return Unsupported(
            absl::StrCat("the exnref a catch_ref gives is not thrown again "
                         "after its block ",
                         At(code_[end].offset, body_->index)));
      }
      landing.elided = !landing.dropped && !branched_[block];
      landing_at_[block] = end_landing_[end] = static_cast<int>(landings_.size());
      landings_.push_back(std::move(landing));
    }
  }
  return absl::OkStatus();
}

bool FunctionTranslation::TypeWithoutExnRef(size_t block, std::string* out) const {
  Reader in = ImmediatesOf(block);
  size_t at = in.pos();
  uint8_t first = in.Byte();
  if (first == kExnRef) {  // (result exnref): nothing left
    out->assign(1, static_cast<char>(0x40));
    return true;
  }
  in.Seek(at);
  uint64_t type = in.Leb();
  if (first >= 0x40 && first < 0x80)
    return false;  // another single value type: no exnref to drop
  if (type >= info_.results.size())
    return false;
  const std::vector<uint8_t>& results = info_.results[type];
  if (results.empty() || results.back() != kExnRef || results.size() > 2)
    return false;
  out->assign(1, static_cast<char>(results.size() == 1 ? 0x40 : results[0]));
  return results.size() == 1 || results[0] != kExnRef;
}

// Every exnref the code touches is one a landing moves: its local.set at
// the landing's start, its local.get and throw_ref at the landing's end.
absl::Status FunctionTranslation::CheckExnRefUses() {
  allowed_.assign(code_.size(), 0);
  for (const Landing& landing : landings_) {
    allowed_[landing.last] = 1;
    if (landing.local >= 0) {
      allowed_[landing.first] = 1;
      allowed_[landing.last - 1] = 1;
    }
  }
  for (size_t i = 0; i < code_.size(); ++i) {
    Opcode op = code_[i].opcode;
    bool exn = false;
    if (op == kThrowRef) {
      exn = true;
    } else if (op == kLocalGet || op == kLocalSet || op == kLocalTee) {
      exn = IsExnRefLocal(ImmediatesOf(i).Leb());
    } else if (op == kRefNull) {
      exn = static_cast<uint8_t>(module_[code_[i].offset + 1]) == kExnRef;
    } else if (op == 0x11 || op == 0x13) {  // call_indirect, return_call_indirect
      uint64_t type = ImmediatesOf(i).Leb();
      exn = type < info_.exnref_bytes.size() && !info_.exnref_bytes[type].empty();
    }
    if (exn && !allowed_[i])
      return Unsupported(absl::StrCat(OpcodeName(op), " ", At(code_[i].offset, body_->index)));
  }
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
      i = match_[i] + 1;
      continue;
    }
    if (op == kBlock && landing_at_[i] >= 0) {
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
    if (op == kEnd && end_landing_[i] >= 0) {
      // The landing moved into the handlers; nothing reaches here. Or the
      // exnref it dropped is not there: the code goes on after the drop.
      const Landing& landing = landings_[static_cast<size_t>(end_landing_[i])];
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
        if (IsOpener(op))
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
  uint8_t first = in.Byte();
  if (!(first >= 0x40 && first < 0x80)) {
    in.Seek(type_start);
    in.Leb();
  } else if (first == 0x63 || first == 0x64) {
    in.Leb();
  }
  Out().push_back(static_cast<char>(kTry));
  Out().append(module_.substr(type_start, in.pos() - type_start));
  out_labels_.push_back(static_cast<long>(t));
  size_t end = match_[t];
  if (absl::Status s = Emit(t + 1, end); !s.ok())
    return s;
  for (uint32_t c = clause_span_[t].first; c < clause_span_[t].second; ++c) {
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
    : impl_(std::make_unique<FunctionTranslation>(module, info)) {}

FunctionTranslator::~FunctionTranslator() = default;

absl::Status FunctionTranslator::Translate(const FunctionBody& body,
                                           std::string* out,
                                           bool* modern) {
  absl::Status status = impl_->Run(body, out);
  *modern = impl_->modern();
  return status;
}

}  // namespace wbhost::bindings::wasm::eh
