// --wasm-max-memory: bounds the memories a .wasm defines or imports by
// rewriting the maximum in its memory limits, once, before the package's
// single compilation. Rust modules usually declare no maximum; with one, a
// runaway allocation fails inside Wasm (memory.grow returns -1, then Rust
// aborts) instead of exhausting the machine, which is an abort wbhost can
// recover from.
#ifndef BINDINGS_WASM_MEMORY_LIMIT_H_
#define BINDINGS_WASM_MEMORY_LIMIT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace wbhost::bindings {

// `bytes` with every memory's maximum set to at most `max_pages` (64 KiB
// pages); never below the memory's initial size. InvalidArgument when the
// module's structure cannot be read (the compiler then reports it properly
// from the original bytes).
absl::StatusOr<std::string> LimitWasmMemory(std::string_view bytes, uint32_t max_pages);

}  // namespace wbhost::bindings

#endif  // BINDINGS_WASM_MEMORY_LIMIT_H_
