// Exports, under names programs never see, the parts of a module's state a
// checkpoint must save that the module does not export itself: its mutable
// globals (such as Rust's __stack_pointer), its tables and its memories.
// Done once, before the package's one compile (bindings/module_cache.cc),
// so that a checkpoint can read and restore the instance's whole state
// from JS. The names are kHiddenExportPrefix followed by the kind and the
// index in the module's index space of that kind ("__wbhost_global_3").
#ifndef BINDINGS_WASM_STATE_EXPORTS_H_
#define BINDINGS_WASM_STATE_EXPORTS_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace wbhost::bindings {

inline constexpr std::string_view kHiddenExportPrefix = "__wbhost_";

// `bytes` with an export added for each defined mutable global, table and
// memory the module does not export; the bytes unchanged when there is
// none. InvalidArgument when the structure cannot be read (the compiler
// then reports it from the original bytes).
absl::StatusOr<std::string> ExportState(std::string_view bytes);

}  // namespace wbhost::bindings

#endif  // BINDINGS_WASM_STATE_EXPORTS_H_
