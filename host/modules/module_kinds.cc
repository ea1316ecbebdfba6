// Modules that are not JS source text, made for the loader
// (module_loader.h): a synthetic module of an object's own properties
// (JSON, built-ins, CommonJS through require(), a package hook's exports),
// one importers wait on as on a top-level await, and a .wasm file as an ES
// module (its imports imported, its exports exported).
#include <regex>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "host/file_util.h"
#include "host/js_builtins.h"
#include "host/modules/module_loader.h"
#include "host/v8_compat.h"
#include "host/v8_util.h"
#include "host/wasm/compile.h"

namespace wbhost {

namespace {

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

// The string property `key` of each object in `list`
// (WebAssembly.Module.imports/exports entries).
bool PropertyOfEach(v8::Local<v8::Context> context,
                    v8::Local<v8::Array> list,
                    const char* key,
                    std::vector<std::string>* out) {
  v8::Isolate* isolate = context->GetIsolate();
  for (uint32_t i = 0; i < list->Length(); ++i) {
    v8::Local<v8::Value> entry, value;
    if (!list->Get(context, i).ToLocal(&entry) || !entry->IsObject() ||
        !entry.As<v8::Object>()->Get(context, Symbolic(isolate, key)).ToLocal(&value)) {
      return false;
    }
    out->push_back(ToStd(isolate, value));
  }
  return true;
}

}  // namespace

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
      v8compat::CreateSyntheticModule(isolate_, ToV8(isolate_, path), names, SyntheticSteps);
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
  std::string failure;
  {
    v8::TryCatch try_catch(isolate_);
    if (!CompileWasm(isolate_, *bytes).ToLocal(&wasm)) {
      if (try_catch.HasTerminated() || !try_catch.Exception()->IsObject()) {
        try_catch.ReThrow();
        return {};
      }
      v8::Local<v8::Object> error = try_catch.Exception().As<v8::Object>();
      failure = ToStd(
          isolate_,
          error->Get(context, Symbolic(isolate_, "message")).FromMaybe(v8::Local<v8::Value>()));
    }
  }
  if (wasm.IsEmpty()) {
    // A CompileError of its own that names the file: V8 13.6 fixes the
    // message in an error's stack when it makes it, so V8's cannot be
    // renamed.
    isolate_->ThrowException(
        v8::Exception::WasmCompileError(ToV8(isolate_, absl::StrCat(path, ": ", failure))));
    return {};
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
  std::vector<std::string> imported, import_modules, export_names;
  if (!PropertyOfEach(context, imports.As<v8::Array>(), "module", &imported) ||
      !PropertyOfEach(context, exports.As<v8::Array>(), "name", &export_names)) {
    return {};
  }
  for (const std::string& module_name : imported) {
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
  for (const std::string& export_name : export_names) {
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

}  // namespace wbhost
