// What a body translated by eh_function.cc is made of: its labels, its
// landings, its exnref uses (eh_function_translation.h).
#include <vector>

#include "absl/strings/str_cat.h"
#include "bindings/wasm/eh_function_translation.h"

namespace wbhost::bindings::wasm::eh {

// Matches openers to ends, and resolves every label immediate to the
// opener it names.
absl::Status FunctionTranslation::Structure() {
  targets_.clear();
  std::vector<long>& labels = labels_;
  labels.assign(1, -1);
  for (size_t i = 0; i < code_.size(); ++i) {
    code_[i].targets = static_cast<uint32_t>(targets_.size());
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
        ++code_[static_cast<size_t>(target)].branches;
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
        SkipBlockType(in);
        uint64_t count = in.Leb();
        code_[i].clause_first = static_cast<uint32_t>(clauses_.size());
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
            ++code_[static_cast<size_t>(clause.target)].branches;
          clauses_.push_back(clause);
        }
        code_[i].clause_last = static_cast<uint32_t>(clauses_.size());
        try_tables_.push_back(i);
        break;
      }
      default:
        break;
    }
    if (!status.ok())
      return status;
    if (OpensBlock(op)) {
      labels.push_back(static_cast<long>(i));
    } else if (ClosesBlock(op)) {
      if (labels.size() == 1)
        continue;  // the function's end
      if (op == kDelegate) {
        // Its label is counted outside the try it closes.
        if (absl::Status s = add(resolve(ImmediatesOf(i).Leb(), 1)); !s.ok())
          return s;
      }
      code_[labels.back()].match = i;
      labels.pop_back();
    }
  }
  return absl::OkStatus();
}

// For each block a catch_ref / catch_all_ref names, the code after its end
// that rethrows the exnref.
absl::Status FunctionTranslation::FindLandings() {
  for (size_t t : try_tables_) {
    for (uint32_t c = code_[t].clause_first; c < code_[t].clause_last; ++c) {
      const Clause& clause = clauses_[c];
      if (clause.kind != 1 && clause.kind != 3)
        continue;
      if (clause.target < 0 || code_[clause.target].opcode != kBlock) {
        return Unsupported(absl::StrCat("a catch_ref whose label is not a block ",
                                        At(code_[t].offset, body_->index)));
      }
      size_t block = static_cast<size_t>(clause.target);
      if (code_[block].landing >= 0)
        continue;
      size_t end = code_[block].match;
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
          if (OpensBlock(op)) {
            ++depth;
          } else if (ClosesBlock(op)) {
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
      landing.elided = !landing.dropped && code_[block].branches == 0;
      code_[block].landing = code_[end].end_landing = static_cast<int>(landings_.size());
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
  for (const Landing& landing : landings_) {
    code_[landing.last].allowed = true;
    if (landing.local >= 0) {
      code_[landing.first].allowed = true;
      code_[landing.last - 1].allowed = true;
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
    } else if (op == 0x1c) {  // a typed select of exnref (kept only then)
      exn = true;
    } else if (OpensBlock(op)) {  // a type with exnref other than a landing block's
      exn = code_[i].landing < 0 && BlockTypeHasExnRef(code_[i].offset);
    }
    if (exn && !code_[i].allowed)
      return Unsupported(absl::StrCat(OpcodeName(op), " ", At(code_[i].offset, body_->index)));
  }
  return absl::OkStatus();
}

size_t FunctionTranslation::FoldedBlockEnd(size_t o) const {
  size_t l = o + 1, t = o + 2;
  if (t >= code_.size() || code_[o].branches != 1 || code_[l].opcode != kBlock ||
      code_[t].opcode != kTryTable || !Adjacent(o, l) || !Adjacent(l, t)) {
    return 0;
  }
  const Landing* landing = LandingAt(l);
  if (landing == nullptr || !landing->elided)
    return 0;
  // try_table's end, the branch out of the outer block, the landing
  // block's end: one after another.
  size_t m = code_[t].match;
  if (m + 2 >= code_.size() || code_[l].match != m + 2 || !Adjacent(m, m + 1) ||
      !Adjacent(m + 1, m + 2) || code_[m + 1].opcode != kBr ||
      Targets(m + 1)[0] != static_cast<long>(o)) {
    return 0;
  }
  size_t end = code_[o].match;
  if (landing->last + 1 != end || !Adjacent(landing->last, end))
    return 0;
  // The branch passes the try_table's results on: the same type.
  Reader in = ImmediatesOf(t);
  size_t type = in.pos();
  SkipBlockType(in);
  std::string_view outer = module_.substr(code_[o].offset + 1, code_[o].end - code_[o].offset - 1);
  if (module_.substr(type, in.pos() - type) != outer)
    return 0;
  return end + 1;
}

}  // namespace wbhost::bindings::wasm::eh
