// An isolate on a thread of its own, with the host's globals and event loop:
// what d8's `Worker` and test262's `$262.agent` agents run on. Messages
// cross as SerializedMessage, never as V8 handles.
//
// Invariants:
// - The parent owns the thread through a shared_ptr and joins it (Join or
//   the destructor): a worker never outlives the Environment that made it
//   (Environment::TerminateWorkers runs before the parent isolate goes).
// - Terminate() is safe from any thread and at any time, also before the
//   worker's isolate exists or after it is gone; it ends an Atomics.wait.
// - The worker's loop stays alive until Close() or Terminate(): a worker
//   waits for messages, as a web worker does.
#ifndef HOST_WORKER_THREAD_H_
#define HOST_WORKER_THREAD_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "host/options.h"
#include "host/serialized_message.h"
#include "v8-platform.h"
#include "v8.h"

namespace wbhost {

class Environment;

class WorkerThread {
 public:
  struct Hooks {
    // On the worker's thread once its context exists: installs the globals
    // of this kind of worker and runs its script. false ends the worker.
    std::function<bool(Environment*, v8::Local<v8::Context>)> start;
    // On the worker's thread, for each message posted to it.
    std::function<void(Environment*, v8::Local<v8::Context>, std::unique_ptr<SerializedMessage>)>
        on_message;
  };

  WorkerThread(v8::Platform* platform, const ShellOptions& options, Hooks hooks);
  WorkerThread(const WorkerThread&) = delete;
  WorkerThread& operator=(const WorkerThread&) = delete;
  ~WorkerThread();  // terminates and joins

  // The WorkerThread whose isolate this is, or null (the main isolate).
  static WorkerThread* Of(Environment* env);

  // --- Parent side.
  void PostToWorker(std::unique_ptr<SerializedMessage> message);
  // The next message the worker posted; null once the worker has ended and
  // every message was taken, or when `give_up()` says so (checked every few
  // milliseconds: a watchdog's stop must reach a blocked parent).
  std::unique_ptr<SerializedMessage> WaitForMessage(const std::function<bool()>& give_up);
  // Stops the worker's JS at once; the thread ends soon after.
  void Terminate();
  void Join();
  bool finished() const;

  // --- Worker side.
  void PostToParent(std::unique_ptr<SerializedMessage> message);
  // Ends the worker after the current task (close() in a worker).
  void Close();

 private:
  void Main();
  void DrainInbox();

  v8::Platform* platform_;
  ShellOptions options_;
  Hooks hooks_;

  mutable std::mutex mutex_;
  std::condition_variable outbox_ready_;
  std::deque<std::unique_ptr<SerializedMessage>> inbox_;
  std::deque<std::unique_ptr<SerializedMessage>> outbox_;
  Environment* env_ = nullptr;  // set while the worker's isolate runs
  bool terminating_ = false;
  bool closing_ = false;
  bool finished_ = false;
  std::thread thread_;
};

}  // namespace wbhost

#endif  // HOST_WORKER_THREAD_H_
