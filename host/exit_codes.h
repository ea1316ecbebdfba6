// Process exit codes of the wbhost binary. Documented in README.md; tests
// assert on them, so change them only together with both.
#ifndef HOST_EXIT_CODES_H_
#define HOST_EXIT_CODES_H_

namespace wbhost {

enum ExitCode : int {
  kExitOk = 0,
  // An uncaught exception or an unhandled promise rejection.
  kExitUncaught = 1,
  // Bad command line, or a FILE that is missing, unreadable or a directory.
  kExitUsage = 2,
  // Internal error: something wbhost itself could not do (not the script).
  kExitInternal = 70,
  // --timeout elapsed and the watchdog terminated the script.
  kExitTimeout = 124,
  // The JS heap reached --max-heap (or V8 ran out of memory).
  kExitOutOfMemory = 125,
  // SIGINT while a script (not the REPL) was running.
  kExitInterrupted = 130,
};

}  // namespace wbhost

#endif  // HOST_EXIT_CODES_H_
