#include "bindings/wasm/memory_import.h"

#include <utility>

#include "absl/status/status.h"
#include "bindings/wasm/binary.h"

namespace wbhost::bindings {

namespace {

using wasm::Reader;

// Sections that come after the import section in a module's order.
bool AfterImports(uint8_t id) {
  return id != wasm::kCustomSection && id != wasm::kTypeSection && id != wasm::kImportSection;
}

}  // namespace

absl::StatusOr<std::optional<ImportedMemory>> ImportMemory(std::string_view bytes) {
  auto sections = wasm::ReadSections(bytes);
  if (!sections.ok())
    return sections.status();
  ImportedMemory result;
  std::string_view limits;  // the defined memory's, as written
  for (const wasm::Section& section : *sections) {
    if (section.id == wasm::kImportSection) {
      bool imports_memory = false;
      if (!wasm::ForEachImport(section.body, [&](const wasm::Import& i) {
            imports_memory |= i.kind == wasm::kMemoryKind;
          }))
        return absl::InvalidArgumentError("unreadable import section");
      if (imports_memory)
        return std::nullopt;
    } else if (section.id == wasm::kMemorySection) {
      Reader s(section.body);
      if (s.Leb() != 1)
        return std::nullopt;
      size_t start = s.pos();
      uint8_t flags = s.Byte();
      result.initial = s.Leb();
      if (flags & 1)
        result.maximum = s.Leb();
      if (!s.ok() || !s.AtEnd())
        return absl::InvalidArgumentError("unreadable memory section");
      if (flags & ~1)  // shared or 64-bit
        return std::nullopt;
      limits = section.body.substr(start);
    }
  }
  if (limits.empty())
    return std::nullopt;

  std::string entry;
  wasm::AppendName(&entry, kHiddenImportModule);
  wasm::AppendName(&entry, kHiddenMemoryImport);
  entry.push_back(static_cast<char>(wasm::kMemoryKind));
  entry.append(limits);

  std::string& out = result.bytes;
  out.assign(bytes.substr(0, 8));
  bool written = false;
  auto write_imports = [&](std::string_view existing) {
    Reader s(existing);
    uint64_t count = existing.empty() ? 0 : s.Leb();
    std::string body;
    // Last among the imports: the function, table, global and tag index
    // spaces, which imports of those kinds begin, stay as they are.
    wasm::AppendLeb(&body, count + 1);
    body.append(existing.substr(s.pos()));
    body.append(entry);
    wasm::AppendSection(&out, wasm::kImportSection, body);
    written = true;
  };
  for (const wasm::Section& section : *sections) {
    if (section.id == wasm::kMemorySection)
      continue;
    if (!written && AfterImports(section.id))
      write_imports(std::string_view());
    if (section.id == wasm::kImportSection) {
      write_imports(section.body);
      continue;
    }
    wasm::AppendSection(&out, section.id, section.body);
  }
  if (!written)
    write_imports(std::string_view());
  return std::optional<ImportedMemory>(std::move(result));
}

}  // namespace wbhost::bindings
