#include "host/output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

namespace wbhost {

void WriteStdout(std::string_view text) {
  fwrite(text.data(), 1, text.size(), stdout);
}

void WriteStderr(std::string_view text) {
  fflush(stdout);
  fwrite(text.data(), 1, text.size(), stderr);
  fflush(stderr);
}

void FlushStdout() {
  fflush(stdout);
}

bool StdoutIsTerminal() {
  return isatty(STDOUT_FILENO) == 1;
}
bool StderrIsTerminal() {
  return isatty(STDERR_FILENO) == 1;
}

bool ColorsFor(int fd) {
  if (isatty(fd) != 1)
    return false;
  const char* no_color = getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0')
    return false;
  const char* term = getenv("TERM");
  if (term != nullptr && strcmp(term, "dumb") == 0)
    return false;
  return true;
}

}  // namespace wbhost
