#include "host/test262/agents.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "host/environment.h"
#include "host/error_report.h"
#include "host/event_loop.h"
#include "host/script_runner.h"
#include "host/serialized_message.h"
#include "host/v8_util.h"
#include "host/worker_thread.h"

namespace wbhost::test262 {

namespace {

using Shared = AgentGroup::Shared;

bool Stopped(v8::Isolate* isolate) {
  return Environment::From(isolate)->stop_reason() != StopReason::kNone;
}

// sleep(ms) on either side: in slices, so that a stop (the test's timeout,
// the end of the test for an agent) is not kept waiting.
void Sleep(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  double ms = info[0]->NumberValue(isolate->GetCurrentContext()).FromMaybe(0);
  double until = EventLoop::NowMs() + std::max(0.0, ms);
  while (!Stopped(isolate)) {
    double left = until - EventLoop::NowMs();
    if (left <= 0)
      break;
    std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(std::min(left, 5.0)));
  }
}

void MonotonicNow(const v8::FunctionCallbackInfo<v8::Value>& info) {
  info.GetReturnValue().Set(EventLoop::NowMs());
}

void Ignore(const v8::FunctionCallbackInfo<v8::Value>&) {}

// --- The agent's side; runs on the agent's thread.

// Where an agent keeps its receiver and the broadcasts that came before it:
// private properties of its global, so they die with its isolate.
v8::Local<v8::Private> ReceiverKey(v8::Isolate* isolate) {
  return v8::Private::ForApi(isolate, Symbolic(isolate, "wbhost.agent.receiver"));
}
v8::Local<v8::Private> PendingKey(v8::Isolate* isolate) {
  return v8::Private::ForApi(isolate, Symbolic(isolate, "wbhost.agent.pending"));
}

Shared* SharedOf(const v8::FunctionCallbackInfo<v8::Value>& info) {
  return static_cast<Shared*>(info.Data().As<v8::External>()->Value());
}

// Hands every pending broadcast to the receiver, counting each as taken.
void Deliver(v8::Local<v8::Context> context, Shared* shared) {
  v8::Isolate* isolate = context->GetIsolate();
  v8::Local<v8::Object> global = context->Global();
  v8::Local<v8::Value> receiver;
  v8::Local<v8::Value> pending;
  if (!global->GetPrivate(context, ReceiverKey(isolate)).ToLocal(&receiver) ||
      !receiver->IsFunction() ||
      !global->GetPrivate(context, PendingKey(isolate)).ToLocal(&pending) || !pending->IsArray()) {
    return;
  }
  v8::Local<v8::Array> queue = pending.As<v8::Array>();
  (void)global->SetPrivate(context, PendingKey(isolate), v8::Array::New(isolate));
  for (uint32_t i = 0; i < queue->Length(); ++i) {
    v8::Local<v8::Value> item;
    if (!queue->Get(context, i).ToLocal(&item) || !item->IsArray())
      continue;
    v8::Local<v8::Value> args[2];
    if (!item.As<v8::Array>()->Get(context, 0).ToLocal(&args[0]) ||
        !item.As<v8::Array>()->Get(context, 1).ToLocal(&args[1])) {
      continue;
    }
    {
      std::lock_guard<std::mutex> lock(shared->mutex);
      ++shared->received;
    }
    shared->changed.notify_all();
    v8::TryCatch try_catch(isolate);
    v8::Local<v8::Value> ignored;
    if (!receiver.As<v8::Function>()
             ->Call(context, v8::Undefined(isolate), 2, args)
             .ToLocal(&ignored) &&
        try_catch.HasCaught() && !try_catch.HasTerminated()) {
      ReportException(isolate, try_catch);
    }
  }
}

void ReceiveBroadcast(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  if (!info[0]->IsFunction()) {
    ThrowTypeError(isolate, "receiveBroadcast: expected a function");
    return;
  }
  (void)context->Global()->SetPrivate(context, ReceiverKey(isolate), info[0]);
  Shared* shared = SharedOf(info);
  // Broadcasts that came first are handed over on the next turn, not
  // inside this call.
  Environment::From(isolate)->loop().PostTask(
      [isolate, shared] { Deliver(isolate->GetCurrentContext(), shared); });
}

void Report(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::TryCatch try_catch(isolate);
  v8::Local<v8::String> text;
  if (!info[0]->ToString(isolate->GetCurrentContext()).ToLocal(&text)) {
    try_catch.ReThrow();
    return;
  }
  Shared* shared = SharedOf(info);
  {
    std::lock_guard<std::mutex> lock(shared->mutex);
    shared->reports.push_back(ToStd(isolate, text));
  }
  shared->changed.notify_all();
}

bool StartAgent(const std::string& source,
                std::shared_ptr<Shared> shared,
                Environment* env,
                v8::Local<v8::Context> context) {
  v8::Isolate* isolate = env->isolate();
  v8::Local<v8::External> data = v8::External::New(isolate, shared.get());
  v8::Local<v8::Object> global = context->Global();
  (void)global->SetPrivate(context, PendingKey(isolate), v8::Array::New(isolate));
  v8::Local<v8::Object> agent = v8::Object::New(isolate);
  SetMethod(context, agent, "receiveBroadcast", ReceiveBroadcast, data);
  SetMethod(context, agent, "report", Report, data);
  SetMethod(context, agent, "leaving", Ignore);
  SetMethod(context, agent, "sleep", Sleep);
  SetMethod(context, agent, "monotonicNow", MonotonicNow);
  v8::Local<v8::Object> dollar = v8::Object::New(isolate);
  SetValue(context, dollar, "agent", agent);
  SetValue(context, dollar, "global", global);
  SetValue(context, global, "$262", dollar);
  // An agent has no output of its own; it speaks through report().
  SetMethod(context, global, "print", Ignore);
  v8::TryCatch try_catch(isolate);
  if (CompileAndRunScript(context, source, "agent").IsEmpty() && !try_catch.HasTerminated()) {
    ReportException(isolate, try_catch);
  }
  return true;
}

void OnBroadcast(std::shared_ptr<Shared> shared,
                 Environment* env,
                 v8::Local<v8::Context> context,
                 std::unique_ptr<SerializedMessage> message) {
  v8::Isolate* isolate = env->isolate();
  v8::Local<v8::Value> value;
  v8::Local<v8::Value> pending;
  if (!message->Deserialize(context).ToLocal(&value) ||
      !context->Global()->GetPrivate(context, PendingKey(isolate)).ToLocal(&pending) ||
      !pending->IsArray()) {
    return;
  }
  v8::Local<v8::Array> queue = pending.As<v8::Array>();
  (void)queue->Set(context, queue->Length(), value);
  Deliver(context, shared.get());
}

AgentGroup* GroupOf(const v8::FunctionCallbackInfo<v8::Value>& info) {
  return static_cast<AgentGroup*>(info.Data().As<v8::External>()->Value());
}

}  // namespace

AgentGroup::AgentGroup(Environment* env) : env_(env), shared_(std::make_shared<Shared>()) {}

AgentGroup::~AgentGroup() {
  Stop();
}

void AgentGroup::Install(v8::Local<v8::Context> context, v8::Local<v8::Object> agent) {
  v8::Local<v8::External> data = v8::External::New(context->GetIsolate(), this);
  SetMethod(context, agent, "start", Start, data);
  SetMethod(context, agent, "broadcast", Broadcast, data);
  SetMethod(context, agent, "getReport", GetReport, data);
  SetMethod(context, agent, "sleep", Sleep);
  SetMethod(context, agent, "monotonicNow", MonotonicNow);
}

void AgentGroup::Stop() {
  for (auto& agent : agents_)
    agent->Terminate();
  for (auto& agent : agents_)
    agent->Join();
  agents_.clear();
  std::lock_guard<std::mutex> lock(shared_->mutex);
  shared_->reports.clear();
  shared_->received = 0;
}

void AgentGroup::Start(const v8::FunctionCallbackInfo<v8::Value>& info) {
  AgentGroup* group = GroupOf(info);
  std::string source = ToStd(info.GetIsolate(), info[0]);
  std::shared_ptr<Shared> shared = group->shared_;
  WorkerThread::Hooks hooks;
  hooks.start = [source, shared](Environment* env, v8::Local<v8::Context> context) {
    return StartAgent(source, shared, env, context);
  };
  hooks.on_message = [shared](Environment* env, v8::Local<v8::Context> context,
                              std::unique_ptr<SerializedMessage> message) {
    OnBroadcast(shared, env, context, std::move(message));
  };
  ShellOptions options;
  group->agents_.push_back(
      std::make_shared<WorkerThread>(group->env_->platform(), options, std::move(hooks)));
}

void AgentGroup::Broadcast(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  AgentGroup* group = GroupOf(info);
  if (!info[0]->IsSharedArrayBuffer()) {
    ThrowTypeError(isolate, "broadcast: expected a SharedArrayBuffer");
    return;
  }
  // The id is an Int32 or a BigInt (INTERPRETING.md).
  v8::Local<v8::Value> id = info[1];
  if (!id->IsBigInt()) {
    id = v8::Integer::New(isolate, info[1]->Int32Value(context).FromMaybe(0));
  }
  v8::Local<v8::Value> pair_items[] = {info[0], id};
  v8::Local<v8::Array> pair = v8::Array::New(isolate, pair_items, 2);
  uint64_t target;
  {
    std::lock_guard<std::mutex> lock(group->shared_->mutex);
    target = group->shared_->received;
  }
  std::vector<WorkerThread*> listeners;
  for (auto& agent : group->agents_) {
    if (agent->finished())
      continue;
    auto message = SerializedMessage::Serialize(context, pair, {});
    if (!message)
      return;
    agent->PostToWorker(std::move(message));
    listeners.push_back(agent.get());
    ++target;
  }
  std::unique_lock<std::mutex> lock(group->shared_->mutex);
  while (group->shared_->received < target && !Stopped(isolate)) {
    bool all_gone = std::all_of(listeners.begin(), listeners.end(),
                                [](WorkerThread* agent) { return agent->finished(); });
    if (all_gone)
      break;
    group->shared_->changed.wait_for(lock, std::chrono::milliseconds(5));
  }
}

void AgentGroup::GetReport(const v8::FunctionCallbackInfo<v8::Value>& info) {
  AgentGroup* group = GroupOf(info);
  std::string report;
  {
    std::lock_guard<std::mutex> lock(group->shared_->mutex);
    if (group->shared_->reports.empty()) {
      info.GetReturnValue().SetNull();
      return;
    }
    report = std::move(group->shared_->reports.front());
    group->shared_->reports.pop_front();
  }
  info.GetReturnValue().Set(ToV8(info.GetIsolate(), report));
}

}  // namespace wbhost::test262
