// Tab completion of globals and property chains for libedit.
#ifndef HOST_REPL_COMPLETION_H_
#define HOST_REPL_COMPLETION_H_

namespace wbhost {

class Environment;

namespace repl {

// Makes libedit complete names from `env`'s main context.
void InstallCompletion(Environment* env);

}  // namespace repl
}  // namespace wbhost

#endif  // HOST_REPL_COMPLETION_H_
