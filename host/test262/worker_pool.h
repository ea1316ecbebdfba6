// The runner's side of its worker processes (host/test262/worker.h): as
// many as asked, each given one job at a time; one that dies or stops
// answering is that job's result (crash, timeout) and is replaced.
#ifndef HOST_TEST262_WORKER_POOL_H_
#define HOST_TEST262_WORKER_POOL_H_

#include <vector>

#include "host/test262/job.h"
#include "host/test262/options.h"

namespace wbhost::test262 {

// Runs `jobs` in `count` worker processes; (*results)[i] is jobs[i]'s. On
// a terminal, a progress line.
void RunInWorkerProcesses(const std::vector<Job>& jobs,
                          const Options& options,
                          int count,
                          std::vector<Result>* results);

}  // namespace wbhost::test262

#endif  // HOST_TEST262_WORKER_POOL_H_
