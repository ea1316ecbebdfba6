// The interactive REPL (libedit) of the shell.
#ifndef HOST_REPL_REPL_H_
#define HOST_REPL_REPL_H_

namespace wbhost {

class Environment;

// Runs the REPL in the main context until .exit, Ctrl-D or quit().
void RunRepl(Environment* env);

}  // namespace wbhost

#endif  // HOST_REPL_REPL_H_
