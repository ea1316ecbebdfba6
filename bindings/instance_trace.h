// --trace-recovery lines for instances that did not become bindings
// (instance_trace.cc).
#ifndef BINDINGS_INSTANCE_TRACE_H_
#define BINDINGS_INSTANCE_TRACE_H_

namespace wbhost {
class Environment;
}

namespace wbhost::bindings {

// Under --trace-recovery, has the isolate report each instance the program
// makes that is not a binding's, with the reason.
void InstallInstanceTrace(Environment* env);

}  // namespace wbhost::bindings

#endif  // BINDINGS_INSTANCE_TRACE_H_
