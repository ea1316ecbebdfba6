// --trace-recovery lines for instances that did not become bindings
// (instance_trace.cc).
#ifndef BINDINGS_INSTANCE_TRACE_H_
#define BINDINGS_INSTANCE_TRACE_H_

#include "v8.h"

namespace wbhost {
class Environment;
}

namespace wbhost::bindings {

// Under --trace-recovery, has the isolate report each instance the program
// makes that is not a binding's, with the reason.
void InstallInstanceTrace(Environment* env);

// Under --trace-recovery, has `context`'s WebAssembly.instantiate and
// instantiateStreaming report too (bindings/js/instance_trace.js).
void InstallInstantiateTrace(Environment* env, v8::Local<v8::Context> context);

// traceInstance() for that builtin.
void InstallInstanceTraceNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives);

}  // namespace wbhost::bindings

#endif  // BINDINGS_INSTANCE_TRACE_H_
