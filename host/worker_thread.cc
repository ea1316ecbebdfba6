#include "host/worker_thread.h"

#include <chrono>

#include "host/context_factory.h"
#include "host/environment.h"
#include "host/error_report.h"
#include "host/isolate_setup.h"

namespace wbhost {

WorkerThread::WorkerThread(v8::Platform* platform, const ShellOptions& options, Hooks hooks)
    : platform_(platform), options_(options), hooks_(std::move(hooks)) {
  // A worker has no watchdog of its own: its parent's stop terminates it.
  options_.timeout_ms = 0;
  thread_ = std::thread([this] { Main(); });
}

WorkerThread::~WorkerThread() {
  Terminate();
  Join();
}

WorkerThread* WorkerThread::Of(Environment* env) {
  return env->worker_thread();
}

void WorkerThread::Main() {
  IsolatePtr isolate = NewHostIsolate(options_.max_heap_mb);
  {
    v8::Isolate::Scope isolate_scope(isolate.get());
    v8::HandleScope handle_scope(isolate.get());
    Environment env(isolate.get(), platform_, options_);
    env.set_quit_exits_process(false);
    env.set_worker_thread(this);
    v8::Local<v8::Context> context;
    if (NewHostContext(&env).ToLocal(&context)) {
      env.set_main_context(context);
      v8::Context::Scope context_scope(context);
      bool go;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        go = !terminating_;
        env_ = &env;
      }
      env.loop().Ref();  // until Close() or Terminate()
      if (go && hooks_.start(&env, context)) {
        DrainInbox();
        env.loop().Run();
      }
      std::lock_guard<std::mutex> lock(mutex_);
      env_ = nullptr;
    }
    env.TerminateWorkers();
  }
  std::lock_guard<std::mutex> lock(mutex_);
  finished_ = true;
  outbox_ready_.notify_all();
}

void WorkerThread::DrainInbox() {
  Environment* env = env_;
  while (true) {
    std::unique_ptr<SerializedMessage> message;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (inbox_.empty() || closing_ || terminating_)
        return;
      message = std::move(inbox_.front());
      inbox_.pop_front();
    }
    v8::HandleScope scope(env->isolate());
    hooks_.on_message(env, env->main_context(), std::move(message));
    env->loop().RunPlatformTasksAndMicrotasks();
  }
}

void WorkerThread::PostToWorker(std::unique_ptr<SerializedMessage> message) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (finished_ || terminating_)
    return;
  inbox_.push_back(std::move(message));
  // Before the loop runs, Main drains the inbox itself.
  if (env_ != nullptr)
    env_->loop().PostTask([this] { DrainInbox(); });
}

void WorkerThread::PostToParent(std::unique_ptr<SerializedMessage> message) {
  std::lock_guard<std::mutex> lock(mutex_);
  outbox_.push_back(std::move(message));
  outbox_ready_.notify_all();
}

std::unique_ptr<SerializedMessage> WorkerThread::WaitForMessage(
    const std::function<bool()>& give_up) {
  std::unique_lock<std::mutex> lock(mutex_);
  while (outbox_.empty() && !finished_) {
    if (give_up())
      return nullptr;
    outbox_ready_.wait_for(lock, std::chrono::milliseconds(5));
  }
  if (outbox_.empty())
    return nullptr;
  std::unique_ptr<SerializedMessage> message = std::move(outbox_.front());
  outbox_.pop_front();
  return message;
}

void WorkerThread::Close() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (closing_ || env_ == nullptr)
    return;
  closing_ = true;
  env_->loop().Unref();
  env_->loop().Stop();
}

void WorkerThread::Terminate() {
  std::lock_guard<std::mutex> lock(mutex_);
  terminating_ = true;
  if (env_ != nullptr)
    env_->RequestStop(StopReason::kQuit, 0);
}

void WorkerThread::Join() {
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id())
    thread_.join();
}

bool WorkerThread::finished() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return finished_;
}

}  // namespace wbhost
