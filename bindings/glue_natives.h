// The natives that read and evaluate wasm-bindgen glue (glue_natives.cc
// lists them).
#ifndef BINDINGS_GLUE_NATIVES_H_
#define BINDINGS_GLUE_NATIVES_H_

#include "v8.h"

namespace wbhost::bindings {

void InstallGlueNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives);

}  // namespace wbhost::bindings

#endif  // BINDINGS_GLUE_NATIVES_H_
