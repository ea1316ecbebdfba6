// Reading and writing the WebAssembly binary format, for the load-time
// rewrites of a package's module (memory_limit.h, state_exports.h): a
// bounds-checked reader that never reads past its bytes (a failed read
// marks it not ok and yields 0), LEB128 writing, and the module's sections.
#ifndef BINDINGS_WASM_BINARY_H_
#define BINDINGS_WASM_BINARY_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace wbhost::bindings::wasm {

enum SectionId : uint8_t {
  kCustomSection = 0,
  kTypeSection = 1,
  kImportSection = 2,
  kFunctionSection = 3,
  kTableSection = 4,
  kMemorySection = 5,
  kGlobalSection = 6,
  kExportSection = 7,
  kStartSection = 8,
  kElementSection = 9,
  kCodeSection = 10,
  kDataSection = 11,
  kDataCountSection = 12,
  kTagSection = 13,
};

// Kinds of imports and exports.
enum ExternalKind : uint8_t {
  kFunctionKind = 0,
  kTableKind = 1,
  kMemoryKind = 2,
  kGlobalKind = 3,
  kTagKind = 4,
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  bool ok() const { return ok_; }
  size_t pos() const { return pos_; }
  void Seek(size_t pos) { pos_ = pos; }
  bool AtEnd() const { return pos_ >= bytes_.size(); }
  std::string_view bytes() const { return bytes_; }

  // Inline: a decoder calls them for every byte of every function.
  uint8_t Byte() {
    if (pos_ >= bytes_.size()) [[unlikely]] {
      ok_ = false;
      return 0;
    }
    return static_cast<uint8_t>(bytes_[pos_++]);
  }
  uint64_t Leb() {
    if (pos_ < bytes_.size()) [[likely]] {
      uint8_t b = static_cast<uint8_t>(bytes_[pos_]);
      if ((b & 0x80) == 0) {
        ++pos_;
        return b;
      }
    }
    return LongLeb();
  }
  // A LEB whose value is not needed (an immediate a decoder steps over):
  // the same bytes Leb() would take, and the same failures.
  void SkipLeb() {
    size_t limit = pos_ + 10 < bytes_.size() ? pos_ + 10 : bytes_.size();
    while (pos_ < limit) {
      if ((static_cast<uint8_t>(bytes_[pos_++]) & 0x80) == 0)
        return;
    }
    ok_ = false;
  }
  void Skip(uint64_t n);
  std::string_view Name();  // a length-prefixed name
  // Skips a table or memory's limits.
  void SkipLimits();
  // Skips a constant expression, through its `end`; not ok for an
  // instruction a constant expression cannot hold.
  void SkipConstExpr();

 private:
  uint64_t LongLeb();

  std::string_view bytes_;
  size_t pos_ = 0;
  bool ok_ = true;
};

// Skips a value type, with the heap type of (ref null? ht).
void SkipValueType(Reader& in);

// An import section's entry.
struct Import {
  std::string_view module, name;
  uint8_t kind;
  size_t description;  // where its description starts in the section's body
  uint64_t type;       // a function's or a tag's type index
};

// Reads an import section's entries (module, name, kind, description),
// calling visit after each. False for an unknown kind, or for bytes that
// cannot be read or are left over.
bool ForEachImport(std::string_view body, const std::function<void(const Import&)>& visit);

// A table or global section's entry, where its value type starts and ends
// in the section's body (a global's mutability byte, then its initializer,
// follow that end; a table's limits do).
struct TableOrGlobal {
  size_t type, type_end;
};

// Reads a table or global section's entries (`section_id` says which),
// calling visit as soon as each one's value type is read. False for bytes
// that cannot be read.
bool ForEachTableOrGlobal(uint8_t section_id,
                          std::string_view body,
                          const std::function<void(const TableOrGlobal&)>& visit);

void AppendLongLeb(std::string* out, uint64_t value);
// Inline for the one-byte values most indices and depths are.
inline void AppendLeb(std::string* out, uint64_t value) {
  if (value < 0x80)
    out->push_back(static_cast<char>(value));
  else
    AppendLongLeb(out, value);
}
void AppendName(std::string* out, std::string_view name);

struct Section {
  uint8_t id;
  std::string_view body;
};

// The module's sections in order, after checking its header.
absl::StatusOr<std::vector<Section>> ReadSections(std::string_view module);

// Appends a section (id, size, body) to `out`.
void AppendSection(std::string* out, uint8_t id, std::string_view body);

}  // namespace wbhost::bindings::wasm

#endif  // BINDINGS_WASM_BINARY_H_
