// A site of an outlined body (eh_body_outline.h): where its branches
// leave it, its outlined function, and the dispatch at its place.
#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "bindings/wasm/eh_body_outline.h"
#include "bindings/wasm/eh_function.h"

namespace wbhost::bindings::wasm::eh::outline {

absl::Status BodyOutline::RewriteBody(size_t t, Site* site) {
  const uint64_t function = labels_.size() - 1;
  std::vector<uint64_t>& exits = site->exits;
  std::string* out = &site->body;
  absl::Status status;
  // The depth in the outlined function of a label `depth` at `nest`: its
  // own labels stay, the try_table's becomes the normal exit's block, one
  // outside it the exit blocks (numbered as first met).
  auto remap = [&](uint64_t depth, uint64_t nest) -> uint64_t {
    if (depth <= nest)
      return depth;
    uint64_t r = depth - nest - 1;
    if (r > function && status.ok())
      status =
          absl::InvalidArgumentError(absl::StrCat("a label out of range in function #", index_));
    auto it = std::find(exits.begin(), exits.end(), r);
    if (it == exits.end())
      it = exits.insert(exits.end(), r);
    return nest + 1 + static_cast<uint64_t>(it - exits.begin());
  };
  // A return: a branch to the function's label.
  auto exit_function = [&](uint64_t nest) { return remap(function + nest + 1, nest); };
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
        Op(out, kBr, exit_function(nest));
        break;
      case kReturnCall:
        Op(out, kCall, in.Leb());
        Op(out, kBr, exit_function(nest));
        break;
      case kReturnCallIndirect: {
        uint64_t type = in.Leb();
        Op(out, kCallIndirect, type);
        AppendLeb(out, in.Leb());
        Op(out, kBr, exit_function(nest));
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
      case kRethrow:
        if (in.Leb() >= nest)
          return Unsupported(
              absl::StrCat("a rethrow of a catch outside an outlined try_table ", Where(i)));
        out->append(entry_.substr(ins.offset, ins.end - ins.offset));
        break;
      case kDelegate:
        if (nest == 0 || in.Leb() >= nest - 1)
          return Unsupported(absl::StrCat("a delegate out of an outlined try_table ", Where(i)));
        out->append(entry_.substr(ins.offset, ins.end - ins.offset));
        break;
      default:
        out->append(entry_.substr(ins.offset, ins.end - ins.offset));
        break;
    }
    if (!status.ok())
      return status;
    if (!in.ok())
      return absl::InvalidArgumentError(absl::StrCat("unreadable immediates ", Where(i)));
    if (OpensBlock(op))
      ++nest;
    else if (ClosesBlock(op))
      --nest;
  }
  return absl::OkStatus();
}

absl::Status BodyOutline::PlanSite(size_t t, Site* site) {
  site->t = t;
  if (absl::Status s = RewriteBody(t, site); !s.ok())
    return s;
  site->block = BlockTypeOf(t);
  // Where the body's values go: the try_table's parameters, its results,
  // each exit's values; then the exception, the dispatch's own.
  auto add_locals = [&](const std::string& types) {
    std::vector<uint32_t> locals;
    for (char type : types)
      locals.push_back(AddLocal(static_cast<uint8_t>(type)));
    return locals;
  };
  site->params = add_locals(site->block.params);
  site->results = add_locals(site->block.results);
  for (uint64_t r : site->exits)
    site->exit_values.push_back(add_locals(labels_[labels_.size() - 1 - r]));
  // Every local so far crosses, the k-th of a type through that type's
  // k-th register.
  std::vector<std::pair<uint8_t, uint32_t>> seen;
  for (char c : locals_) {
    uint8_t type = static_cast<uint8_t>(c);
    auto it = std::find_if(seen.begin(), seen.end(), [&](auto& e) { return e.first == type; });
    if (it == seen.end())
      it = seen.insert(seen.end(), {type, 0});
    site->registers.push_back(o_.Register(type, it->second++));
  }
  site->exception = AddLocal(o_.exn_type_);
  return absl::OkStatus();
}

absl::Status BodyOutline::OutlineBody(const Site& site, uint32_t type, size_t slot) {
  const uint32_t exit_register = o_.globals_;
  // Each exit sets the exit register, stores the locals and returns.
  auto leave = [&](std::string* to, int64_t k) {
    to->push_back(static_cast<char>(kI32Const));
    AppendSleb(to, k);
    Op(to, kGlobalSet, exit_register);
    Store(site, to);
    to->push_back(static_cast<char>(kReturn));
  };
  std::string g;
  // The crossing locals, declared as in the function.
  AppendLocalGroups(&g, std::string_view(locals_).substr(0, site.registers.size()));
  Load(site, &g);
  g.push_back(static_cast<char>(kTry));
  g.push_back(static_cast<char>(kEmpty));
  for (size_t k = site.exits.size(); k-- > 0;) {
    g.push_back(static_cast<char>(kBlock));
    BlockTypeFor(labels_[labels_.size() - 1 - site.exits[k]], &g);
  }
  g.push_back(static_cast<char>(kBlock));
  BlockTypeFor(site.block.results, &g);
  for (uint32_t p : site.params)
    Op(&g, kLocalGet, p);
  g.append(site.body);
  g.push_back(static_cast<char>(kEnd));
  for (size_t k = site.results.size(); k-- > 0;)
    Op(&g, kLocalSet, site.results[k]);
  leave(&g, 0);
  for (size_t e = 0; e < site.exits.size(); ++e) {
    g.push_back(static_cast<char>(kEnd));
    for (size_t k = site.exit_values[e].size(); k-- > 0;)
      Op(&g, kLocalSet, site.exit_values[e][k]);
    leave(&g, static_cast<int64_t>(e + 1));
  }
  // An exception leaving it stores the locals and says so first.
  g.push_back(static_cast<char>(kCatchAll));
  Store(site, &g);
  CallHelper(Helper::kSave, &g);
  Op(&g, kRethrow, 0);
  g.push_back(static_cast<char>(kEnd));
  g.push_back(static_cast<char>(kEnd));
  // Its own try_tables are outlined in turn.
  BodyOutline inner(o_, site.function, o_.types_[type], g);
  std::string entry;
  if (absl::Status s = inner.Run(&entry); !s.ok())
    return s;
  o_.outlined_[slot].entry = std::move(entry);
  return absl::OkStatus();
}

absl::Status BodyOutline::EmitDispatch(const Site& site, std::string* out) {
  const uint64_t function = labels_.size() - 1;
  Reader in(entry_);
  in.Seek(code_[site.t].offset + 1);
  size_t type_at = in.pos();
  SkipBlockType(in);
  out->push_back(static_cast<char>(kBlock));
  for (size_t k = type_at; k < in.pos(); ++k)
    out->push_back(static_cast<char>(Mapped(static_cast<uint8_t>(entry_[k]))));
  for (size_t k = site.params.size(); k-- > 0;)
    Op(out, kLocalSet, site.params[k]);
  Store(site, out);
  Op(out, kRefFunc, site.function);
  CallHelper(Helper::kTrampoline, out);
  Op(out, kLocalSet, site.exception);
  Load(site, out);
  // An exception: rethrown where the clauses are handlers.
  Op(out, kLocalGet, site.exception);
  out->push_back(static_cast<char>(kRefIsNull));
  out->push_back(static_cast<char>(kI32Eqz));
  out->push_back(static_cast<char>(kIf));
  out->push_back(static_cast<char>(kEmpty));
  out->push_back(static_cast<char>(kTry));
  out->push_back(static_cast<char>(kEmpty));
  EmitThrow(out, site.exception);
  // The clauses, in order (three labels in: the block, the if, the try);
  // none after a catch_all.
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
        return absl::InvalidArgumentError(absl::StrCat("a tag out of range ", Where(site.t)));
      gives = o_.types_[o_.tags_[tag]].params;
    }
    if (kind == 1 || kind == 3)
      gives.push_back(static_cast<char>(o_.exn_type_));
    if (depth > function || labels_[labels_.size() - 1 - depth] != gives) {
      return absl::InvalidArgumentError(absl::StrCat(
          "type mismatch: a catch clause's values are not its label's ", Where(site.t)));
    }
    if (kind <= 1)
      Op(out, kCatch, tag);
    else
      out->push_back(static_cast<char>(kCatchAll));
    if (kind == 1 || kind == 3)
      Op(out, kLocalGet, site.exception);
    Op(out, kBr, depth + 3);
    if (kind >= 2)
      break;
  }
  if (!in.ok())
    return absl::InvalidArgumentError(absl::StrCat("unreadable catch clauses ", Where(site.t)));
  out->push_back(static_cast<char>(kEnd));
  out->push_back(static_cast<char>(kEnd));
  // Else a br_table on the exit register: 0 its end, with its results; k
  // the k-th exit's label, with its values.
  const uint64_t m = site.exits.size();
  for (uint64_t k = 0; k <= m; ++k) {
    out->push_back(static_cast<char>(kBlock));
    out->push_back(static_cast<char>(kEmpty));
  }
  Op(out, kGlobalGet, o_.globals_);
  Op(out, kBrTable, m);
  for (uint64_t k = 0; k < m; ++k)
    AppendLeb(out, k);
  AppendLeb(out, m);
  out->push_back(static_cast<char>(kEnd));
  for (uint32_t r : site.results)
    Op(out, kLocalGet, r);
  Op(out, kBr, m);
  for (uint64_t k = 1; k <= m; ++k) {
    out->push_back(static_cast<char>(kEnd));
    for (uint32_t v : site.exit_values[k - 1])
      Op(out, kLocalGet, v);
    Op(out, kBr, (m - k) + 1 + site.exits[k - 1]);
  }
  out->push_back(static_cast<char>(kEnd));
  return absl::OkStatus();
}

absl::Status BodyOutline::EmitSite(size_t t, std::string* out) {
  Site site;
  if (absl::Status s = PlanSite(t, &site); !s.ok())
    return s;
  const uint32_t type = o_.TypeIndex({"", ""});
  const size_t slot = o_.outlined_.size();
  site.function = o_.functions_ + static_cast<uint32_t>(slot);
  o_.outlined_.push_back({type, ""});
  if (absl::Status s = OutlineBody(site, type, slot); !s.ok())
    return s;
  return EmitDispatch(site, out);
}

}  // namespace wbhost::bindings::wasm::eh::outline
