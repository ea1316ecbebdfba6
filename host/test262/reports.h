// The runner's reports: --json (one record per test and scenario, which
// --merge reads back to combine shards) and --junit.
#ifndef HOST_TEST262_REPORTS_H_
#define HOST_TEST262_REPORTS_H_

#include <string>
#include <vector>

#include "host/test262/options.h"

namespace wbhost::test262 {

struct Record {
  std::string path, scenario, status, message;
  double duration_ms = 0;
};

void WriteJson(const std::string& file, const std::vector<Record>& records);
void WriteJunit(const std::string& file, const std::vector<Record>& records);

// --merge: the shards' --json files as one run (a summary line, FAIL lines,
// and --json / --junit if given); returns the exit code.
int MergeReports(const Options& options);

}  // namespace wbhost::test262

#endif  // HOST_TEST262_REPORTS_H_
