#include "host/repl/terminal.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <thread>

namespace wbhost::repl {

std::atomic<bool> g_evaluating{false};
std::atomic<bool> g_interrupted{false};

namespace {

// The handler only writes to pipes: the watcher thread stops a running
// evaluation, and the key reader wakes on the other. The reader cannot
// count on its read being interrupted: the kernel may hand the signal to
// another thread, or deliver it between two reads, after the line
// discipline has flushed the keys typed before the Ctrl-C, and the reader
// would then wait for keys that never come. For the same reason keys are
// read from a non-blocking description of the terminal of its own: keys
// that poll() saw may be flushed by a Ctrl-C before the read.
int g_signal_pipe[2] = {-1, -1};
int g_wake_pipe[2] = {-1, -1};
int g_key_fd = -1;
std::thread* g_watcher = nullptr;
IdleWork g_idle;

void OnSigint(int) {
  g_interrupted = true;
  char byte = 1;
  ssize_t ignored = write(g_signal_pipe[1], &byte, 1);
  ignored = write(g_wake_pipe[1], &byte, 1);
  (void)ignored;
}

int IdleTimeoutMs() {
  if (!g_idle.ms_until_due)
    return -1;
  double ms = g_idle.ms_until_due();
  return ms < 0 ? -1 : static_cast<int>(std::ceil(ms));
}

}  // namespace

void StartInterrupts(std::function<void()> on_interrupt) {
  if (pipe(g_signal_pipe) == 0) {
    fcntl(g_signal_pipe[0], F_SETFD, FD_CLOEXEC);
    fcntl(g_signal_pipe[1], F_SETFD, FD_CLOEXEC);
  }
  if (pipe(g_wake_pipe) == 0) {
    for (int fd : g_wake_pipe) {
      fcntl(fd, F_SETFD, FD_CLOEXEC);
      fcntl(fd, F_SETFL, O_NONBLOCK);  // the handler never blocks, nor does draining
    }
  }
  // A description of its own, so that O_NONBLOCK does not reach stdout,
  // which shares stdin's on a terminal. Only a terminal flushes keys.
  if (isatty(STDIN_FILENO))
    g_key_fd = open("/proc/self/fd/0", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  struct sigaction action = {};
  action.sa_handler = OnSigint;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: reads see EINTR
  sigaction(SIGINT, &action, nullptr);
  g_watcher = new std::thread([on_interrupt = std::move(on_interrupt)] {
    char byte;
    while (read(g_signal_pipe[0], &byte, 1) == 1) {
      if (byte == 0)
        return;  // shut down
      if (g_evaluating)
        on_interrupt();
    }
  });
}

void StopInterrupts() {
  char stop = 0;
  ssize_t ignored = write(g_signal_pipe[1], &stop, 1);
  (void)ignored;
  if (g_watcher != nullptr) {
    g_watcher->join();
    delete g_watcher;
    g_watcher = nullptr;
  }
  signal(SIGINT, SIG_DFL);
  for (int* fd :
       {&g_signal_pipe[0], &g_signal_pipe[1], &g_wake_pipe[0], &g_wake_pipe[1], &g_key_fd}) {
    if (*fd >= 0)
      close(*fd);
    *fd = -1;
  }
  g_idle = {};
}

void SetIdleWork(IdleWork work) {
  g_idle = std::move(work);
}

int GetChar(FILE* stream) {
  const int fd = g_key_fd >= 0 ? g_key_fd : fileno(stream);
  while (true) {
    pollfd fds[3] = {{fd, POLLIN, 0}, {g_wake_pipe[0], POLLIN, 0}, {g_idle.wake_fd, POLLIN, 0}};
    int ready = poll(fds, 3, IdleTimeoutMs());
    if (ready < 0) {
      if (errno != EINTR)
        return EOF;
      if (g_interrupted)
        return '\n';
      continue;
    }
    if (fds[1].revents & POLLIN) {
      char drain[64];
      while (read(g_wake_pipe[0], drain, sizeof drain) > 0) {
      }
      // A Ctrl-C during the last evaluation has been dealt with already.
      if (g_interrupted)
        return '\n';
    }
    if (fds[0].revents == 0) {
      // No key: a timer is due or the loop was woken.
      if (g_idle.run && (ready == 0 || (fds[2].revents & POLLIN)) && !g_idle.run())
        return EOF;
      continue;
    }
    unsigned char c;
    ssize_t n = read(fd, &c, 1);
    if (n == 1)
      return c;
    if (n == 0)
      return EOF;
    if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) {
      if (g_interrupted)
        return '\n';
      continue;
    }
    return EOF;
  }
}

}  // namespace wbhost::repl
