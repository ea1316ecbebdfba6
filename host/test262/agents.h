// $262.agent (test262's INTERPRETING.md): concurrent agents for the Atomics
// tests. Each agent is a WorkerThread, so it runs truly in parallel with the
// test and with the other agents and can block in Atomics.wait.
//
// Main side: start(source), broadcast(sab, id) (blocks until every running
// agent has taken it), getReport() (a string or null), sleep(ms),
// monotonicNow(). Agent side: receiveBroadcast(fn), report(value),
// leaving(), sleep(ms), monotonicNow().
//
// Invariants:
// - An AgentGroup belongs to one test: Stop() ends and joins every agent
//   it started and forgets their reports, so nothing of a test runs on
//   into the next.
// - A blocked broadcast or sleep gives up when the test is stopped (its
//   timeout), so a test whose agents never listen times out, not the run.
#ifndef HOST_TEST262_AGENTS_H_
#define HOST_TEST262_AGENTS_H_

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "v8.h"

namespace wbhost {
class Environment;
class WorkerThread;
}  // namespace wbhost

namespace wbhost::test262 {

class AgentGroup {
 public:
  explicit AgentGroup(Environment* env);
  AgentGroup(const AgentGroup&) = delete;
  AgentGroup& operator=(const AgentGroup&) = delete;
  ~AgentGroup();

  // Fills `agent` (the main side's $262.agent).
  void Install(v8::Local<v8::Context> context, v8::Local<v8::Object> agent);

  void Stop();

  // State the agents share with the group; outlives either side.
  struct Shared {
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::string> reports;
    uint64_t received = 0;  // broadcasts taken by agents, over the test
  };

 private:
  static void Start(const v8::FunctionCallbackInfo<v8::Value>& info);
  static void Broadcast(const v8::FunctionCallbackInfo<v8::Value>& info);
  static void GetReport(const v8::FunctionCallbackInfo<v8::Value>& info);

  Environment* env_;
  std::shared_ptr<Shared> shared_;
  std::vector<std::shared_ptr<WorkerThread>> agents_;
};

}  // namespace wbhost::test262

#endif  // HOST_TEST262_AGENTS_H_
