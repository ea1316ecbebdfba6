// The compiled modules of wasm-bindgen packages, once per process however
// their Wasm arrived (design invariant 5): from a file the glue names, from
// bytes the program or a JS module gives (base64 inline, a renamed file
// read by the program, a Response), or as a WebAssembly.Module the program
// compiled itself. Bytes are told apart by content (a hash, then a
// comparison with the cached module's own bytes), so the same bytes given
// twice, in any realm, compile once.
//
// --wasm-max-memory bounds every memory by rewriting the bytes before the
// one compile (bindings/wasm/memory_limit.h); a Module the program compiled
// is then compiled again, once, from its rewritten bytes. The other
// rewrites serve checkpoints: the state a module keeps to itself exported
// (bindings/wasm/state_exports.h), and its memory imported so that wbhost
// chooses each instance's memory (bindings/wasm/memory_import.h).
//
// Natives (for bindings/js/package.js):
//   compile(path)          {module, maxPages, memory} of the .wasm file at `path`
//   compileBytes(bytes)    {module, maxPages, memory} of a BufferSource
//   adoptModule(module)    {module, maxPages, memory} for a Module the program gave
// `memory` ({initial, maximum}, the imported memory's limits) is there only
// when the rewrite made the memory an import.
#ifndef BINDINGS_MODULE_CACHE_H_
#define BINDINGS_MODULE_CACHE_H_

#include "v8.h"

namespace wbhost::bindings {

void InstallModuleCacheNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives);

}  // namespace wbhost::bindings

#endif  // BINDINGS_MODULE_CACHE_H_
