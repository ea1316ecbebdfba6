#include "host/event_loop.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <chrono>

#include "host/environment.h"
#include "host/error_report.h"
#include "host/exit_codes.h"
#include "host/output.h"
#include "host/waking_platform.h"
#include "libplatform/libplatform.h"

namespace wbhost {

namespace {

const auto kProcessStart = std::chrono::steady_clock::now();

// How often the loop looks at V8's queue while a background task (say an
// async Wasm compile) may post to it without waking us.
constexpr double kBackgroundPollMs = 1.0;

void SignalFd(int fd) {
  if (fd < 0)
    return;
  uint64_t one = 1;
  ssize_t ignored = write(fd, &one, sizeof one);
  (void)ignored;
}

}  // namespace

double EventLoop::NowMs() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - kProcessStart)
      .count();
}

EventLoop::EventLoop(Environment* env) : env_(env), isolate_(env->isolate()) {
  SetLoopToWake(isolate_, this);
}

EventLoop::~EventLoop() {
  SetLoopToWake(isolate_, nullptr);
  if (wake_fd_ >= 0)
    close(wake_fd_);
  queue_.clear();
  timers_.clear();
}

int64_t EventLoop::AddTimer(v8::Local<v8::Context> context,
                            v8::Local<v8::Function> callback,
                            std::vector<v8::Local<v8::Value>> args,
                            double delay_ms,
                            bool repeat) {
  // As node: a delay below 1 ms (or not a number) is 1 ms.
  if (!(delay_ms >= 1.0))
    delay_ms = 1.0;
  if (delay_ms > 2147483647.0)
    delay_ms = 1.0;
  Timer timer;
  timer.id = next_timer_id_++;
  timer.deadline = NowMs() + delay_ms;
  timer.interval = delay_ms;
  timer.repeat = repeat;
  timer.context.Reset(isolate_, context);
  timer.callback.Reset(isolate_, callback);
  for (v8::Local<v8::Value> arg : args)
    timer.args.emplace_back(isolate_, arg);
  TimerKey key{timer.deadline, sequence_++};
  int64_t id = timer.id;
  timers_[id] = key;
  queue_.emplace(key, std::move(timer));
  return id;
}

void EventLoop::ClearTimer(int64_t id) {
  auto it = timers_.find(id);
  if (it == timers_.end())
    return;
  queue_.erase(it->second);
  timers_.erase(it);
}

void EventLoop::PostTask(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    tasks_.push_back(std::move(task));
    woken_ = true;
  }
  wake_.notify_one();
}

void EventLoop::Ref() {
  std::lock_guard<std::mutex> lock(mutex_);
  ++refs_;
}

void EventLoop::Unref() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    --refs_;
    woken_ = true;
  }
  wake_.notify_one();
}

std::string EventLoop::TakeUncaught() {
  std::string text;
  text.swap(uncaught_);
  return text;
}

void EventLoop::Reset() {
  queue_.clear();
  timers_.clear();
  stopped_ = false;
  uncaught_.clear();
  tick_context_.Reset();
  tick_runner_.Reset();
  ticks_pending_ = false;
  std::lock_guard<std::mutex> lock(mutex_);
  tasks_.clear();
  woken_ = false;
}

void EventLoop::Stop() {
  stopped_ = true;
  Wake();
}

void EventLoop::Wake() {
  int fd;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    woken_ = true;
    fd = wake_fd_;
  }
  wake_.notify_one();
  SignalFd(fd);
}

void EventLoop::WakeAfter(double delay_ms) {
  double now = NowMs();
  double at = now + delay_ms;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    // An earlier wake still to come covers this one; one that has passed
    // does not.
    if (wake_at_ > now && wake_at_ <= at)
      return;
    wake_at_ = at;
  }
  wake_.notify_one();
  std::lock_guard<std::mutex> lock(mutex_);
  SignalFd(wake_fd_);
}

int EventLoop::WakeFd() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (wake_fd_ < 0)
    wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  return wake_fd_;
}

void EventLoop::DrainWakeFd() {
  uint64_t count;
  int fd = WakeFd();
  while (fd >= 0 && read(fd, &count, sizeof count) == sizeof count) {
  }
  std::lock_guard<std::mutex> lock(mutex_);
  woken_ = false;
}

double EventLoop::MsUntilDue() {
  double now = NowMs();
  double until = -1;
  if (!queue_.empty())
    until = std::max(0.0, queue_.begin()->first.first - now);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!tasks_.empty())
      return 0;
    if (wake_at_ >= 0) {
      double wake = std::max(0.0, wake_at_ - now);
      if (until < 0 || wake < until)
        until = wake;
    }
  }
  if (isolate_->HasPendingBackgroundTasks() && (until < 0 || until > kBackgroundPollMs))
    until = kBackgroundPollMs;
  return until;
}

void EventLoop::RunPlatformTasksAndMicrotasks() {
  while (v8::platform::PumpMessageLoop(env_->platform(), isolate_,
                                       v8::platform::MessageLoopBehavior::kDoNotWait)) {
    if (isolate_->IsExecutionTerminating())
      return;
  }
  do {
    RunTicks();
    if (isolate_->IsExecutionTerminating())
      return;
    isolate_->PerformMicrotaskCheckpoint();
  } while (ticks_pending_ && !isolate_->IsExecutionTerminating());
}

void EventLoop::SetTickRunner(v8::Local<v8::Context> context, v8::Local<v8::Function> runner) {
  tick_context_.Reset(isolate_, context);
  tick_runner_.Reset(isolate_, runner);
}

void EventLoop::RunTicks() {
  if (!ticks_pending_ || tick_runner_.IsEmpty())
    return;
  ticks_pending_ = false;
  v8::HandleScope scope(isolate_);
  v8::Local<v8::Context> context = tick_context_.Get(isolate_);
  v8::Context::Scope context_scope(context);
  v8::TryCatch try_catch(isolate_);
  if (tick_runner_.Get(isolate_)->Call(context, v8::Undefined(isolate_), 0, nullptr).IsEmpty() &&
      try_catch.HasCaught() && !try_catch.HasTerminated()) {
    ReportUncaught(try_catch.Message(), try_catch.Exception());
  }
}

void EventLoop::ReportUncaught(v8::Local<v8::Message> message, v8::Local<v8::Value> error) {
  v8::HandleScope scope(isolate_);
  v8::Local<v8::Context> context = isolate_->GetCurrentContext();
  if (context.IsEmpty())
    context = env_->main_context();
  v8::Context::Scope context_scope(context);
  std::string text = FormatException(isolate_, error, message);
  if (AbortHadNoCaller(context, error)) {
    WriteStderr(
        "wbhost: an abort had no caller to throw to (it left a FinalizationRegistry "
        "cleanup or a microtask of the glue's); the binding was recovered:\n" +
        text);
    return;
  }
  if (uncaught_.empty())
    uncaught_ = text;
  WriteStdout(text);
  WriteStdout("\n");
  FlushStdout();
  EndOnUncaught();
}

void EventLoop::EndOnUncaught() {
  // The REPL reports and goes on; its exit code is the session's.
  if (env_->interactive())
    return;
  env_->set_exit_code(kExitUncaught);
  Stop();
}

bool EventLoop::Alive() {
  if (!queue_.empty())
    return true;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!tasks_.empty() || refs_ > 0)
      return true;
  }
  return isolate_->HasPendingBackgroundTasks();
}

bool EventLoop::RunExpiredTimer() {
  if (queue_.empty() || queue_.begin()->first.first > NowMs())
    return false;
  auto node = queue_.extract(queue_.begin());
  Timer& timer = node.mapped();
  v8::HandleScope scope(isolate_);
  v8::Local<v8::Context> context = timer.context.Get(isolate_);
  v8::Local<v8::Function> callback = timer.callback.Get(isolate_);
  std::vector<v8::Local<v8::Value>> args;
  for (auto& arg : timer.args)
    args.push_back(arg.Get(isolate_));
  int64_t id = timer.id;
  if (timer.repeat) {
    // Re-armed before the call so clearInterval inside the callback works.
    timer.deadline = NowMs() + timer.interval;
    TimerKey key{timer.deadline, sequence_++};
    timers_[id] = key;
    node.key() = key;
    queue_.insert(std::move(node));
  } else {
    timers_.erase(id);
  }
  v8::Context::Scope context_scope(context);
  v8::TryCatch try_catch(isolate_);
  v8::MaybeLocal<v8::Value> result =
      callback->Call(context, context->Global(), static_cast<int>(args.size()), args.data());
  if (result.IsEmpty() && try_catch.HasCaught() && !try_catch.HasTerminated()) {
    ReportException(isolate_, try_catch);
    EndOnUncaught();
  }
  return true;
}

bool EventLoop::RunQueuedTask() {
  std::function<void()> task;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (tasks_.empty())
      return false;
    task = std::move(tasks_.front());
    tasks_.pop_front();
  }
  v8::HandleScope scope(isolate_);
  v8::Context::Scope context_scope(env_->main_context());
  task();
  return true;
}

void EventLoop::WaitForWork() {
  double wait_ms = -1;  // forever
  if (!queue_.empty()) {
    wait_ms = std::max(0.0, queue_.begin()->first.first - NowMs());
  }
  if (isolate_->HasPendingBackgroundTasks() && (wait_ms < 0 || wait_ms > kBackgroundPollMs)) {
    wait_ms = kBackgroundPollMs;
  }
  std::unique_lock<std::mutex> lock(mutex_);
  if (woken_ || !tasks_.empty()) {
    woken_ = false;
    return;
  }
  if (wake_at_ >= 0) {
    double until = wake_at_ - NowMs();
    if (until <= 0) {
      wake_at_ = -1;
      return;
    }
    if (wait_ms < 0 || until < wait_ms)
      wait_ms = until;
  }
  if (wait_ms < 0) {
    wake_.wait(lock, [this] { return woken_ || !tasks_.empty(); });
  } else {
    wake_.wait_for(lock, std::chrono::duration<double, std::milli>(wait_ms),
                   [this] { return woken_ || !tasks_.empty(); });
  }
  woken_ = false;
}

void EventLoop::RunDue() {
  RunPlatformTasksAndMicrotasks();
  while (RunQueuedTask() || RunExpiredTimer())
    RunPlatformTasksAndMicrotasks();
}

void EventLoop::RunOnce() {
  RunPlatformTasksAndMicrotasks();
  if (RunQueuedTask() || RunExpiredTimer()) {
    RunPlatformTasksAndMicrotasks();
    return;
  }
  if (Alive())
    WaitForWork();
}

void EventLoop::Run() {
  while (!stopped_ && env_->stop_reason() == StopReason::kNone) {
    RunPlatformTasksAndMicrotasks();
    // An uncaught error in a microtask or cleanup stops the loop then.
    if (stopped_ || env_->stop_reason() != StopReason::kNone)
      break;
    if (env_->ReportUnhandledRejections()) {
      env_->set_exit_code(1);
      if (!env_->interactive())
        break;
    }
    bool ran = RunQueuedTask() || RunExpiredTimer();
    if (ran)
      continue;
    if (!Alive())
      break;
    WaitForWork();
  }
  if (!stopped_ && env_->stop_reason() == StopReason::kNone) {
    RunPlatformTasksAndMicrotasks();
  }
}

}  // namespace wbhost
