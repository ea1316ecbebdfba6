// The module around outlined functions (eh_outline.h): its sections with
// exnref as externref, the outlined functions, the helper table and the
// helper module that fills it.
#include <array>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "bindings/wasm/binary.h"
#include "bindings/wasm/code.h"
#include "bindings/wasm/eh_function.h"
#include "bindings/wasm/eh_outline.h"
#include "bindings/wasm/opcodes.h"

namespace wbhost::bindings::wasm::eh {

namespace {

constexpr uint8_t kFuncRef = 0x70;

// Where each section goes among the others (custom sections aside).
int Rank(uint8_t id) {
  constexpr std::array<int, 14> kRank = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};
  return id < kRank.size() ? kRank[id] : 100;
}

void Patch(std::string* body, size_t at, uint8_t exn_type) {
  if (at < body->size() && static_cast<uint8_t>((*body)[at]) == kExnRef)
    (*body)[at] = static_cast<char>(exn_type);
}

// A section's vector: its count, and the bytes of its entries.
std::pair<uint64_t, std::string_view> Vector(std::string_view body) {
  Reader in(body);
  uint64_t count = in.Leb();
  return {count, body.substr(in.ok() ? in.pos() : body.size())};
}

std::string Extended(std::string_view body, uint64_t added, std::string_view entries) {
  auto [count, rest] = Vector(body);
  std::string out;
  AppendLeb(&out, count + added);
  out.append(rest);
  out.append(entries);
  return out;
}

absl::StatusOr<std::vector<FuncType>> ReadTypes(std::string_view body, uint8_t exn_type) {
  std::vector<FuncType> types;
  Reader in(body);
  uint64_t count = in.Leb();
  for (uint64_t i = 0; i < count && in.ok(); ++i) {
    if (in.Byte() != 0x60)
      return absl::InvalidArgumentError("a type that is not a function type");
    FuncType type;
    for (std::string* list : {&type.params, &type.results}) {
      uint64_t n = in.Leb();
      for (uint64_t k = 0; k < n && in.ok(); ++k) {
        size_t at = in.pos();
        SkipValueType(in);
        if (in.pos() != at + 1)
          return absl::InvalidArgumentError("a value type V8 10.2 does not know");
        uint8_t valtype = static_cast<uint8_t>(body[at]);
        list->push_back(static_cast<char>(valtype == kExnRef ? exn_type : valtype));
      }
    }
    types.push_back(std::move(type));
  }
  if (!in.ok())
    return absl::InvalidArgumentError("an unreadable type section");
  return types;
}

// An entry (locals, expression) after outlining, translated as a function
// of the module would be (its plain try_tables into try).
absl::Status TranslateOutlined(const ModuleInfo& info,
                               uint32_t index,
                               std::string_view entry,
                               std::string* out) {
  std::string buffer;
  AppendLeb(&buffer, entry.size());
  buffer.append(entry);
  auto body = ReadFunctionBody(buffer, 0, index);
  if (!body.ok())
    return body.status();
  FunctionTranslator translator(buffer, info);
  bool modern = false;
  return translator.TranslateEntry(*body, out, &modern);
}

// Element segments of exnref: their type, and `ref.null exn` in their
// expressions (flags 4 to 7 hold expressions, 5 to 7 a reference type).
void PatchElements(std::string* body, uint8_t exn_type) {
  Reader in(*body);
  uint64_t count = in.Leb();
  for (uint64_t i = 0; i < count && in.ok(); ++i) {
    uint64_t flags = in.Leb();
    if (flags == 2 || flags == 6)
      in.Leb();  // table
    if ((flags & 1) == 0)
      in.SkipConstExpr();  // offset
    if (flags >= 5 || (flags & 3) != 0) {
      if (flags >= 4)
        Patch(body, in.pos(), exn_type);
      in.Byte();  // reference type or element kind
    }
    uint64_t n = in.Leb();
    for (uint64_t k = 0; k < n && in.ok(); ++k) {
      if (flags < 4) {
        in.Leb();
      } else {
        if (in.pos() + 1 < body->size() && static_cast<uint8_t>((*body)[in.pos()]) == 0xd0)
          Patch(body, in.pos() + 1, exn_type);
        in.SkipConstExpr();
      }
    }
  }
}

}  // namespace

absl::StatusOr<std::string> TranslateWithOutlining(std::string_view module,
                                                   bool outline_all,
                                                   uint8_t exn_type) {
  auto sections = ReadSections(module);
  if (!sections.ok())
    return sections.status();
  auto info = ReadModuleInfo(module, *sections, /*outlining=*/true);
  if (!info.ok())
    return info.status();
  auto bodies = ReadFunctionBodies(module);
  if (!bodies.ok())
    return bodies.status();
  std::vector<FuncType> types;
  const uint64_t tables = info->tables;
  // Sections are added in their places: those there must be in order,
  // each once (else the module is invalid anyway).
  int last_rank = 0;
  for (const Section& section : *sections) {
    if (section.id == kCustomSection)
      continue;
    if (Rank(section.id) <= last_rank)
      return absl::InvalidArgumentError("a section out of order or repeated");
    last_rank = Rank(section.id);
  }
  long start = -1;  // the start function
  for (const Section& section : *sections) {
    if (section.id == kTypeSection) {
      auto read = ReadTypes(section.body, exn_type);
      if (!read.ok())
        return read.status();
      types = std::move(*read);
    } else if (section.id == kStartSection) {
      start = static_cast<long>(Reader(section.body).Leb());
    }
  }
  const uint32_t functions = static_cast<uint32_t>(info->function_types.size());
  Outliner outliner(types, functions, static_cast<uint32_t>(info->globals),
                    static_cast<uint32_t>(tables), exn_type);
  outliner.set_tags(info->tag_types);

  // The bodies: translated as without outlining where that places every
  // exnref, else outlined first.
  std::string code;
  eh::FunctionTranslator translator(module, *info);
  std::string entry, outlined;
  // What the translation of outlined code needs: no exnref is left.
  ModuleInfo plain = *info;
  for (auto& offsets : plain.exnref_bytes)
    offsets.clear();
  for (const FunctionBody& body : *bodies) {
    entry.clear();
    bool modern = false;
    absl::Status status = outline_all ? Unsupported("every function")
                                      : translator.TranslateEntry(body, &entry, &modern);
    if (IsUnsupported(status) && body.index >= info->function_types.size())
      return absl::InvalidArgumentError("more function bodies than functions");
    if (IsUnsupported(status)) {
      Reader in(module.substr(0, body.end));
      in.Seek(body.offset);
      in.Leb();
      outlined.clear();
      status = outliner.Run(body.index, info->function_types[body.index],
                            module.substr(in.pos(), body.end - in.pos()), &outlined);
      entry.clear();
      if (status.ok())
        status = TranslateOutlined(plain, body.index, outlined, &entry);
    }
    if (!status.ok())
      return status;
    AppendLeb(&code, entry.size());
    code.append(entry);
  }
  const auto& extra = outliner.outlined();
  for (size_t k = 0; k < extra.size(); ++k) {
    entry.clear();
    if (absl::Status s =
            TranslateOutlined(plain, functions + static_cast<uint32_t>(k), extra[k].entry, &entry);
        !s.ok()) {
      return s;
    }
    AppendLeb(&code, entry.size());
    code.append(entry);
  }
  const bool helpers = outliner.used();
  if (helpers)
    outliner.HelperTypes();  // in the type section written next

  // The sections that change, and those added where they are missing.
  std::map<uint8_t, std::string> added;
  {
    std::string body;
    AppendFuncTypes(&body, outliner.types());
    added[kTypeSection] = std::move(body);
    std::string function_entries;
    for (const auto& f : extra)
      AppendLeb(&function_entries, f.type);
    added[kFunctionSection] = Extended("", extra.size(), function_entries);
    added[kCodeSection] = Extended("", bodies->size() + extra.size(), "");
    added[kCodeSection].append(code);
    if (helpers) {
      std::string table;
      table.push_back(static_cast<char>(kFuncRef));
      table.push_back(0x01);
      AppendLeb(&table, static_cast<uint64_t>(Helper::kCount));
      AppendLeb(&table, static_cast<uint64_t>(Helper::kCount));
      added[kTableSection] = Extended("", 1, table);
      added[kGlobalSection] =
          Extended("", outliner.registers().size(), RegisterGlobals(outliner.registers()));
      std::string exports;
      AppendName(&exports, "__wbhost_eh_helpers");
      exports.push_back(static_cast<char>(kTableKind));
      AppendLeb(&exports, tables);
      if (start >= 0) {
        // Run by exnref.js once the helpers are in place.
        AppendName(&exports, "__wbhost_eh_start");
        exports.push_back(static_cast<char>(kFunctionKind));
        AppendLeb(&exports, static_cast<uint64_t>(start));
      }
      added[kExportSection] = Extended("", start >= 0 ? 2 : 1, exports);
    }
    if (!extra.empty()) {
      // Declared, for ref.func.
      std::string segment = {0x03, 0x00};
      AppendLeb(&segment, extra.size());
      for (size_t k = 0; k < extra.size(); ++k)
        AppendLeb(&segment, functions + k);
      added[kElementSection] = Extended("", 1, segment);
    }
  }
  std::string out(module.substr(0, 8));
  auto add_before = [&](int rank) {
    for (auto it = added.begin(); it != added.end();) {
      if (Rank(it->first) < rank) {
        AppendSection(&out, it->first, it->second);
        it = added.erase(it);
      } else {
        ++it;
      }
    }
  };
  for (const Section& section : *sections) {
    if (section.id == kCustomSection) {
      AppendSection(&out, section.id, section.body);
      continue;
    }
    add_before(Rank(section.id));
    std::string body(section.body);
    switch (section.id) {
      case kTypeSection:
        body = added[kTypeSection];
        break;
      case kImportSection:
        ForEachImport(section.body, [&](const Import& i) {
          if (i.kind == kTableKind || i.kind == kGlobalKind)
            Patch(&body, i.description, exn_type);
        });
        break;
      case kFunctionSection:
        body = Extended(section.body, extra.size(), Vector(added[kFunctionSection]).second);
        break;
      case kTableSection:
      case kGlobalSection: {
        ForEachTableOrGlobal(section.id, section.body, [&](const TableOrGlobal& entry) {
          Patch(&body, entry.type, exn_type);
          size_t init = entry.type_end + 1;  // after a global's mutability
          if (section.id == kGlobalSection && init + 1 < body.size() &&
              static_cast<uint8_t>(body[init]) == 0xd0)
            Patch(&body, init + 1, exn_type);  // ref.null exn
        });
        if (section.id == kTableSection && helpers)
          body = Extended(body, 1, Vector(added[kTableSection]).second);
        if (section.id == kGlobalSection && helpers)
          body = Extended(body, Vector(added[kGlobalSection]).first,
                          Vector(added[kGlobalSection]).second);
        break;
      }
      case kExportSection:
        if (helpers)
          body = Extended(body, Vector(added[kExportSection]).first,
                          Vector(added[kExportSection]).second);
        break;
      case kElementSection:
        PatchElements(&body, exn_type);
        if (!extra.empty())
          body = Extended(body, 1, Vector(added[kElementSection]).second);
        break;
      case kCodeSection:
        body = added[kCodeSection];
        break;
      default:
        break;
    }
    added.erase(section.id);
    if (section.id == kStartSection && helpers)
      continue;
    AppendSection(&out, section.id, body);
  }
  add_before(1000);
  std::string custom;
  AppendName(&custom, "__wbhost_eh");
  if (helpers)
    custom.append(HelperModule(outliner));
  AppendSection(&out, kCustomSection, custom);
  custom.clear();
  AppendName(&custom, "__wbhost_eh_boundary");
  custom.append(ExnRefBoundary(*sections, *info));
  AppendSection(&out, kCustomSection, custom);
  return out;
}

}  // namespace wbhost::bindings::wasm::eh
