// Per-isolate state of the host: options, the event loop, realms, pending
// promise rejections and how the run ends. Host functions reach it through
// Environment::From(isolate).
//
// Invariants:
// - One Environment per isolate, created before any context and destroyed
//   after the last one; it lives in isolate data slot kIsolateSlot.
// - Every context the host makes carries a ContextData pointer in embedder
//   data slot kContextSlot (see context_data.h).
#ifndef HOST_ENVIRONMENT_H_
#define HOST_ENVIRONMENT_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "host/event_loop.h"
#include "host/options.h"
#include "v8-platform.h"
#include "v8.h"

namespace wbhost {

class ContextData;
class ModuleLoader;
class WorkerThread;

// Why a run stopped early.
enum class StopReason { kNone, kQuit, kTimeout, kOutOfMemory, kInterrupt };

class Environment;

// What a folder host does not know of (bindings/) sets up on each new
// isolate, once its Environment exists: called from a static initialiser
// of that folder. Returns true.
using EnvironmentHook = void (*)(Environment* env);
bool RegisterEnvironmentHook(EnvironmentHook hook);

class Environment {
 public:
  static constexpr uint32_t kIsolateSlot = 0;

  Environment(v8::Isolate* isolate, v8::Platform* platform, const ShellOptions& options);
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;
  ~Environment();

  static Environment* From(v8::Isolate* isolate) {
    return static_cast<Environment*>(isolate->GetData(kIsolateSlot));
  }

  v8::Isolate* isolate() const { return isolate_; }
  v8::Platform* platform() const { return platform_; }
  const ShellOptions& options() const { return options_; }
  EventLoop& loop() { return *loop_; }

  // The main context (realm 0).
  v8::Local<v8::Context> main_context() const { return main_context_.Get(isolate_); }
  void set_main_context(v8::Local<v8::Context> context);

  // --- Realms (d8's Realm API). Index 0 is the main context.
  int AddRealm(v8::Local<v8::Context> context);
  v8::MaybeLocal<v8::Context> Realm(int index) const;
  int RealmIndexOf(v8::Local<v8::Context> context) const;
  void DisposeRealm(int index);
  v8::Global<v8::Value>& realm_shared() { return realm_shared_; }

  // --- Ending the run.
  // Stops JS at once (TerminateExecution) and the loop after it, recording
  // why and with which exit code. Safe from any thread.
  void RequestStop(StopReason reason, int exit_code);
  StopReason stop_reason() const { return stop_reason_.load(); }
  int exit_code() const { return exit_code_; }
  void set_exit_code(int code) { exit_code_ = code; }
  // After a stop for kInterrupt in the REPL: forget it and go on.
  void ClearStop();

  // --- Unhandled rejections, tracked as node does: a handler added before
  // the check retracts the report.
  void TrackRejection(v8::PromiseRejectMessage& message);
  // Reports every rejection still unhandled; true if there was one.
  bool ReportUnhandledRejections();

  // Keeps a context's module loader (ModuleLoader::ForContext makes them)
  // alive as long as the isolate.
  void AdoptModuleLoader(std::unique_ptr<ModuleLoader> loader);

  // Makes the per-context record that context_data.h describes; owned here
  // so it outlives every context of the isolate.
  ContextData* NewContextData();

  // quit() ends the process at once (the shell), or only stops the script
  // (embedders of an Environment that must survive it, such as a test
  // runner's workers).
  bool quit_exits_process() const { return quit_exits_process_; }
  void set_quit_exits_process(bool value) { quit_exits_process_ = value; }

  // Whether unhandled rejections are reported (a test runner ignores them).
  void set_track_rejections(bool value) { track_rejections_ = value; }

  // --- Workers (d8's Worker, test262 agents) this isolate started. Each is
  // terminated and joined by TerminateWorkers, which the destructor runs.
  void AdoptWorker(std::shared_ptr<WorkerThread> worker);
  void TerminateWorkers();

  // Native state a JS object owns, freed by that object's weak callback
  // (which calls ReleaseNative first) or, for objects still alive at the
  // end, by the environment: V8 runs no weak callbacks when an isolate is
  // torn down.
  void KeepNative(void* key, std::function<void()> free);
  void ReleaseNative(void* key);
  // Set in a worker's own Environment: the thread it runs on.
  WorkerThread* worker_thread() const { return worker_thread_; }
  void set_worker_thread(WorkerThread* thread) { worker_thread_ = thread; }

  // Called by the REPL so an uncaught error does not end the process.
  bool interactive() const { return interactive_; }
  void set_interactive(bool value) { interactive_ = value; }

 private:
  std::unordered_map<void*, std::function<void()>> natives_kept_;
  struct Rejection {
    v8::Global<v8::Promise> promise;
    v8::Global<v8::Value> reason;
    v8::Global<v8::Message> message;
  };

  v8::Isolate* isolate_;
  v8::Platform* platform_;
  ShellOptions options_;
  std::unique_ptr<EventLoop> loop_;
  v8::Global<v8::Context> main_context_;
  std::vector<v8::Global<v8::Context>> realms_;
  v8::Global<v8::Value> realm_shared_;
  std::vector<Rejection> rejections_;
  std::vector<std::unique_ptr<ModuleLoader>> module_loaders_;
  std::vector<std::unique_ptr<ContextData>> context_data_;
  std::vector<std::shared_ptr<WorkerThread>> workers_;
  WorkerThread* worker_thread_ = nullptr;
  std::atomic<StopReason> stop_reason_{StopReason::kNone};
  int exit_code_ = 0;
  bool interactive_ = false;
  bool quit_exits_process_ = true;
  bool track_rejections_ = true;
};

}  // namespace wbhost

#endif  // HOST_ENVIRONMENT_H_
