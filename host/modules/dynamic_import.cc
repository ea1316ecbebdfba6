// import() and import.meta for the loader (module_loader.h): a dynamic
// import loads the graph as a static one does, links and evaluates it in a
// job of its own, and settles its promise once evaluation has (a module
// still evaluating, as under a top-level await, is waited on).
#include <string>

#include "host/environment.h"
#include "host/file_util.h"
#include "host/modules/module_loader.h"
#include "host/v8_util.h"

namespace wbhost {

namespace {

// import() settles its promise with the namespace once evaluation does.
void ResolveWithNamespace(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Local<v8::Array> data = info.Data().As<v8::Array>();
  v8::Local<v8::Context> context = info.GetIsolate()->GetCurrentContext();
  v8::Local<v8::Value> resolver = data->Get(context, 0).ToLocalChecked();
  v8::Local<v8::Value> ns = data->Get(context, 1).ToLocalChecked();
  resolver.As<v8::Promise::Resolver>()->Resolve(context, ns).FromMaybe(false);
}

void RejectImport(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Local<v8::Context> context = info.GetIsolate()->GetCurrentContext();
  info.Data().As<v8::Promise::Resolver>()->Reject(context, info[0]).FromMaybe(false);
}

}  // namespace

v8::MaybeLocal<v8::Promise> ModuleLoader::Import(const std::string& specifier,
                                                 const std::string& referrer) {
  v8::EscapableHandleScope scope(isolate_);
  v8::Local<v8::Context> context = context_.Get(isolate_);
  v8::Local<v8::Promise::Resolver> resolver;
  if (!v8::Promise::Resolver::New(context).ToLocal(&resolver))
    return {};
  v8::TryCatch try_catch(isolate_);
  auto resolved = ResolveModule(specifier, referrer, ResolveMode::kImport);
  v8::Local<v8::Function> job;
  if (!resolved.ok()) {
    ThrowError(isolate_, std::string(resolved.status().message()));
  } else {
    // Loading (which runs CommonJS, built-ins and a package's glue),
    // linking and evaluating wait for a job of their own, as the spec's
    // ContinueDynamicImport does: nothing of the module may run in the
    // middle of the code that called import(), which may itself be a
    // module's evaluation.
    int id = next_import_++;
    pending_imports_[id] = {*resolved, v8::Global<v8::Promise::Resolver>(isolate_, resolver)};
    if (v8::Function::New(context, ContinueImportJob, v8::Integer::New(isolate_, id))
            .ToLocal(&job)) {
      isolate_->EnqueueMicrotask(job);
      return scope.Escape(resolver->GetPromise());
    }
    pending_imports_.erase(id);
  }
  if (try_catch.HasTerminated()) {
    try_catch.ReThrow();
    return {};
  }
  resolver->Reject(context, try_catch.Exception()).FromMaybe(false);
  return scope.Escape(resolver->GetPromise());
}

void ModuleLoader::ContinueImportJob(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Local<v8::Context> context = info.GetIsolate()->GetCurrentContext();
  ForContext(context)->ContinueImport(info.Data().As<v8::Integer>()->Value());
}

void ModuleLoader::ContinueImport(int id) {
  auto pending = pending_imports_.find(id);
  if (pending == pending_imports_.end())
    return;
  v8::HandleScope scope(isolate_);
  v8::Local<v8::Context> context = context_.Get(isolate_);
  ResolvedModule resolved = pending->second.resolved;
  v8::Local<v8::Promise::Resolver> resolver = pending->second.resolver.Get(isolate_);
  pending_imports_.erase(pending);
  v8::TryCatch try_catch(isolate_);
  v8::Local<v8::Module> module;
  v8::Local<v8::Value> evaluation;
  if (Load(resolved).ToLocal(&module) && module->GetStatus() == v8::Module::kEvaluating) {
    SettleWhenEvaluated(module, resolver);
    return;
  }
  if (module.IsEmpty() || !LinkAndEvaluate(module).ToLocal(&evaluation)) {
    if (try_catch.HasTerminated()) {
      try_catch.ReThrow();
      return;
    }
    resolver->Reject(context, try_catch.Exception()).FromMaybe(false);
    return;
  }
  v8::Local<v8::Value> ns = module->GetModuleNamespace();
  if (!evaluation->IsPromise()) {
    resolver->Resolve(context, ns).FromMaybe(false);
    return;
  }
  v8::Local<v8::Array> data = v8::Array::New(isolate_, 2);
  data->Set(context, 0, resolver).Check();
  data->Set(context, 1, ns).Check();
  v8::Local<v8::Function> on_fulfilled, on_rejected;
  if (v8::Function::New(context, ResolveWithNamespace, data).ToLocal(&on_fulfilled) &&
      v8::Function::New(context, RejectImport, resolver).ToLocal(&on_rejected)) {
    evaluation.As<v8::Promise>()
        ->Then(context, on_fulfilled, on_rejected)
        .FromMaybe(v8::Local<v8::Promise>());
  }
}

void ModuleLoader::SettleWhenEvaluated(v8::Local<v8::Module> module,
                                       v8::Local<v8::Promise::Resolver> resolver) {
  auto held_module = std::make_shared<v8::Global<v8::Module>>(isolate_, module);
  auto held_resolver = std::make_shared<v8::Global<v8::Promise::Resolver>>(isolate_, resolver);
  // A task, not a microtask: the evaluation may wait on a top-level await.
  Environment::From(isolate_)->loop().PostTask([this, held_module, held_resolver] {
    v8::HandleScope scope(isolate_);
    v8::Local<v8::Context> context = context_.Get(isolate_);
    v8::Context::Scope context_scope(context);
    v8::Local<v8::Module> module = held_module->Get(isolate_);
    v8::Local<v8::Promise::Resolver> resolver = held_resolver->Get(isolate_);
    switch (module->GetStatus()) {
      case v8::Module::kEvaluating:
        SettleWhenEvaluated(module, resolver);
        break;
      case v8::Module::kErrored:
        resolver->Reject(context, module->GetException()).FromMaybe(false);
        break;
      default:
        resolver->Resolve(context, module->GetModuleNamespace()).FromMaybe(false);
        break;
    }
  });
}

v8::MaybeLocal<v8::Promise> ModuleLoader::ImportDynamically(
    v8::Local<v8::Context> context,
    v8::Local<v8::Data> host_defined_options,
    v8::Local<v8::Value> resource_name,
    v8::Local<v8::String> specifier,
    v8::Local<v8::FixedArray> assertions) {
  v8::Isolate* isolate = context->GetIsolate();
  std::string referrer = ToStd(isolate, resource_name);
  // Code with no file (-e, the REPL, realms) imports relative to the
  // current folder.
  if (referrer.empty() || referrer[0] != '/')
    referrer = AbsolutePath("[eval]");
  return ForContext(context)->Import(ToStd(isolate, specifier), referrer);
}

void ModuleLoader::InitializeImportMeta(v8::Local<v8::Context> context,
                                        v8::Local<v8::Module> module,
                                        v8::Local<v8::Object> meta) {
  v8::Isolate* isolate = context->GetIsolate();
  Record* record = ForContext(context)->Find(module);
  if (record == nullptr)
    return;
  meta->CreateDataProperty(context, Symbolic(isolate, "url"),
                           ToV8(isolate, PathToFileUrl(record->path)))
      .FromMaybe(false);
  if (!record->glue_meta.IsEmpty()) {
    // Given once: held longer, it would keep the generation (and through
    // it this module) alive for good.
    meta->CreateDataProperty(context, Symbolic(isolate, "wbhostGlue"),
                             record->glue_meta.Get(isolate))
        .FromMaybe(false);
    record->glue_meta.Reset();
  }
  if (!record->wasm_module.IsEmpty()) {
    meta->CreateDataProperty(context, Symbolic(isolate, "wasmModule"),
                             record->wasm_module.Get(isolate))
        .FromMaybe(false);
  }
}

}  // namespace wbhost
