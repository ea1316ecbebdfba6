#include "host/waking_platform.h"

#include <mutex>
#include <unordered_map>

#include "host/event_loop.h"
#include "v8-version.h"

namespace wbhost {

namespace {

std::mutex& LoopsMutex() {
  static std::mutex mutex;
  return mutex;
}

std::unordered_map<v8::Isolate*, EventLoop*>& Loops() {
  static auto* loops = new std::unordered_map<v8::Isolate*, EventLoop*>;
  return *loops;
}

// delay_ms 0: now.
void WakeLoopOf(v8::Isolate* isolate, double delay_ms = 0) {
  std::lock_guard<std::mutex> lock(LoopsMutex());
  auto it = Loops().find(isolate);
  if (it == Loops().end())
    return;
  if (delay_ms > 0) {
    // A little late rather than early: the platform's clock decides when
    // the task is due, and a loop woken too soon would sleep on past it.
    it->second->WakeAfter(delay_ms + 1);
  } else {
    it->second->Wake();
  }
}

// A delayed task wakes a waiting loop when it is due, but does not keep
// the loop alive (the loop's invariants). On 13.6 every Post*TaskImpl is
// overridden, since the defaults drop the task.
class WakingTaskRunner : public v8::TaskRunner {
 public:
  WakingTaskRunner(std::shared_ptr<v8::TaskRunner> inner, v8::Isolate* isolate)
      : inner_(std::move(inner)), isolate_(isolate) {}

  bool IdleTasksEnabled() override { return inner_->IdleTasksEnabled(); }
  bool NonNestableTasksEnabled() const override { return inner_->NonNestableTasksEnabled(); }
  bool NonNestableDelayedTasksEnabled() const override {
    return inner_->NonNestableDelayedTasksEnabled();
  }

#if V8_MAJOR_VERSION < 13
  void PostTask(std::unique_ptr<v8::Task> task) override {
    inner_->PostTask(std::move(task));
    WakeLoopOf(isolate_);
  }
  void PostNonNestableTask(std::unique_ptr<v8::Task> task) override {
    inner_->PostNonNestableTask(std::move(task));
    WakeLoopOf(isolate_);
  }
  void PostDelayedTask(std::unique_ptr<v8::Task> task, double delay_in_seconds) override {
    inner_->PostDelayedTask(std::move(task), delay_in_seconds);
    WakeLoopOf(isolate_, delay_in_seconds * 1000);
  }
  void PostNonNestableDelayedTask(std::unique_ptr<v8::Task> task,
                                  double delay_in_seconds) override {
    inner_->PostNonNestableDelayedTask(std::move(task), delay_in_seconds);
    WakeLoopOf(isolate_, delay_in_seconds * 1000);
  }
  void PostIdleTask(std::unique_ptr<v8::IdleTask> task) override {
    inner_->PostIdleTask(std::move(task));
  }
#else
 protected:
  void PostTaskImpl(std::unique_ptr<v8::Task> task, const v8::SourceLocation& location) override {
    inner_->PostTask(std::move(task), location);
    WakeLoopOf(isolate_);
  }
  void PostNonNestableTaskImpl(std::unique_ptr<v8::Task> task,
                               const v8::SourceLocation& location) override {
    inner_->PostNonNestableTask(std::move(task), location);
    WakeLoopOf(isolate_);
  }
  void PostDelayedTaskImpl(std::unique_ptr<v8::Task> task,
                           double delay_in_seconds,
                           const v8::SourceLocation& location) override {
    inner_->PostDelayedTask(std::move(task), delay_in_seconds, location);
    WakeLoopOf(isolate_, delay_in_seconds * 1000);
  }
  void PostNonNestableDelayedTaskImpl(std::unique_ptr<v8::Task> task,
                                      double delay_in_seconds,
                                      const v8::SourceLocation& location) override {
    inner_->PostNonNestableDelayedTask(std::move(task), delay_in_seconds, location);
    WakeLoopOf(isolate_, delay_in_seconds * 1000);
  }
  void PostIdleTaskImpl(std::unique_ptr<v8::IdleTask> task,
                        const v8::SourceLocation& location) override {
    inner_->PostIdleTask(std::move(task), location);
  }
#endif

 private:
  std::shared_ptr<v8::TaskRunner> inner_;
  v8::Isolate* isolate_;
};

// Every virtual the default platform overrides is forwarded to it, so that
// V8 sees the default platform but for the foreground runners.
class WakingPlatform : public v8::Platform {
 public:
  explicit WakingPlatform(v8::Platform* inner) : inner_(inner) {}

  v8::PageAllocator* GetPageAllocator() override { return inner_->GetPageAllocator(); }
  void OnCriticalMemoryPressure() override { inner_->OnCriticalMemoryPressure(); }
  int NumberOfWorkerThreads() override { return inner_->NumberOfWorkerThreads(); }
  bool IdleTasksEnabled(v8::Isolate* isolate) override { return inner_->IdleTasksEnabled(isolate); }
  double MonotonicallyIncreasingTime() override { return inner_->MonotonicallyIncreasingTime(); }
  double CurrentClockTimeMillis() override { return inner_->CurrentClockTimeMillis(); }
  StackTracePrinter GetStackTracePrinter() override { return inner_->GetStackTracePrinter(); }
  v8::TracingController* GetTracingController() override { return inner_->GetTracingController(); }
  void DumpWithoutCrashing() override { inner_->DumpWithoutCrashing(); }
  v8::HighAllocationThroughputObserver* GetHighAllocationThroughputObserver() override {
    return inner_->GetHighAllocationThroughputObserver();
  }

#if V8_MAJOR_VERSION < 13
  v8::ZoneBackingAllocator* GetZoneBackingAllocator() override {
    return inner_->GetZoneBackingAllocator();
  }
  bool OnCriticalMemoryPressure(size_t length) override {
    return inner_->OnCriticalMemoryPressure(length);
  }
  std::shared_ptr<v8::TaskRunner> GetForegroundTaskRunner(v8::Isolate* isolate) override {
    return std::make_shared<WakingTaskRunner>(inner_->GetForegroundTaskRunner(isolate), isolate);
  }
  void CallOnWorkerThread(std::unique_ptr<v8::Task> task) override {
    inner_->CallOnWorkerThread(std::move(task));
  }
  void CallBlockingTaskOnWorkerThread(std::unique_ptr<v8::Task> task) override {
    inner_->CallBlockingTaskOnWorkerThread(std::move(task));
  }
  void CallLowPriorityTaskOnWorkerThread(std::unique_ptr<v8::Task> task) override {
    inner_->CallLowPriorityTaskOnWorkerThread(std::move(task));
  }
  void CallDelayedOnWorkerThread(std::unique_ptr<v8::Task> task, double delay_in_seconds) override {
    inner_->CallDelayedOnWorkerThread(std::move(task), delay_in_seconds);
  }
  std::unique_ptr<v8::JobHandle> PostJob(v8::TaskPriority priority,
                                         std::unique_ptr<v8::JobTask> job_task) override {
    return inner_->PostJob(priority, std::move(job_task));
  }
#else
  using v8::Platform::GetForegroundTaskRunner;
  std::shared_ptr<v8::TaskRunner> GetForegroundTaskRunner(v8::Isolate* isolate,
                                                          v8::TaskPriority priority) override {
    return std::make_shared<WakingTaskRunner>(inner_->GetForegroundTaskRunner(isolate, priority),
                                              isolate);
  }
  v8::ThreadIsolatedAllocator* GetThreadIsolatedAllocator() override {
    return inner_->GetThreadIsolatedAllocator();
  }
  std::unique_ptr<v8::ScopedBlockingCall> CreateBlockingScope(
      v8::BlockingType blocking_type) override {
    return inner_->CreateBlockingScope(blocking_type);
  }
  int64_t CurrentClockTimeMilliseconds() override {
    return inner_->CurrentClockTimeMilliseconds();
  }
  double CurrentClockTimeMillisecondsHighResolution() override {
    return inner_->CurrentClockTimeMillisecondsHighResolution();
  }

 protected:
  // Through the public entry points: the Impls are protected. A job's
  // workers are the default platform's.
  std::unique_ptr<v8::JobHandle> CreateJobImpl(v8::TaskPriority priority,
                                               std::unique_ptr<v8::JobTask> job_task,
                                               const v8::SourceLocation& location) override {
    return inner_->CreateJob(priority, std::move(job_task), location);
  }
  void PostTaskOnWorkerThreadImpl(v8::TaskPriority priority,
                                  std::unique_ptr<v8::Task> task,
                                  const v8::SourceLocation& location) override {
    inner_->PostTaskOnWorkerThread(priority, std::move(task), location);
  }
  void PostDelayedTaskOnWorkerThreadImpl(v8::TaskPriority priority,
                                         std::unique_ptr<v8::Task> task,
                                         double delay_in_seconds,
                                         const v8::SourceLocation& location) override {
    inner_->PostDelayedTaskOnWorkerThread(priority, std::move(task), delay_in_seconds, location);
  }
#endif

 private:
  v8::Platform* inner_;
};

}  // namespace

std::unique_ptr<v8::Platform> NewWakingPlatform(v8::Platform* inner) {
  return std::make_unique<WakingPlatform>(inner);
}

void SetLoopToWake(v8::Isolate* isolate, EventLoop* loop) {
  std::lock_guard<std::mutex> lock(LoopsMutex());
  if (loop != nullptr) {
    Loops()[isolate] = loop;
  } else {
    Loops().erase(isolate);
  }
}

}  // namespace wbhost
