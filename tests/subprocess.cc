#include "tests/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

extern char** environ;

namespace wbhost::testing {

ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::string& stdin_data,
                         const std::vector<std::string>& extra_env) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0 || pipe(err_pipe) != 0)
    return {};
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
      close(fd);
    }
    for (const std::string& kv : extra_env)
      putenv(strdup(kv.c_str()));
    std::vector<char*> args;
    for (const std::string& a : argv)
      args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  signal(SIGPIPE, SIG_IGN);
  size_t written = 0;
  if (stdin_data.empty()) {
    close(in_pipe[1]);
    in_pipe[1] = -1;
  }
  ProcessResult result;
  fcntl(in_pipe[1], F_SETFL, O_NONBLOCK);
  bool out_open = true, err_open = true;
  while (out_open || err_open) {
    pollfd fds[3];
    int n = 0;
    int out_idx = -1, err_idx = -1, in_idx = -1;
    if (out_open)
      fds[out_idx = n++] = {out_pipe[0], POLLIN, 0};
    if (err_open)
      fds[err_idx = n++] = {err_pipe[0], POLLIN, 0};
    if (in_pipe[1] >= 0)
      fds[in_idx = n++] = {in_pipe[1], POLLOUT, 0};
    if (poll(fds, n, -1) < 0)
      break;
    char buffer[65536];
    if (out_idx >= 0 && fds[out_idx].revents) {
      ssize_t r = read(out_pipe[0], buffer, sizeof buffer);
      if (r <= 0)
        out_open = false;
      else
        result.out.append(buffer, r);
    }
    if (err_idx >= 0 && fds[err_idx].revents) {
      ssize_t r = read(err_pipe[0], buffer, sizeof buffer);
      if (r <= 0)
        err_open = false;
      else
        result.err.append(buffer, r);
    }
    if (in_idx >= 0 && fds[in_idx].revents) {
      ssize_t w = write(in_pipe[1], stdin_data.data() + written, stdin_data.size() - written);
      if (w > 0)
        written += static_cast<size_t>(w);
      if (w < 0 || written == stdin_data.size()) {
        close(in_pipe[1]);
        in_pipe[1] = -1;
      }
    }
  }
  if (in_pipe[1] >= 0)
    close(in_pipe[1]);
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) {
    result.signaled = true;
    result.status = 128 + WTERMSIG(status);
  } else {
    result.status = WEXITSTATUS(status);
  }
  return result;
}

std::string WbhostPath() {
  const char* env = getenv("WBHOST");
  if (env != nullptr && env[0] != '\0')
    return env;
  return std::filesystem::absolute("out/wbhost").string();
}

std::string TempDir() {
  static std::string dir = [] {
    char templ[] = "/tmp/wbhost-test-XXXXXX";
    std::string path = mkdtemp(templ);
    static std::string to_remove = path;
    atexit([] { std::filesystem::remove_all(to_remove); });
    return path;
  }();
  return dir;
}

std::string WriteFile(const std::string& dir,
                      const std::string& name,
                      const std::string& contents) {
  std::string path = dir + "/" + name;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  FILE* f = fopen(path.c_str(), "wb");
  fwrite(contents.data(), 1, contents.size(), f);
  fclose(f);
  return path;
}

}  // namespace wbhost::testing
