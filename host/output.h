// The process's standard streams as the host writes them. stdout is
// buffered (flushed before anything goes to stderr, before a read from
// stdin and at exit) so that output order holds when both streams go to
// one pipe.
#ifndef HOST_OUTPUT_H_
#define HOST_OUTPUT_H_

#include <functional>
#include <string_view>

namespace wbhost {

void WriteStdout(std::string_view text);
void WriteStderr(std::string_view text);
void FlushStdout();

// Called once, before the next text goes to stdout or stderr (then
// dropped): the REPL clears its prompt line when the event loop prints
// while a line is being edited. Only output of the setter's thread runs it.
void SetBeforeNextOutput(std::function<void()> hook);

// Whether a stream is a terminal and colours are wanted there (NO_COLOR
// unset, TERM not "dumb").
bool StdoutIsTerminal();
bool StderrIsTerminal();
bool ColorsFor(int fd);

}  // namespace wbhost

#endif  // HOST_OUTPUT_H_
