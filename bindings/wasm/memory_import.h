// Turns the memory a package's module defines into one it imports, under a
// name programs never see ("__wbhost" "memory"), with the same limits.
// Done once, before the package's one compile (bindings/module_cache.cc),
// so that wbhost chooses each instance's memory: a restore from a
// checkpoint then writes into the dead generation's pages, which the
// system has already handed out, instead of a new memory's (a first write
// to a page costs a fault: ~7x a plain copy for 16 MiB), and a recovery
// allocates no new memory for V8's external-memory heuristics to answer
// with collections. The memory keeps index 0, so no instruction changes.
#ifndef BINDINGS_WASM_MEMORY_IMPORT_H_
#define BINDINGS_WASM_MEMORY_IMPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace wbhost::bindings {

inline constexpr std::string_view kHiddenImportModule = "__wbhost";
inline constexpr std::string_view kHiddenMemoryImport = "memory";

struct ImportedMemory {
  std::string bytes;  // the rewritten module
  uint64_t initial = 0;
  std::optional<uint64_t> maximum;
};

// The module with its memory imported; nullopt when it does not qualify
// (it imports a memory, defines none or several, or a shared or 64-bit
// one): its memory is then left as it is. InvalidArgument when the
// structure cannot be read (the compiler then reports it from the bytes).
absl::StatusOr<std::optional<ImportedMemory>> ImportMemory(std::string_view bytes);

}  // namespace wbhost::bindings

#endif  // BINDINGS_WASM_MEMORY_IMPORT_H_
