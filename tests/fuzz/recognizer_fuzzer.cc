// The wasm-bindgen package recogniser on arbitrary glue text, and the
// memory limiter (--wasm-max-memory) on arbitrary .wasm bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bindings/js_text.h"
#include "bindings/recognizer.h"
#include "bindings/wasm/memory_limit.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // The name matters only for a "_bg" stem.
  for (const char* name : {"pkg.js", "pkg_bg.js"}) {
    auto info = wbhost::bindings::RecognizeGlue(name, input);
    if (info.ok()) {
      (void)wbhost::bindings::GlueTargetName(info->target);
      // A source-phase import's span lies within the source.
      if (info->source_import_end > input.size() ||
          info->source_import_begin > info->source_import_end)
        __builtin_trap();
    } else if (info.status().message().empty()) {
      __builtin_trap();  // every refusal says why
    }
  }
  // Blanking comments keeps every offset and newline of the source.
  std::string blanked = wbhost::bindings::BlankComments(input);
  if (blanked.size() != input.size())
    __builtin_trap();
  for (size_t i = 0; i < input.size(); ++i) {
    if ((input[i] == '\n') != (blanked[i] == '\n'))
      __builtin_trap();
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
