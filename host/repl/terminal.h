// The REPL's terminal: keys for libedit, Ctrl-C, and the event loop's work
// run while the prompt waits for keys.
//
// Invariants: the SIGINT handler only writes to pipes; a watcher thread
// calls on_interrupt (it terminates a running evaluation and wakes the
// loop an `await` waits on); idle work never runs while an evaluation does.
#ifndef HOST_REPL_TERMINAL_H_
#define HOST_REPL_TERMINAL_H_

#include <atomic>
#include <cstdio>
#include <functional>

namespace wbhost::repl {

// Set while an input runs; a Ctrl-C then interrupts it.
extern std::atomic<bool> g_evaluating;
// Set by Ctrl-C; the REPL clears it when it has dealt with it.
extern std::atomic<bool> g_interrupted;

// Installs the SIGINT handler and its watcher thread; `on_interrupt` runs
// on the watcher thread for a Ctrl-C during an evaluation.
void StartInterrupts(std::function<void()> on_interrupt);
void StopInterrupts();

// While libedit waits for a key: `run` is called when `wake_fd` turns
// readable or `ms_until_due()` milliseconds have passed (-1: no timeout);
// when it returns false, the read ends as at the end of input.
struct IdleWork {
  int wake_fd = -1;
  std::function<double()> ms_until_due;
  std::function<bool()> run;
};
void SetIdleWork(IdleWork work);

// libedit's rl_getc_function: a key, '\n' at once on Ctrl-C, EOF at the end.
int GetChar(FILE* stream);

}  // namespace wbhost::repl

#endif  // HOST_REPL_TERMINAL_H_
