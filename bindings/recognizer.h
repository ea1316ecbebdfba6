// Recognising wasm-bindgen glue by what it is, not where its file sits: is
// this JavaScript source the generated glue of a wasm-bindgen package (of
// any version from 0.2.80 and any target), for which target, where does it
// say its Wasm comes from, and which glue features does its version use?
//
// Pure text analysis, no V8: the module loader asks for every JS file it
// loads, so a negative answer for ordinary code must be cheap (one
// substring search). Comments do not count: a file that only mentions
// `__wbindgen_` in a comment is not glue. Where the glue gets its Wasm is
// decided when it runs (bindings/js/package.js): bytes, a Module, a
// Response, a URL or a path given by the program, the file the glue names,
// or a JS module that builds the Wasm from inline bytes.
#ifndef BINDINGS_RECOGNIZER_H_
#define BINDINGS_RECOGNIZER_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace wbhost::bindings {

enum class GlueTarget {
  kWeb,          // ES module; an init function (default, initSync, or a bundle's own)
  kNoModules,    // classic script defining a global (wasm_bindgen by default)
  kNodejs,       // CommonJS instantiating at load (reads its .wasm with fs)
  kBundler,      // ES module wiring a Wasm module to its _bg.js (__wbg_set_wasm)
  kBundlerBg,    // the bundler target's <name>_bg.js (the imports of the Wasm)
  kDeno,         // ES module instantiating with top-level await
  kNodeModule,   // ES module instantiating at load (experimental-nodejs-module)
  kSourcePhase,  // ES module with `import source x from "./x.wasm"` (--target module)
};

const char* GlueTargetName(GlueTarget target);

struct GlueInfo {
  GlueTarget target;
  // The package's name: the glue file's stem, without "_bg" ("foo" for
  // foo.js and foo_bg.js).
  std::string name;
  // The .wasm file the glue names (its default URL, the path it reads, the
  // module a bundler entry imports), as written; empty when it names none.
  std::string wasm_file;
  // kBundler: the module the entry imports its Wasm from ("./foo_bg.wasm",
  // or a JS module such as "./foo_bg.wasm.js"), and its _bg.js.
  std::string wasm_import;
  std::string bg_import;
  // kSourcePhase: the `import source` declaration, which V8 10.2 cannot
  // parse: its span in the source, and the name it binds. kBundlerBg
  // before 0.2.84: its `import * as wasm from "./x_bg.wasm"`, which wbhost
  // replaces with a __wbg_set_wasm of its own.
  size_t source_import_begin = 0;
  size_t source_import_end = 0;
  std::string source_import_name;
  // kNoModules: the global the glue defines, and the offset of the
  // `Object.assign(` whose result it is (npos when not found).
  std::string global_name;
  size_t global_assign = std::string::npos;
  // Features of the glue's version.
  bool has_init_sync = false;        // initSync() (0.2.81+)
  bool init_takes_object = false;    // init({module_or_path}) / initSync({module}) (0.2.93+)
  bool has_get_imports = false;      // __wbg_get_imports() (0.2.85+)
  bool has_wrapped_jstag = false;    // panic=unwind glue (0.2.11x+)
  bool has_terminated_flag = false;  // __instance_terminated guard
  bool has_start = false;            // calls __wbindgen_start
  bool has_finalization = false;     // FinalizationRegistry for class instances
  bool uses_wbg_ptr = false;         // instances keep their pointer in __wbg_ptr
};

// The glue's facts. When `source` is not glue wbhost can drive, an error
// whose message says why: NotFound "not wasm-bindgen glue", or
// Unimplemented "glue version not supported: ..." (glue it recognises but
// cannot make generations of, such as multi-threaded builds).
// `file_name` is the glue's base name (e.g. "foo.js").
absl::StatusOr<GlueInfo> RecognizeGlue(std::string_view file_name, std::string_view source);

}  // namespace wbhost::bindings

#endif  // BINDINGS_RECOGNIZER_H_
