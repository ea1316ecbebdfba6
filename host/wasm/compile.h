// Compiling Wasm bytes on V8 10.2, modern exception handling included:
// the bytes are compiled as they are; only a module V8 refuses is looked
// at, and if it uses modern exception handling (try_table, throw_ref,
// exnref) it is translated to the legacy form (bindings/wasm/
// eh_translate.h) and that is compiled. A module that declares exnref (in
// a type or a local, as toolchains' landing pads do) is translated without
// asking V8 first, which would spend time refusing it. Every module that
// compiles as it is costs nothing more than that look at its declarations. Used by every path bytes
// take to a module: the JS API (exceptions.js through the natives below), `.wasm` ES modules, and
// the bindings' module cache.
//
// Natives of the wasm_exceptions builtin:
//   translateEh(bytes, api)
//                        the translated bytes (an ArrayBuffer) of a module
//                        that uses modern exception handling; undefined for
//                        one that does not or that cannot be read (V8's
//                        error stands); a CompileError naming what and where
//                        for one that cannot be translated, its message
//                        starting with `api` ("WebAssembly.compile()"), as
//                        V8's do
//   declaresExnRef(bytes)  whether a module declares exnref (a type, global,
//                        table or local: bindings/wasm/code.h): V8 10.2
//                        refuses it, so it is translated without asking
#ifndef HOST_WASM_COMPILE_H_
#define HOST_WASM_COMPILE_H_

#include <string_view>

#include "v8.h"

namespace wbhost {

// V8's compile of `bytes`, or of their translation when V8 refused them
// and they use modern exception handling. Empty with a CompileError
// pending otherwise (V8's own, or the translation's naming what it cannot
// translate).
v8::MaybeLocal<v8::WasmModuleObject> CompileWasm(v8::Isolate* isolate, std::string_view bytes);

void InstallCompileNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives);

}  // namespace wbhost

#endif  // HOST_WASM_COMPILE_H_
