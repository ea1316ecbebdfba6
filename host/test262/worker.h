// The worker side of the runner: a process (`wbhost test262
// --worker-process`) with one isolate that runs each job it is given in a
// fresh context, under a watchdog.
#ifndef HOST_TEST262_WORKER_H_
#define HOST_TEST262_WORKER_H_

#include "host/test262/options.h"

namespace wbhost {
class V8Runtime;
}

namespace wbhost::test262 {

// Jobs from stdin, results to fd 3 (host/test262/job.h), until stdin
// ends; returns the exit code.
int RunWorkerProcessLoop(V8Runtime& runtime, const Options& options);

}  // namespace wbhost::test262

#endif  // HOST_TEST262_WORKER_H_
