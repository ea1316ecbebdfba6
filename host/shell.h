// One run of the shell: an isolate, its Environment and main context, then
// -e code, FILE, standard input and/or the REPL, and the event loop after
// each. Returns the process's exit code (host/exit_codes.h).
#ifndef HOST_SHELL_H_
#define HOST_SHELL_H_

#include "host/options.h"

namespace wbhost {

class V8Runtime;

int RunShell(const ShellOptions& options, V8Runtime& runtime);

}  // namespace wbhost

#endif  // HOST_SHELL_H_
