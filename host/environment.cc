#include "host/environment.h"

#include <vector>

#include "host/context_data.h"
#include "host/error_report.h"
#include "host/modules/module_loader.h"
#include "host/worker_thread.h"

namespace wbhost {

namespace {

std::vector<EnvironmentHook>& EnvironmentHooks() {
  static auto* hooks = new std::vector<EnvironmentHook>();
  return *hooks;
}

}  // namespace

bool RegisterEnvironmentHook(EnvironmentHook hook) {
  EnvironmentHooks().push_back(hook);
  return true;
}

Environment::Environment(v8::Isolate* isolate, v8::Platform* platform, const ShellOptions& options)
    : isolate_(isolate), platform_(platform), options_(options) {
  isolate_->SetData(kIsolateSlot, this);
  loop_ = std::make_unique<EventLoop>(this);
  for (EnvironmentHook hook : EnvironmentHooks())
    hook(this);
}

Environment::~Environment() {
  TerminateWorkers();
  for (auto& [key, free] : natives_kept_)
    free();
  natives_kept_.clear();
  module_loaders_.clear();
  rejections_.clear();
  realms_.clear();
  main_context_.Reset();
  realm_shared_.Reset();
  loop_.reset();
  isolate_->SetData(kIsolateSlot, nullptr);
}

void Environment::KeepNative(void* key, std::function<void()> free) {
  natives_kept_[key] = std::move(free);
}

void Environment::ReleaseNative(void* key) {
  natives_kept_.erase(key);
}

void Environment::set_main_context(v8::Local<v8::Context> context) {
  main_context_.Reset(isolate_, context);
  if (realms_.empty())
    AddRealm(context);
}

int Environment::AddRealm(v8::Local<v8::Context> context) {
  realms_.emplace_back(isolate_, context);
  return static_cast<int>(realms_.size()) - 1;
}

v8::MaybeLocal<v8::Context> Environment::Realm(int index) const {
  if (index < 0 || index >= static_cast<int>(realms_.size()) || realms_[index].IsEmpty()) {
    return {};
  }
  return realms_[index].Get(isolate_);
}

int Environment::RealmIndexOf(v8::Local<v8::Context> context) const {
  for (size_t i = 0; i < realms_.size(); ++i) {
    if (!realms_[i].IsEmpty() && realms_[i] == context) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

void Environment::DisposeRealm(int index) {
  if (index > 0 && index < static_cast<int>(realms_.size())) {
    realms_[index].Reset();
  }
}

void Environment::RequestStop(StopReason reason, int exit_code) {
  StopReason expected = StopReason::kNone;
  if (stop_reason_.compare_exchange_strong(expected, reason)) {
    exit_code_ = exit_code;
  }
  isolate_->TerminateExecution();
  loop_->Wake();
}

void Environment::ClearStop() {
  stop_reason_ = StopReason::kNone;
  isolate_->CancelTerminateExecution();
}

void Environment::TrackRejection(v8::PromiseRejectMessage& message) {
  if (!track_rejections_)
    return;
  v8::Local<v8::Promise> promise = message.GetPromise();
  switch (message.GetEvent()) {
    case v8::kPromiseRejectWithNoHandler: {
      Rejection rejection;
      rejection.promise.Reset(isolate_, promise);
      v8::Local<v8::Value> reason = message.GetValue();
      if (!reason.IsEmpty())
        rejection.reason.Reset(isolate_, reason);
      v8::Local<v8::Message> v8_message;
      if (!reason.IsEmpty()) {
        v8_message = v8::Exception::CreateMessage(isolate_, reason);
        rejection.message.Reset(isolate_, v8_message);
      }
      rejections_.push_back(std::move(rejection));
      break;
    }
    case v8::kPromiseHandlerAddedAfterReject:
      for (auto it = rejections_.begin(); it != rejections_.end(); ++it) {
        if (it->promise == promise) {
          rejections_.erase(it);
          break;
        }
      }
      break;
    default:
      break;
  }
}

bool Environment::ReportUnhandledRejections() {
  if (rejections_.empty())
    return false;
  v8::HandleScope scope(isolate_);
  std::vector<Rejection> pending;
  pending.swap(rejections_);
  for (Rejection& rejection : pending) {
    ReportUnhandledRejection(isolate_, rejection.reason.Get(isolate_),
                             rejection.message.Get(isolate_));
  }
  return true;
}

void Environment::AdoptModuleLoader(std::unique_ptr<ModuleLoader> loader) {
  module_loaders_.push_back(std::move(loader));
}

ContextData* Environment::NewContextData() {
  context_data_.push_back(std::make_unique<ContextData>());
  return context_data_.back().get();
}

void Environment::AdoptWorker(std::shared_ptr<WorkerThread> worker) {
  // Forget the ones that ended, so a long run does not pile them up.
  std::erase_if(workers_, [](const auto& w) { return w->finished(); });
  workers_.push_back(std::move(worker));
}

void Environment::TerminateWorkers() {
  for (auto& worker : workers_)
    worker->Terminate();
  for (auto& worker : workers_)
    worker->Join();
  workers_.clear();
}

}  // namespace wbhost
