// The wasm-bindgen package recogniser on arbitrary glue text, and the
// memory limiter (--wasm-max-memory) on arbitrary .wasm bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bindings/recognizer.h"
#include "bindings/wasm_memory_limit.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (const char* name : {"pkg.js", "pkg.cjs", "pkg.mjs", "pkg_bg.js"}) {
    auto info = wbhost::bindings::RecognizeGlue(name, input);
    if (info)
      (void)wbhost::bindings::GlueTargetName(info->target);
  }
  auto limited = wbhost::bindings::LimitWasmMemory(input, 16);
  if (limited.ok()) {
    // Limiting what was limited changes nothing more.
    auto twice = wbhost::bindings::LimitWasmMemory(*limited, 16);
    if (!twice.ok() || *twice != *limited)
      __builtin_trap();
  }
  return 0;
}
