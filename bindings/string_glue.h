// no-modules glue given as a string (string_glue.cc).
#ifndef BINDINGS_STRING_GLUE_H_
#define BINDINGS_STRING_GLUE_H_

#include <optional>
#include <string>

#include "v8.h"

namespace wbhost::bindings {

// The host's source hook: `source` with the call that makes its global
// replaced by wbhost's, when it is no-modules wasm-bindgen glue.
std::optional<std::string> GlueFromString(v8::Local<v8::Context> context,
                                          const std::string& source,
                                          const std::string& name);

}  // namespace wbhost::bindings

#endif  // BINDINGS_STRING_GLUE_H_
