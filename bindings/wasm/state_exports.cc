#include "bindings/wasm/state_exports.h"

#include <set>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "bindings/wasm/binary.h"

namespace wbhost::bindings {

namespace {

using wasm::Reader;

struct Counts {
  uint64_t imported[5] = {};  // per ExternalKind
  uint64_t defined_tables = 0;
  uint64_t defined_memories = 0;
  std::vector<uint64_t> mutable_globals;            // absolute indices
  std::set<std::pair<uint8_t, uint64_t>> exported;  // (kind, index)
  std::set<std::string> export_names;
};

absl::Status ReadImports(std::string_view body, Counts* counts) {
  return wasm::ForEachImport(body, [counts](const wasm::Import& i) { ++counts->imported[i.kind]; })
             ? absl::OkStatus()
             : absl::InvalidArgumentError("unreadable import section");
}

absl::Status ReadGlobals(std::string_view body, Counts* counts) {
  Reader s(body);
  uint64_t count = s.Leb();
  for (uint64_t i = 0; i < count && s.ok(); ++i) {
    s.Byte();  // value type
    uint8_t mutability = s.Byte();
    s.SkipConstExpr();
    if (mutability == 1)
      counts->mutable_globals.push_back(counts->imported[wasm::kGlobalKind] + i);
  }
  return s.ok() ? absl::OkStatus() : absl::InvalidArgumentError("unreadable global section");
}

// The entry count of a table or memory section; more entries than the
// section has bytes is malformed (each takes at least two).
absl::StatusOr<uint64_t> CountOf(std::string_view body) {
  Reader s(body);
  uint64_t count = s.Leb();
  if (!s.ok() || count > body.size())
    return absl::InvalidArgumentError("unreadable section count");
  return count;
}

absl::Status ReadExports(std::string_view body, Counts* counts) {
  Reader s(body);
  uint64_t count = s.Leb();
  for (uint64_t i = 0; i < count && s.ok(); ++i) {
    std::string_view name = s.Name();
    uint8_t kind = s.Byte();
    uint64_t index = s.Leb();
    counts->exported.insert({kind, index});
    counts->export_names.insert(std::string(name));
  }
  return s.ok() && s.AtEnd() ? absl::OkStatus()
                             : absl::InvalidArgumentError("unreadable export section");
}

}  // namespace

absl::StatusOr<std::string> ExportState(std::string_view bytes) {
  auto sections = wasm::ReadSections(bytes);
  if (!sections.ok())
    return sections.status();
  Counts counts;
  for (const wasm::Section& section : *sections) {
    absl::Status status;
    switch (section.id) {
      case wasm::kImportSection:
        status = ReadImports(section.body, &counts);
        break;
      case wasm::kGlobalSection:
        status = ReadGlobals(section.body, &counts);
        break;
      case wasm::kTableSection:
      case wasm::kMemorySection: {
        auto count = CountOf(section.body);
        if (!count.ok())
          return count.status();
        (section.id == wasm::kTableSection ? counts.defined_tables : counts.defined_memories) =
            *count;
        break;
      }
      case wasm::kExportSection:
        status = ReadExports(section.body, &counts);
        break;
    }
    if (!status.ok())
      return status;
  }
  // The exports to add: (name, kind, index).
  std::string added;
  uint64_t added_count = 0;
  auto add = [&](uint8_t kind, const char* what, uint64_t index) {
    if (counts.exported.count({kind, index}))
      return;
    std::string name = absl::StrCat(std::string(kHiddenExportPrefix), what, "_", index);
    if (counts.export_names.count(name))
      return;
    wasm::AppendName(&added, name);
    added.push_back(static_cast<char>(kind));
    wasm::AppendLeb(&added, index);
    ++added_count;
  };
  for (uint64_t index : counts.mutable_globals)
    add(wasm::kGlobalKind, "global", index);
  for (uint64_t i = 0; i < counts.defined_tables; ++i)
    add(wasm::kTableKind, "table", counts.imported[wasm::kTableKind] + i);
  for (uint64_t i = 0; i < counts.defined_memories; ++i)
    add(wasm::kMemoryKind, "memory", counts.imported[wasm::kMemoryKind] + i);
  if (added_count == 0)
    return std::string(bytes);

  std::string out(bytes.substr(0, 8));
  bool written = false;
  auto write_exports = [&](std::string_view existing) {
    Reader s(existing);
    uint64_t count = existing.empty() ? 0 : s.Leb();
    std::string body;
    wasm::AppendLeb(&body, count + added_count);
    body.append(existing.substr(s.pos()));
    body.append(added);
    wasm::AppendSection(&out, wasm::kExportSection, body);
    written = true;
  };
  for (const wasm::Section& section : *sections) {
    // The export section sits after the global section and before start,
    // element, data count, code and data.
    bool after_exports = section.id == wasm::kStartSection || section.id == wasm::kElementSection ||
                         section.id == wasm::kDataCountSection ||
                         section.id == wasm::kCodeSection || section.id == wasm::kDataSection;
    if (!written && after_exports)
      write_exports(std::string_view());
    if (section.id == wasm::kExportSection) {
      write_exports(section.body);
      continue;
    }
    wasm::AppendSection(&out, section.id, section.body);
  }
  if (!written)
    write_exports(std::string_view());
  return out;
}

}  // namespace wbhost::bindings
