#include "bindings/wasm/memory_limit.h"

#include <algorithm>

#include "absl/status/status.h"
#include "bindings/wasm/binary.h"

namespace wbhost::bindings {

namespace {

using wasm::Reader;

// Reads one `limits` at the reader and appends it, bounded, to `out`.
bool RewriteLimits(Reader& in, std::string* out, uint32_t max_pages) {
  uint8_t flags = in.Byte();
  bool has_max = flags & 1;
  bool memory64 = flags & 4;
  uint64_t initial = in.Leb();
  uint64_t maximum = has_max ? in.Leb() : UINT64_MAX;
  if (!in.ok() || memory64)
    return false;
  uint64_t bounded = std::max<uint64_t>(initial, std::min<uint64_t>(maximum, max_pages));
  out->push_back(static_cast<char>(flags | 1));
  wasm::AppendLeb(out, initial);
  wasm::AppendLeb(out, bounded);
  return true;
}

// Copies the remainder of one import entry's description (after its kind).
bool CopyImportDesc(Reader& in, uint8_t kind, std::string* out, uint32_t max_pages) {
  size_t start = in.pos();
  switch (kind) {
    case wasm::kFunctionKind:  // type index
      in.Leb();
      break;
    case wasm::kTableKind:  // reftype, limits
      in.Byte();
      in.SkipLimits();
      break;
    case wasm::kMemoryKind:
      return RewriteLimits(in, out, max_pages);
    case wasm::kGlobalKind:  // valtype, mutability
      in.Byte();
      in.Byte();
      break;
    case wasm::kTagKind:  // attribute, type index
      in.Byte();
      in.Leb();
      break;
    default:
      return false;
  }
  if (!in.ok())
    return false;
  out->append(in.bytes().substr(start, in.pos() - start));
  return true;
}

}  // namespace

absl::StatusOr<std::string> LimitWasmMemory(std::string_view bytes, uint32_t max_pages) {
  auto sections = wasm::ReadSections(bytes);
  if (!sections.ok())
    return sections.status();
  std::string out(bytes.substr(0, 8));
  for (const wasm::Section& section : *sections) {
    if (section.id != wasm::kImportSection && section.id != wasm::kMemorySection) {
      wasm::AppendSection(&out, section.id, section.body);
      continue;
    }
    Reader s(section.body);
    std::string rewritten;
    uint64_t count = s.Leb();
    wasm::AppendLeb(&rewritten, count);
    for (uint64_t i = 0; i < count && s.ok(); ++i) {
      if (section.id == wasm::kMemorySection) {
        if (!RewriteLimits(s, &rewritten, max_pages))
          return absl::InvalidArgumentError("unreadable memory limits");
        continue;
      }
      size_t entry = s.pos();
      s.Name();  // module
      s.Name();  // field
      uint8_t kind = s.Byte();
      if (!s.ok())
        return absl::InvalidArgumentError("unreadable import");
      rewritten.append(section.body.substr(entry, s.pos() - entry));
      if (!CopyImportDesc(s, kind, &rewritten, max_pages))
        return absl::InvalidArgumentError("unreadable import description");
    }
    if (!s.ok() || !s.AtEnd())
      return absl::InvalidArgumentError("bad section");
    wasm::AppendSection(&out, section.id, rewritten);
  }
  return out;
}

}  // namespace wbhost::bindings
