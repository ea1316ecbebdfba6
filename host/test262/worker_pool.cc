#include "host/test262/worker_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "host/output.h"

namespace wbhost::test262 {

namespace {

struct WorkerProcess {
  pid_t pid = -1;
  int to_worker = -1;
  int from_worker = -1;
  long job = -1;  // index of the job it runs, or -1
  std::string buffer;
  std::chrono::steady_clock::time_point since;
};

WorkerProcess SpawnWorker(const Options& options) {
  int jobs_pipe[2], results_pipe[2];
  WorkerProcess worker;
  if (pipe(jobs_pipe) != 0 || pipe(results_pipe) != 0)
    return worker;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(jobs_pipe[0], 0);
    dup2(results_pipe[1], 3);
    int null_fd = open("/dev/null", O_WRONLY);
    dup2(null_fd, 1);
    dup2(null_fd, 2);
    for (int fd : {jobs_pipe[0], jobs_pipe[1], results_pipe[0], results_pipe[1], null_fd}) {
      if (fd > 3)
        close(fd);
    }
    std::vector<std::string> args = {"wbhost", "test262", "--worker-process", "--timeout",
                                     std::to_string(options.timeout_ms)};
    if (options.standby)
      args.push_back("--standby");
    if (options.wasm_max_memory_mb > 0)
      args.push_back(absl::StrCat("--wasm-max-memory=", options.wasm_max_memory_mb));
    std::vector<char*> argv;
    for (std::string& arg : args)
      argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv("/proc/self/exe", argv.data());
    _exit(127);
  }
  close(jobs_pipe[0]);
  close(results_pipe[1]);
  fcntl(jobs_pipe[1], F_SETFD, FD_CLOEXEC);
  fcntl(results_pipe[0], F_SETFD, FD_CLOEXEC);
  worker.pid = pid;
  worker.to_worker = jobs_pipe[1];
  worker.from_worker = results_pipe[0];
  return worker;
}

void StopWorker(WorkerProcess* worker, bool kill_it) {
  if (worker->pid <= 0)
    return;
  close(worker->to_worker);
  close(worker->from_worker);
  if (kill_it)
    kill(worker->pid, SIGKILL);
  int status = 0;
  waitpid(worker->pid, &status, 0);
  worker->pid = -1;
}

std::string DeathOf(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) {
    return absl::StrCat("the worker process died of signal ", WTERMSIG(status), " (",
                        strsignal(WTERMSIG(status)), ")");
  }
  return absl::StrCat("the worker process exited with code ", WEXITSTATUS(status));
}

}  // namespace

void RunInWorkerProcesses(const std::vector<Job>& jobs,
                          const Options& options,
                          int count,
                          std::vector<Result>* results) {
  signal(SIGPIPE, SIG_IGN);
  std::vector<WorkerProcess> workers(std::min<size_t>(count, std::max<size_t>(jobs.size(), 1)));
  size_t next = 0;
  size_t done = 0;
  size_t failed = 0;
  bool tty = StdoutIsTerminal();
  auto started = std::chrono::steady_clock::now();
  auto assign = [&](WorkerProcess& worker) {
    if (next >= jobs.size())
      return;
    if (worker.pid <= 0)
      worker = SpawnWorker(options);
    worker.job = static_cast<long>(next++);
    worker.since = std::chrono::steady_clock::now();
    std::string line = EncodeJob(jobs[worker.job]);
    if (write(worker.to_worker, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
      // The worker is gone; the read side will see it.
    }
  };
  auto finish = [&](WorkerProcess& worker, Result result) {
    (*results)[worker.job] = std::move(result);
    if ((*results)[worker.job].status != "pass")
      ++failed;
    worker.job = -1;
    ++done;
    if (tty) {
      double secs =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      double rate = done / std::max(secs, 0.001);
      fprintf(stdout, "\r[%zu/%zu] %zu passed, %zu failed, %.0f tests/s, ETA %.0fs   ", done,
              jobs.size(), done - failed, failed, rate,
              (jobs.size() - done) / std::max(rate, 0.001));
      fflush(stdout);
    }
  };
  for (WorkerProcess& worker : workers)
    assign(worker);
  // A worker has its own per-test watchdog; this one is for a worker stuck
  // where the watchdog cannot reach it.
  const auto hard_limit = std::chrono::milliseconds(options.timeout_ms + 5000);
  while (done < jobs.size()) {
    std::vector<pollfd> fds;
    for (WorkerProcess& worker : workers) {
      if (worker.job >= 0)
        fds.push_back({worker.from_worker, POLLIN, 0});
    }
    if (fds.empty())
      break;
    poll(fds.data(), fds.size(), 200);
    for (WorkerProcess& worker : workers) {
      if (worker.job < 0)
        continue;
      bool readable = false;
      for (const pollfd& p : fds) {
        if (p.fd == worker.from_worker && p.revents)
          readable = true;
      }
      if (readable) {
        char chunk[4096];
        ssize_t n = read(worker.from_worker, chunk, sizeof chunk);
        if (n <= 0) {
          // The process died with a test in it: that test crashed.
          close(worker.to_worker);
          close(worker.from_worker);
          std::string why = DeathOf(worker.pid);
          worker.pid = -1;
          double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                worker.since)
                          .count();
          finish(worker, {"crash", why, ms});
          worker.buffer.clear();
          assign(worker);
          continue;
        }
        worker.buffer.append(chunk, static_cast<size_t>(n));
        size_t newline;
        while (worker.job >= 0 && (newline = worker.buffer.find('\n')) != std::string::npos) {
          std::string line = worker.buffer.substr(0, newline);
          worker.buffer.erase(0, newline + 1);
          finish(worker, DecodeResult(line));
          assign(worker);
        }
      } else if (std::chrono::steady_clock::now() - worker.since > hard_limit) {
        StopWorker(&worker, true);
        finish(worker, {"timeout", "the worker stopped answering; it was killed", 0});
        worker.buffer.clear();
        assign(worker);
      }
    }
  }
  for (WorkerProcess& worker : workers)
    StopWorker(&worker, false);
  if (tty)
    WriteStdout("\n");
}

}  // namespace wbhost::test262
