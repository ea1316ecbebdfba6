// One test in one scenario, its result, and how both cross the pipe
// between the runner and its worker processes: a line each, fields
// separated by tabs (jobs on the worker's stdin, results on its fd 3).
#ifndef HOST_TEST262_JOB_H_
#define HOST_TEST262_JOB_H_

#include <string>

namespace wbhost::test262 {

// One (test, scenario) to run.
struct Job {
  std::string path;      // absolute
  std::string relative;  // as reported: relative to the corpus root
  std::string scenario;  // sloppy, strict, module, raw; parser corpora: parse
  std::string harness_dir;
  std::string parser_expect;  // "pass" or "fail" for the parser corpus
  bool module_source = false;
};

struct Result {
  std::string status;  // pass, fail, skip, timeout, crash, error
  std::string message;
  double duration_ms = 0;
};

// A line each, newline included; a message loses its tabs and newlines.
std::string EncodeJob(const Job& job);
bool DecodeJob(const std::string& line, Job* job);
std::string EncodeResult(const Result& result);
Result DecodeResult(const std::string& line);  // without its newline

}  // namespace wbhost::test262

#endif  // HOST_TEST262_JOB_H_
