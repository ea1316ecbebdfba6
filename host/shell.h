// One run of the shell: an isolate, its Environment and main context, then
// -e code, FILE, standard input and/or the REPL, and the event loop after
// each. Returns the process's exit code (host/exit_codes.h).
#ifndef HOST_SHELL_H_
#define HOST_SHELL_H_

#include "host/options.h"

namespace wbhost {

class V8Runtime;

int RunShell(const ShellOptions& options, V8Runtime& runtime);

// How FILE runs: an ES module (.mjs, --module, a .js in a package whose
// package.json says "type": "module"), a CommonJS module (.cjs, or such a
// .js with "type": "commonjs"), or else a classic script, as d8 runs it.
enum class MainFormat { kScript, kModule, kCommonJs };
MainFormat MainFormatOf(const ShellOptions& options);

}  // namespace wbhost

#endif  // HOST_SHELL_H_
