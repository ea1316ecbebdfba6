// Recognising wasm-bindgen glue: is this JS file the generated glue of a
// wasm-bindgen package, for which target, next to which .wasm, and which
// glue features (they vary with the wasm-bindgen version) does it use?
//
// Pure text analysis, no V8: the module loader calls it for every JS file it
// loads, so a negative answer must be cheap (one substring search).
#ifndef BINDINGS_RECOGNIZER_H_
#define BINDINGS_RECOGNIZER_H_

#include <optional>
#include <string>
#include <string_view>

namespace wbhost::bindings {

enum class GlueTarget {
  kWeb,        // ES module; default export init(), maybe initSync()
  kBundler,    // ES module importing ./<name>_bg.wasm; __wbg_set_wasm
  kBundlerBg,  // the bundler target's <name>_bg.js (imports of the .wasm)
  kNodejs,     // CommonJS reading the .wasm with fs
  kNoModules,  // classic script defining a global wasm_bindgen
};

const char* GlueTargetName(GlueTarget target);

struct GlueInfo {
  GlueTarget target;
  // The .wasm the glue loads, as named in the glue (e.g. "foo_bg.wasm").
  std::string wasm_file;
  // Features of the glue's version.
  bool has_init_sync = false;        // initSync() exists (web, no-modules)
  bool init_takes_object = false;    // init({module_or_path}) / initSync({module})
  bool has_get_imports = false;      // __wbg_get_imports() (0.2.8x+)
  bool has_wrapped_jstag = false;    // panic=unwind glue (0.2.11x+)
  bool has_terminated_flag = false;  // __instance_terminated guard
  bool has_start = false;            // calls __wbindgen_start
  bool has_finalization = false;     // FinalizationRegistry for class instances
  bool uses_wbg_ptr = false;         // instances keep their pointer in __wbg_ptr
};

// The glue's facts, or nullopt when `source` is not wasm-bindgen glue.
// `file_name` is the glue's base name (e.g. "foo.js").
std::optional<GlueInfo> RecognizeGlue(std::string_view file_name, std::string_view source);

}  // namespace wbhost::bindings

#endif  // BINDINGS_RECOGNIZER_H_
