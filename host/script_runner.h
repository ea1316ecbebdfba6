// Compiling and running classic scripts, with the file name as the origin so
// that errors and stacks name it.
#ifndef HOST_SCRIPT_RUNNER_H_
#define HOST_SCRIPT_RUNNER_H_

#include <string>
#include <string_view>

#include "v8.h"

namespace wbhost {

// Runs `source` as a classic script in `context`. An exception stays
// pending for the caller's TryCatch.
v8::MaybeLocal<v8::Value> CompileAndRunScript(v8::Local<v8::Context> context,
                                              std::string_view source,
                                              std::string_view name);

}  // namespace wbhost

#endif  // HOST_SCRIPT_RUNNER_H_
