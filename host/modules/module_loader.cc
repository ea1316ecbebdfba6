#include "host/modules/module_loader.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "host/context_data.h"
#include "host/environment.h"
#include "host/error_report.h"
#include "host/exit_codes.h"
#include "host/file_util.h"
#include "host/js_builtins.h"
#include "host/modules/package_hook.h"
#include "host/output.h"
#include "host/v8_compat.h"
#include "host/v8_util.h"

namespace wbhost {

namespace {

v8::ScriptOrigin ModuleOrigin(v8::Isolate* isolate, const std::string& path) {
  return v8compat::ScriptOrigin(isolate, ToV8(isolate, path), 0, 0, false, -1,
                                v8::Local<v8::Value>(), false, false, true);
}

// The program's error for a rejected main module, reported once.
void OnMainRejected(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  Environment* env = Environment::From(isolate);
  if (env->stop_reason() != StopReason::kNone)
    return;
  v8::Local<v8::Value> error = info[0];
  std::string text = FormatException(isolate, error, v8::Exception::CreateMessage(isolate, error));
  WriteStdout(text + "\n");
  FlushStdout();
  env->set_exit_code(kExitUncaught);
  if (!env->interactive())
    env->loop().Stop();
}

}  // namespace

ModuleLoader::ModuleLoader(Environment* env, v8::Local<v8::Context> context)
    : env_(env), isolate_(env->isolate()), context_(env->isolate(), context) {}

ModuleLoader::~ModuleLoader() = default;

ModuleLoader* ModuleLoader::ForContext(v8::Local<v8::Context> context) {
  ContextData* data = ContextData::From(context);
  if (data->module_loader == nullptr) {
    Environment* env = Environment::From(context->GetIsolate());
    auto loader = std::make_unique<ModuleLoader>(env, context);
    data->module_loader = loader.get();
    env->AdoptModuleLoader(std::move(loader));
  }
  return static_cast<ModuleLoader*>(data->module_loader);
}

void ModuleLoader::InstallIsolateCallbacks(v8::Isolate* isolate) {
  isolate->SetHostImportModuleDynamicallyCallback(ImportDynamically);
  isolate->SetHostInitializeImportMetaObjectCallback(InitializeImportMeta);
}

ModuleLoader::Record* ModuleLoader::Remember(const std::string& path,
                                             v8::Local<v8::Module> module) {
  auto record = std::make_unique<Record>();
  record->path = path;
  record->module.Reset(isolate_, module);
  Record* raw = record.get();
  by_path_[path] = std::move(record);
  by_hash_.emplace(module->GetIdentityHash(), raw);
  return raw;
}

ModuleLoader::Record* ModuleLoader::Find(v8::Local<v8::Module> module) {
  auto range = by_hash_.equal_range(module->GetIdentityHash());
  for (auto it = range.first; it != range.second; ++it) {
    if (it->second->module == module)
      return it->second;
  }
  return nullptr;
}

v8::MaybeLocal<v8::Module> ModuleLoader::CompileSourceText(const std::string& source,
                                                           const std::string& path) {
  v8::ScriptOrigin origin = ModuleOrigin(isolate_, path);
  v8::ScriptCompiler::Source script_source(ToV8(isolate_, source), origin);
  return v8::ScriptCompiler::CompileModule(isolate_, &script_source);
}

v8::MaybeLocal<v8::Module> ModuleLoader::Load(const ResolvedModule& given) {
  ResolvedModule resolved = given;
  if (ContextData::From(context_.Get(isolate_))->js_always_esm &&
      resolved.format == ModuleFormat::kCommonJs && !absl::EndsWith(resolved.path, ".cjs")) {
    resolved.format = ModuleFormat::kEsm;
  }
  auto known = by_path_.find(resolved.format == ModuleFormat::kBuiltin ? "node:" + resolved.path
                                                                       : resolved.path);
  if (known != by_path_.end())
    return known->second->module.Get(isolate_);
  v8::Local<v8::Context> context = context_.Get(isolate_);
  switch (resolved.format) {
    case ModuleFormat::kBuiltin: {
      v8::Local<v8::Object> cjs;
      v8::Local<v8::Value> builtin_fn, exports;
      v8::Local<v8::Value> arg = ToV8(isolate_, resolved.path);
      if (!LoadBuiltin(context, "commonjs").ToLocal(&cjs) ||
          !cjs->Get(context, Symbolic(isolate_, "builtin")).ToLocal(&builtin_fn) ||
          !builtin_fn.As<v8::Function>()
               ->Call(context, v8::Undefined(isolate_), 1, &arg)
               .ToLocal(&exports)) {
        return {};
      }
      return MakeSynthetic("node:" + resolved.path, exports.As<v8::Object>());
    }
    case ModuleFormat::kJson: {
      auto text = ReadFileBytes(resolved.path);
      if (!text.ok()) {
        ThrowError(isolate_, std::string(text.status().message()));
        return {};
      }
      v8::Local<v8::Value> value;
      std::string reason;
      {
        v8::TryCatch try_catch(isolate_);
        if (!v8::JSON::Parse(context, ToV8(isolate_, *text)).ToLocal(&value)) {
          if (try_catch.HasTerminated()) {
            try_catch.ReThrow();
            return {};
          }
          v8::Local<v8::Value> exception = try_catch.Exception();
          v8::Local<v8::Value> message;
          reason = exception->IsObject() && exception.As<v8::Object>()
                                                ->Get(context, Symbolic(isolate_, "message"))
                                                .ToLocal(&message)
                       ? ToStd(isolate_, message)
                       : ToStd(isolate_, exception);
        }
      }
      if (value.IsEmpty()) {
        // Name the file: V8's message gives only a position.
        isolate_->ThrowException(
            v8::Exception::SyntaxError(ToV8(isolate_, absl::StrCat(resolved.path, ": ", reason))));
        return {};
      }
      v8::Local<v8::Object> exports = v8::Object::New(isolate_);
      SetValue(context, exports, "default", value, v8::None);
      return MakeSynthetic(resolved.path, exports);
    }
    case ModuleFormat::kWasm:
      return LoadWasm(resolved.path);
    case ModuleFormat::kCommonJs:
    case ModuleFormat::kEsm:
      break;
  }
  v8::Local<v8::Value> replacement;
  switch (RunPackageHooks(context, resolved.path, HookUse::kImport, &replacement)) {
    case HookResult::kThrew:
      return {};
    case HookResult::kReplaced:
      return MakeSynthetic(resolved.path, replacement.As<v8::Object>());
    case HookResult::kReplacedAwaiting:
      return MakeAwaiting(resolved.path, replacement.As<v8::Object>());
    case HookResult::kPass:
      break;
  }
  if (resolved.format == ModuleFormat::kCommonJs)
    return LoadCommonJs(resolved.path);
  auto source = ReadFileBytes(resolved.path);
  if (!source.ok()) {
    ThrowError(isolate_, std::string(source.status().message()));
    return {};
  }
  v8::Local<v8::Module> module;
  if (!CompileSourceText(*source, resolved.path).ToLocal(&module))
    return {};
  Remember(resolved.path, module);
  return module;
}

namespace {

// The "type" import attribute (10.2: assertion) of a module request ("" when none).
std::string AssertedType(v8::Local<v8::Context> context,
                         v8::Local<v8::FixedArray> assertions,
                         int stride) {
  v8::Isolate* isolate = context->GetIsolate();
  for (int i = 0; i + 1 < assertions->Length(); i += stride) {
    v8::Local<v8::Value> key = assertions->Get(context, i).As<v8::Value>();
    v8::Local<v8::Value> value = assertions->Get(context, i + 1).As<v8::Value>();
    if (ToStd(isolate, key) == "type")
      return ToStd(isolate, value);
  }
  return std::string();
}

}  // namespace

bool ModuleLoader::FetchTree(v8::Local<v8::Module> module, const std::string& path) {
  Record* record = Find(module);
  if (record == nullptr || record->fetched)
    return true;
  record->fetched = true;
  if (module->IsSyntheticModule())
    return true;
  v8::Local<v8::Context> context = context_.Get(isolate_);
  v8::Local<v8::FixedArray> requests = module->GetModuleRequests();
  for (int i = 0; i < requests->Length(); ++i) {
    v8::Local<v8::ModuleRequest> request = requests->Get(context, i).As<v8::ModuleRequest>();
    std::string specifier = ToStd(isolate_, request->GetSpecifier());
    auto resolved = ResolveModule(specifier, path, ResolveMode::kImport);
    if (!resolved.ok()) {
      ThrowError(isolate_, std::string(resolved.status().message()));
      return false;
    }
    // Import assertions: a JSON module must be asked for as one.
    std::string type = AssertedType(context, v8compat::GetImportAttributes(request), 3);
    if (resolved->format == ModuleFormat::kJson && type != "json") {
      ThrowTypeError(isolate_, absl::StrCat("Module \"", resolved->path,
                                            "\" needs an import attribute of type \"json\""));
      return false;
    }
    if (!type.empty() && type != "json") {
      ThrowTypeError(isolate_, absl::StrCat("Unsupported import attribute type \"", type, "\""));
      return false;
    }
    v8::Local<v8::Module> dependency;
    if (!Load(*resolved).ToLocal(&dependency))
      return false;
    if (!FetchTree(dependency, resolved->path))
      return false;
  }
  return true;
}

v8::MaybeLocal<v8::Module> ModuleLoader::ResolveCallback(v8::Local<v8::Context> context,
                                                         v8::Local<v8::String> specifier,
                                                         v8::Local<v8::FixedArray> assertions,
                                                         v8::Local<v8::Module> referrer) {
  // Everything was loaded by FetchTree; this only looks it up.
  v8::Isolate* isolate = context->GetIsolate();
  ModuleLoader* loader = ForContext(context);
  Record* from = loader->Find(referrer);
  std::string referrer_path = from ? from->path : AbsolutePath("[module]");
  std::string spec = ToStd(isolate, specifier);
  auto resolved = ResolveModule(spec, referrer_path, ResolveMode::kImport);
  if (resolved.ok()) {
    std::string key =
        resolved->format == ModuleFormat::kBuiltin ? "node:" + resolved->path : resolved->path;
    auto found = loader->by_path_.find(key);
    if (found != loader->by_path_.end())
      return found->second->module.Get(isolate);
  }
  ThrowError(isolate,
             absl::StrCat("Cannot find module '", spec, "' imported from ", referrer_path));
  return {};
}

v8::MaybeLocal<v8::Value> ModuleLoader::LinkAndEvaluate(v8::Local<v8::Module> module) {
  v8::Local<v8::Context> context = context_.Get(isolate_);
  Record* record = Find(module);
  if (record != nullptr && !FetchTree(module, record->path))
    return {};
  if (module->GetStatus() == v8::Module::kUninstantiated &&
      !module->InstantiateModule(context, ResolveCallback).FromMaybe(false)) {
    return {};
  }
  return module->Evaluate(context);
}

v8::MaybeLocal<v8::Module> ModuleLoader::CompileFile(const std::string& path) {
  return Load(ResolvedModule{AbsolutePath(path), ModuleFormat::kEsm});
}

bool ModuleLoader::Link(v8::Local<v8::Module> module) {
  v8::Local<v8::Context> context = context_.Get(isolate_);
  Record* record = Find(module);
  if (record != nullptr && !FetchTree(module, record->path))
    return false;
  if (module->GetStatus() != v8::Module::kUninstantiated)
    return true;
  return module->InstantiateModule(context, ResolveCallback).FromMaybe(false);
}

v8::MaybeLocal<v8::Value> ModuleLoader::Evaluate(v8::Local<v8::Module> module) {
  return module->Evaluate(context_.Get(isolate_));
}

v8::MaybeLocal<v8::Value> ModuleLoader::RunMainModule(const std::string& path) {
  v8::EscapableHandleScope scope(isolate_);
  v8::Local<v8::Context> context = context_.Get(isolate_);
  std::string absolute = AbsolutePath(path);
  auto resolved = ResolveModule(absolute, absolute, ResolveMode::kImport);
  ResolvedModule main{absolute, FormatOfFile(absolute)};
  if (resolved.ok())
    main = *resolved;
  // The entry point runs as a module even when its package says CommonJS.
  if (main.format == ModuleFormat::kCommonJs)
    main.format = ModuleFormat::kEsm;
  v8::Local<v8::Module> module;
  if (!Load(main).ToLocal(&module))
    return {};
  v8::Local<v8::Value> result;
  if (!LinkAndEvaluate(module).ToLocal(&result))
    return {};
  if (result->IsPromise()) {
    v8::Local<v8::Promise> promise = result.As<v8::Promise>();
    v8::Local<v8::Function> on_rejected;
    if (v8::Function::New(context, OnMainRejected).ToLocal(&on_rejected)) {
      promise->Catch(context, on_rejected).FromMaybe(v8::Local<v8::Promise>());
    }
    promise->MarkAsHandled();
  }
  return scope.Escape(result);
}

v8::MaybeLocal<v8::Value> ModuleLoader::RunModuleSource(const std::string& source,
                                                        const std::string& path) {
  v8::EscapableHandleScope scope(isolate_);
  v8::Local<v8::Context> context = context_.Get(isolate_);
  v8::Local<v8::Module> module;
  if (!CompileSourceText(source, path).ToLocal(&module))
    return {};
  Remember(path, module);
  v8::Local<v8::Value> result;
  if (!LinkAndEvaluate(module).ToLocal(&result))
    return {};
  if (result->IsPromise()) {
    v8::Local<v8::Function> on_rejected;
    if (v8::Function::New(context, OnMainRejected).ToLocal(&on_rejected)) {
      result.As<v8::Promise>()->Catch(context, on_rejected).FromMaybe(v8::Local<v8::Promise>());
    }
    result.As<v8::Promise>()->MarkAsHandled();
  }
  return scope.Escape(result);
}

void ModuleLoader::ForgetFresh(const v8::WeakCallbackInfo<Record>& info) {
  Record* record = info.GetParameter();
  record->module.Reset();
  ModuleLoader* loader = record->owner;
  auto range = loader->by_hash_.equal_range(record->hash);
  for (auto it = range.first; it != range.second; ++it) {
    if (it->second == record) {
      loader->by_hash_.erase(it);
      break;
    }
  }
  for (auto it = loader->fresh_.begin(); it != loader->fresh_.end(); ++it) {
    if (it->get() == record) {
      loader->fresh_.erase(it);
      break;
    }
  }
}

v8::MaybeLocal<v8::Object> ModuleLoader::EvaluateFresh(const std::string& path,
                                                       const std::string& source,
                                                       v8::Local<v8::Value> meta,
                                                       v8::Local<v8::Promise>* evaluation) {
  // No handle scope of its own: the caller's holds the namespace and the
  // evaluation promise.
  v8::Local<v8::Module> module;
  if (!CompileSourceText(source, path).ToLocal(&module))
    return {};
  // Findable by identity (for its imports and import.meta), not by path.
  auto record = std::make_unique<Record>();
  record->path = path;
  record->module.Reset(isolate_, module);
  Record* raw = record.get();
  raw->owner = this;
  raw->hash = module->GetIdentityHash();
  if (!meta.IsEmpty())
    raw->glue_meta.Reset(isolate_, meta);
  by_hash_.emplace(raw->hash, raw);
  fresh_.push_back(std::move(record));
  // Weak: a dead generation's glue goes when nothing holds it any more.
  raw->module.SetWeak(raw, ForgetFresh, v8::WeakCallbackType::kParameter);
  v8::Local<v8::Value> result;
  bool evaluated = LinkAndEvaluate(module).ToLocal(&result);
  raw->glue_meta.Reset();  // read by now, or never will be
  if (!evaluated)
    return {};
  if (module->GetStatus() == v8::Module::kErrored) {
    isolate_->ThrowException(module->GetException());
    return {};
  }
  if (evaluation != nullptr && module->IsGraphAsync() && result->IsPromise())
    *evaluation = result.As<v8::Promise>();
  return module->GetModuleNamespace().As<v8::Object>();
}

}  // namespace wbhost
