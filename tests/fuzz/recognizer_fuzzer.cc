// The wasm-bindgen package recogniser on arbitrary glue text, and the
// load-time rewrites of a package's module (bindings/wasm/: the memory
// limit of --wasm-max-memory, the state exports and the memory import of
// checkpoints) on arbitrary .wasm bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bindings/js_text.h"
#include "bindings/recognizer.h"
#include "bindings/wasm/binary.h"
#include "bindings/wasm/code.h"
#include "bindings/wasm/eh_translate.h"
#include "bindings/wasm/memory_import.h"
#include "bindings/wasm/memory_limit.h"
#include "bindings/wasm/state_exports.h"

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
  auto exported = wbhost::bindings::ExportState(input);
  if (exported.ok() && !wbhost::bindings::wasm::ReadSections(*exported).ok())
    __builtin_trap();
  // The translation of modern exception handling: its output is a module
  // the decoder reads whole, with nothing modern left in it.
  auto translated = wbhost::bindings::wasm::TranslateModernEh(input);
  if (translated.ok()) {
    auto features = wbhost::bindings::wasm::ScanCode(*translated);
    if (!features.ok() || features->modern_eh ||
        wbhost::bindings::wasm::DeclaresExnRef(*translated))
      __builtin_trap();
  } else if (translated.status().message().empty()) {
    __builtin_trap();  // every refusal says why
  }
  // Declaring exnref (what lets compiles skip asking V8) is using modern
  // exception handling.
  if (wbhost::bindings::wasm::DeclaresExnRef(input)) {
    auto features = wbhost::bindings::wasm::ScanCode(input);
    if (features.ok() && !features->modern_eh)
      __builtin_trap();
  }
  auto imported = wbhost::bindings::ImportMemory(input);
  if (imported.ok() && imported->has_value()) {
    // The result imports its memory: nothing more to import, and readable.
    auto again = wbhost::bindings::ImportMemory((*imported)->bytes);
    if (!again.ok() || again->has_value())
      __builtin_trap();
  }
  return 0;
}
