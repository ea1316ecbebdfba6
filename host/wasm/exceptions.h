// The WebAssembly namespace of a new context made as the JS API has it
// where V8 10.2 differs (exceptions.cc, exceptions.js). Runs before any
// other context hook, so that what those wrap (the --trace-recovery
// instantiate wrapper) is wbhost's WebAssembly, not V8's underneath it.
#ifndef HOST_WASM_EXCEPTIONS_H_
#define HOST_WASM_EXCEPTIONS_H_

#include "v8.h"

namespace wbhost {

void AdjustWebAssembly(v8::Local<v8::Context> context);

}  // namespace wbhost

#endif  // HOST_WASM_EXCEPTIONS_H_
