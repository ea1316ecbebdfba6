// The event loop of one isolate: timers, tasks posted from other threads,
// V8's own foreground tasks, and a microtask checkpoint after each task.
//
// Invariants:
// - Runs on the isolate's thread only; PostTask/Wake may come from any.
// - The loop is alive while a timer, a queued task, a Ref() or a V8
//   background task (e.g. an async Wasm compile) is pending; V8's own
//   delayed housekeeping tasks keep nothing alive.
// - After every task: a microtask checkpoint, then the unhandled-rejection
//   check (Environment), as node does per tick.
// - process.nextTick callbacks run before each microtask checkpoint and
//   again after it while any were queued, as node's tick queue runs ahead
//   of promise jobs.
#ifndef HOST_EVENT_LOOP_H_
#define HOST_EVENT_LOOP_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "v8.h"

namespace wbhost {

class Environment;

class EventLoop {
 public:
  explicit EventLoop(Environment* env);
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;
  ~EventLoop();

  // setTimeout/setInterval. Returns the timer's id (> 0).
  int64_t AddTimer(v8::Local<v8::Context> context,
                   v8::Local<v8::Function> callback,
                   std::vector<v8::Local<v8::Value>> args,
                   double delay_ms,
                   bool repeat);
  void ClearTimer(int64_t id);
  bool HasTimers() const { return !timers_.empty(); }

  // A task for the isolate's thread, from any thread. It runs inside a
  // HandleScope with the main context entered.
  void PostTask(std::function<void()> task);

  // Keeps the loop alive for work that will PostTask later.
  void Ref();
  void Unref();

  // Runs until nothing is pending or Stop(). Returns normally also when the
  // isolate was terminated (the caller asks Environment why).
  void Run();

  // Drops every timer and queued task and clears Stop(): a test runner
  // starts each test with an empty loop.
  void Reset();

  // Makes Run() return after the current task.
  void Stop();
  bool stopped() const { return stopped_; }

  // Wakes a Run() that waits; any thread.
  void Wake();
  // Wakes a waiting Run() `delay_ms` from now, without keeping the loop
  // alive: V8's delayed tasks (an Atomics.waitAsync timeout) run on time.
  void WakeAfter(double delay_ms);

  // Runs every task and timer that is due now, without waiting.
  void RunDue();

  // For a caller that waits on descriptors of its own (the REPL waits for
  // keys and runs the loop meanwhile): a descriptor that turns readable on
  // Wake() and WakeAfter(), and the milliseconds until a timer or a
  // WakeAfter is due (-1: nothing is; a V8 background task shortens it).
  int WakeFd();
  void DrainWakeFd();
  double MsUntilDue();

  // One turn: ready V8 tasks and microtasks, then one due task or timer,
  // waiting for one if nothing is ready (the REPL awaiting a promise).
  void RunOnce();

  // Runs V8's ready foreground tasks and a microtask checkpoint; used
  // between REPL lines and after the main script.
  void RunPlatformTasksAndMicrotasks();

  // process.nextTick (host/node/process.js): `runner` drains the context's
  // tick queue; RequestTicks() says it has callbacks to run.
  void SetTickRunner(v8::Local<v8::Context> context, v8::Local<v8::Function> runner);
  void RequestTicks() { ticks_pending_ = true; }

  // An exception V8 reports itself, with no TryCatch of the host's around
  // it: one thrown out of a queueMicrotask callback or a
  // FinalizationRegistry cleanup. As node does, it is an uncaught error:
  // printed, exit code 1, the loop stops (unless interactive). A binding's
  // abort that never reached the program (the glue's cleanup or microtask
  // made the call) had no caller to throw to: it is a notice on stderr,
  // and the program goes on.
  void ReportUncaught(v8::Local<v8::Message> message, v8::Local<v8::Value> error);
  // The first such error since the last call (or Reset()), as printed;
  // empty if none. The test262 runner fails a test by it.
  std::string TakeUncaught();

  // Monotonic milliseconds since the process started.
  static double NowMs();

 private:
  struct Timer {
    int64_t id;
    double deadline;
    double interval;
    bool repeat;
    v8::Global<v8::Context> context;
    v8::Global<v8::Function> callback;
    std::vector<v8::Global<v8::Value>> args;
  };
  using TimerKey = std::pair<double, uint64_t>;  // (deadline, sequence)

  bool Alive();
  // After an uncaught error was printed: exit code 1 and Stop(), unless
  // interactive.
  void EndOnUncaught();
  bool RunExpiredTimer();
  bool RunQueuedTask();
  void WaitForWork();
  void RunTicks();

  Environment* env_;
  v8::Isolate* isolate_;
  std::map<TimerKey, Timer> queue_;
  std::map<int64_t, TimerKey> timers_;
  int64_t next_timer_id_ = 1;
  uint64_t sequence_ = 0;
  bool stopped_ = false;
  std::string uncaught_;  // see TakeUncaught
  v8::Global<v8::Context> tick_context_;
  v8::Global<v8::Function> tick_runner_;
  bool ticks_pending_ = false;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  int refs_ = 0;
  bool woken_ = false;
  double wake_at_ = -1;  // NowMs() of a WakeAfter, or -1
  int wake_fd_ = -1;     // an eventfd, once WakeFd() was asked for
};

}  // namespace wbhost

#endif  // HOST_EVENT_LOOP_H_
