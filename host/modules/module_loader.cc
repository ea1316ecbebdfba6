#include "host/modules/module_loader.h"

#include <regex>

#include "absl/strings/ascii.h"
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
#include "host/v8_util.h"
#include "host/wasm/compile.h"

namespace wbhost {

namespace {

v8::ScriptOrigin ModuleOrigin(v8::Isolate* isolate, const std::string& path) {
  return v8::ScriptOrigin(isolate, ToV8(isolate, path), 0, 0, false, -1, v8::Local<v8::Value>(),
                          false, false, true);
}

bool IsIdentifier(const std::string& name) {
  static const std::regex kIdentifier("^[A-Za-z_$][A-Za-z0-9_$]*$");
  static const char* const kReserved[] = {
      "break",   "case",     "catch",      "class",   "const",     "continue",   "debugger",
      "default", "delete",   "do",         "else",    "export",    "extends",    "finally",
      "for",     "function", "if",         "import",  "in",        "instanceof", "new",
      "return",  "super",    "switch",     "this",    "throw",     "try",        "typeof",
      "var",     "void",     "while",      "with",    "yield",     "let",        "static",
      "enum",    "await",    "implements", "package", "protected", "interface",  "private",
      "public",  "null",     "true",       "false",   "arguments", "eval"};
  if (!std::regex_match(name, kIdentifier))
    return false;
  for (const char* word : kReserved) {
    if (name == word)
      return false;
  }
  return true;
}

std::string JsString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\')
      out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  out.push_back('"');
  return out;
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

v8::MaybeLocal<v8::Module> ModuleLoader::MakeSynthetic(const std::string& path,
                                                       v8::Local<v8::Object> exports) {
  v8::Local<v8::Context> context = context_.Get(isolate_);
  v8::Local<v8::Array> keys;
  if (!exports->GetOwnPropertyNames(context).ToLocal(&keys))
    return {};
  std::vector<v8::Local<v8::String>> names;
  bool has_default = false;
  for (uint32_t i = 0; i < keys->Length(); ++i) {
    v8::Local<v8::Value> key;
    if (!keys->Get(context, i).ToLocal(&key) || !key->IsString())
      continue;
    if (ToStd(isolate_, key) == "default")
      has_default = true;
    names.push_back(key.As<v8::String>());
  }
  if (!has_default)
    names.push_back(Symbolic(isolate_, "default"));
  v8::Local<v8::Module> module =
      v8::Module::CreateSyntheticModule(isolate_, ToV8(isolate_, path), names, SyntheticSteps);
  Record* record = Remember(path, module);
  if (!has_default) {
    // The whole object is the default export (CommonJS, JSON objects). A
    // copy, since the object itself may be frozen.
    v8::Local<v8::Object> with_default = v8::Object::New(isolate_);
    for (v8::Local<v8::String> name : names) {
      v8::Local<v8::Value> value;
      if (ToStd(isolate_, name) == "default")
        continue;
      if (!exports->Get(context, name).ToLocal(&value))
        return {};
      SetValue(context, with_default, ToStd(isolate_, name), value, v8::None);
    }
    SetValue(context, with_default, "default", exports, v8::None);
    exports = with_default;
  }
  record->synthetic_exports.Reset(isolate_, exports);
  return module;
}

v8::MaybeLocal<v8::Module> ModuleLoader::MakeAwaiting(const std::string& path,
                                                      v8::Local<v8::Object> replacement) {
  v8::Local<v8::Context> context = context_.Get(isolate_);
  v8::Local<v8::Value> names_value, ready;
  if (!replacement->Get(context, Symbolic(isolate_, "names")).ToLocal(&names_value) ||
      !replacement->Get(context, Symbolic(isolate_, "ready")).ToLocal(&ready) ||
      !names_value->IsArray()) {
    ThrowTypeError(isolate_, absl::StrCat(path, ": a package hook gave no names and ready"));
    return {};
  }
  // A source text module, so that importers wait as for a top-level await:
  // a synthetic module is evaluated at once.
  std::string source = "const __wbhostExports = await import.meta.wbhostGlue;";
  bool has_default = false;
  v8::Local<v8::Array> names = names_value.As<v8::Array>();
  for (uint32_t i = 0; i < names->Length(); ++i) {
    std::string name = ToStd(isolate_, names->Get(context, i).ToLocalChecked());
    bool identifier = !name.empty() && !absl::ascii_isdigit(name[0]);
    for (char c : name)
      identifier = identifier && (absl::ascii_isalnum(c) || c == '_' || c == '$');
    if (!identifier)
      continue;
    if (name == "default") {
      has_default = true;
      continue;
    }
    absl::StrAppend(&source, "export const ", name, " = __wbhostExports.", name, ";");
  }
  absl::StrAppend(&source, "export default __wbhostExports", has_default ? ".default;" : ";");
  v8::Local<v8::Module> module;
  if (!CompileSourceText(source, path).ToLocal(&module))
    return {};
  Record* record = Remember(path, module);
  record->glue_meta.Reset(isolate_, ready);
  return module;
}

v8::MaybeLocal<v8::Value> ModuleLoader::SyntheticSteps(v8::Local<v8::Context> context,
                                                       v8::Local<v8::Module> module) {
  v8::Isolate* isolate = context->GetIsolate();
  ModuleLoader* loader = ForContext(context);
  Record* record = loader->Find(module);
  if (record == nullptr || record->synthetic_exports.IsEmpty())
    return {};
  v8::Local<v8::Object> exports = record->synthetic_exports.Get(isolate);
  v8::Local<v8::Array> keys;
  if (!exports->GetOwnPropertyNames(context).ToLocal(&keys))
    return {};
  for (uint32_t i = 0; i < keys->Length(); ++i) {
    v8::Local<v8::Value> key;
    v8::Local<v8::Value> value;
    if (!keys->Get(context, i).ToLocal(&key) || !key->IsString() ||
        !exports->Get(context, key).ToLocal(&value)) {
      return {};
    }
    if (module->SetSyntheticModuleExport(isolate, key.As<v8::String>(), value).IsNothing()) {
      return {};
    }
  }
  v8::Local<v8::Promise::Resolver> resolver;
  if (!v8::Promise::Resolver::New(context).ToLocal(&resolver))
    return {};
  resolver->Resolve(context, v8::Undefined(isolate)).Check();
  return resolver->GetPromise();
}

v8::MaybeLocal<v8::Module> ModuleLoader::LoadCommonJs(const std::string& path) {
  // require() does the work (host/js/commonjs.js); the module's exports
  // become a synthetic module.
  v8::Local<v8::Context> context = context_.Get(isolate_);
  v8::Local<v8::Object> cjs;
  v8::Local<v8::Value> load;
  if (!LoadBuiltin(context, "commonjs").ToLocal(&cjs) ||
      !cjs->Get(context, Symbolic(isolate_, "loadForImport")).ToLocal(&load)) {
    return {};
  }
  v8::Local<v8::Value> arg = ToV8(isolate_, path);
  v8::Local<v8::Value> exports;
  if (!load.As<v8::Function>()->Call(context, v8::Undefined(isolate_), 1, &arg).ToLocal(&exports)) {
    return {};
  }
  return MakeSynthetic(path, exports.As<v8::Object>());
}

v8::MaybeLocal<v8::Module> ModuleLoader::LoadWasm(const std::string& path) {
  v8::Local<v8::Context> context = context_.Get(isolate_);
  auto bytes = ReadFileBytes(path);
  if (!bytes.ok()) {
    ThrowError(isolate_, std::string(bytes.status().message()));
    return {};
  }
  v8::Local<v8::WasmModuleObject> wasm;
  {
    v8::TryCatch try_catch(isolate_);
    if (!CompileWasm(isolate_, *bytes).ToLocal(&wasm)) {
      if (try_catch.HasTerminated() || !try_catch.Exception()->IsObject()) {
        try_catch.ReThrow();
        return {};
      }
      // Name the file in the CompileError's message.
      v8::Local<v8::Object> error = try_catch.Exception().As<v8::Object>();
      std::string message = ToStd(
          isolate_,
          error->Get(context, Symbolic(isolate_, "message")).FromMaybe(v8::Local<v8::Value>()));
      SetValue(context, error, "message", ToV8(isolate_, absl::StrCat(path, ": ", message)),
               v8::DontEnum);
      try_catch.ReThrow();
      return {};
    }
  }
  // WebAssembly.Module.imports/exports describe what the wrapper module
  // imports and exports.
  v8::Local<v8::Value> web_assembly, module_ctor, imports_fn, exports_fn, imports, exports;
  v8::Local<v8::Value> arg = wasm;
  if (!context->Global()->Get(context, Symbolic(isolate_, "WebAssembly")).ToLocal(&web_assembly) ||
      !web_assembly.As<v8::Object>()
           ->Get(context, Symbolic(isolate_, "Module"))
           .ToLocal(&module_ctor) ||
      !module_ctor.As<v8::Object>()
           ->Get(context, Symbolic(isolate_, "imports"))
           .ToLocal(&imports_fn) ||
      !module_ctor.As<v8::Object>()
           ->Get(context, Symbolic(isolate_, "exports"))
           .ToLocal(&exports_fn) ||
      !imports_fn.As<v8::Function>()->Call(context, module_ctor, 1, &arg).ToLocal(&imports) ||
      !exports_fn.As<v8::Function>()->Call(context, module_ctor, 1, &arg).ToLocal(&exports)) {
    return {};
  }
  std::vector<std::string> import_modules;
  v8::Local<v8::Array> import_list = imports.As<v8::Array>();
  for (uint32_t i = 0; i < import_list->Length(); ++i) {
    v8::Local<v8::Value> entry, name;
    if (!import_list->Get(context, i).ToLocal(&entry) ||
        !entry.As<v8::Object>()->Get(context, Symbolic(isolate_, "module")).ToLocal(&name)) {
      return {};
    }
    std::string module_name = ToStd(isolate_, name);
    if (std::find(import_modules.begin(), import_modules.end(), module_name) ==
        import_modules.end()) {
      import_modules.push_back(module_name);
    }
  }
  std::string source;
  std::string import_object = "{";
  for (size_t i = 0; i < import_modules.size(); ++i) {
    absl::StrAppend(&source, "import * as i", i, " from ", JsString(import_modules[i]), ";\n");
    absl::StrAppend(&import_object, JsString(import_modules[i]), ": i", i, ", ");
  }
  import_object += "}";
  absl::StrAppend(&source, "const e = new WebAssembly.Instance(import.meta.wasmModule, ",
                  import_object, ").exports;\n");
  v8::Local<v8::Array> export_list = exports.As<v8::Array>();
  for (uint32_t i = 0; i < export_list->Length(); ++i) {
    v8::Local<v8::Value> entry, name;
    if (!export_list->Get(context, i).ToLocal(&entry) ||
        !entry.As<v8::Object>()->Get(context, Symbolic(isolate_, "name")).ToLocal(&name)) {
      return {};
    }
    std::string export_name = ToStd(isolate_, name);
    if (!IsIdentifier(export_name))
      continue;
    absl::StrAppend(&source, "export const ", export_name, " = e[", JsString(export_name), "];\n");
  }
  v8::Local<v8::Module> module;
  if (!CompileSourceText(source, path).ToLocal(&module))
    return {};
  Record* record = Remember(path, module);
  record->wasm_module.Reset(isolate_, wasm);
  return module;
}

v8::MaybeLocal<v8::Module> ModuleLoader::Load(const ResolvedModule& given) {
  ResolvedModule resolved = given;
  if (js_always_esm_ && resolved.format == ModuleFormat::kCommonJs &&
      !absl::EndsWith(resolved.path, ".cjs")) {
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

// The "type" import assertion of a module request ("" when none).
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
    std::string type = AssertedType(context, request->GetImportAssertions(), 3);
    if (resolved->format == ModuleFormat::kJson && type != "json") {
      ThrowTypeError(isolate_, absl::StrCat("Module \"", resolved->path,
                                            "\" needs an import assertion of type \"json\""));
      return false;
    }
    if (!type.empty() && type != "json") {
      ThrowTypeError(isolate_, absl::StrCat("Unsupported import assertion type \"", type, "\""));
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
  v8::Local<v8::Module> module;
  v8::Local<v8::Value> evaluation;
  if (!resolved.ok()) {
    ThrowError(isolate_, std::string(resolved.status().message()));
  } else if (Load(*resolved).ToLocal(&module) && module->GetStatus() == v8::Module::kEvaluating) {
    SettleWhenEvaluated(module, resolver);
    return scope.Escape(resolver->GetPromise());
  } else if (!module.IsEmpty() && LinkAndEvaluate(module).ToLocal(&evaluation)) {
    v8::Local<v8::Value> ns = module->GetModuleNamespace();
    if (evaluation->IsPromise()) {
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
    } else {
      resolver->Resolve(context, ns).FromMaybe(false);
    }
    return scope.Escape(resolver->GetPromise());
  }
  if (try_catch.HasTerminated()) {
    try_catch.ReThrow();
    return {};
  }
  resolver->Reject(context, try_catch.Exception()).FromMaybe(false);
  return scope.Escape(resolver->GetPromise());
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
