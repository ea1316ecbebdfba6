// Natives for reading and evaluating wasm-bindgen glue (bindings/js/):
//
//   recognize(path)        the recogniser's facts about the JS file at
//                          `path` with the paths the package needs, or
//                          {reason} when it is not glue wbhost drives, or
//                          null when it cannot be read
//   evalGlue(path, given, {blankFrom, blankTo, prefix, suffix, async})
//                          a fresh evaluation of ES module glue (a new
//                          generation's): each own property of `given`
//                          (its WebAssembly, say) is a module-level constant
//                          of the glue, declared on its first line so that
//                          line numbers stay those of the file, followed by
//                          `prefix` (code of wbhost's on that line), with
//                          `suffix` after the glue's last line; the
//                          span [blankFrom, blankTo) is blanked (an
//                          `import source` V8 10.2 cannot parse, an old
//                          _bg.js's import of its .wasm). Returns the
//                          namespace, or with `async` (glue that awaits at
//                          top level) {ns, done}, done a promise of the
//                          evaluation.
//   stringGlueInfo(source, fileName)
//                          recognize() for glue given as a string
//   compileGlue(path, {params, source, suffix, inject})
//                          glue (no-modules, CommonJS) as a function of
//                          `params`, compiled once, run per generation
//   readFile(path), exists(path), normalizePath(path)
#include <unistd.h>

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "bindings/glue_natives.h"
#include "bindings/recognizer.h"
#include "host/file_util.h"
#include "host/modules/module_loader.h"
#include "host/read_policy.h"
#include "host/v8_compat.h"
#include "host/v8_util.h"

namespace wbhost::bindings {

namespace {

std::string DirOf(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

// A relative specifier the glue writes ("./foo_bg.js"), as a path.
std::string ResolveRelative(const std::string& dir, const std::string& specifier) {
  if (!specifier.starts_with("./") && !specifier.starts_with("../"))
    return std::string();
  return AbsolutePath(absl::StrCat(dir, "/", specifier));
}

bool Readable(const std::string& path) {
  return !path.empty() && access(path.c_str(), R_OK) == 0;
}

// The recogniser's facts about `source`, the glue at `path` (or, for glue
// given as a string, named `path`), as the JS side takes them.
v8::Local<v8::Object> GlueFacts(v8::Isolate* isolate,
                                const std::string& path,
                                const std::string& source) {
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  std::string base = path.substr(path.find_last_of('/') + 1);
  std::string dir = DirOf(path);
  v8::Local<v8::Object> result = v8::Object::New(isolate);
  auto set_string = [&](const char* key, const std::string& value) {
    SetValue(context, result, key, ToV8(isolate, value), v8::None);
  };
  auto set_bool = [&](const char* key, bool value) {
    SetValue(context, result, key, v8::Boolean::New(isolate, value), v8::None);
  };
  auto set_number = [&](const char* key, double value) {
    SetValue(context, result, key, v8::Number::New(isolate, value), v8::None);
  };
  auto glue = RecognizeGlue(base, source);
  if (!glue.ok()) {
    set_string("reason", std::string(glue.status().message()));
    return result;
  }
  std::string target = GlueTargetName(glue->target);
  std::string bg_path;
  std::string wasm_import_path;
  std::string wasm_path =
      glue->wasm_file.empty() ? "" : ResolveRelative(dir, "./" + glue->wasm_file);
  if (glue->target == GlueTarget::kBundler) {
    bg_path = ResolveRelative(dir, glue->bg_import);
    wasm_import_path =
        glue->wasm_import.empty() ? wasm_path : ResolveRelative(dir, glue->wasm_import);
    if (bg_path.empty() || wasm_import_path.empty()) {
      set_string("reason", "glue version not supported: a bundler entry importing by bare name");
      return result;
    }
  } else if (glue->target == GlueTarget::kBundlerBg) {
    // Its entry, by wasm-bindgen's naming, imports "./<name>_bg.wasm".
    bg_path = path;
    std::string beside = absl::StrCat(dir, "/", glue->name, "_bg.wasm");
    wasm_import_path = Readable(beside) ? beside : "";
    target = "bundler";
  }
  if (!Readable(wasm_path))
    wasm_path.clear();
  set_string("name", glue->name);
  set_string("target", target);
  set_string("gluePath", path);
  set_string("bgPath", bg_path);
  set_string("wasmPath", wasm_path);
  set_string("wasmFile", glue->wasm_file);
  set_string("wasmImportPath", wasm_import_path);
  set_string("globalName", glue->global_name);
  set_number("globalAssign", glue->global_assign == std::string::npos
                                 ? -1
                                 : static_cast<double>(glue->global_assign));
  set_number("sourceImportBegin", static_cast<double>(glue->source_import_begin));
  set_number("sourceImportEnd", static_cast<double>(glue->source_import_end));
  set_string("sourceImportName", glue->source_import_name);
  set_bool("hasInitSync", glue->has_init_sync);
  set_bool("initTakesObject", glue->init_takes_object);
  set_bool("hasWrappedJstag", glue->has_wrapped_jstag);
  set_bool("hasTerminatedFlag", glue->has_terminated_flag);
  return result;
}

void Recognize(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  std::string path = AbsolutePath(ToStd(isolate, info[0]));
  auto source = ReadFileBytes(path);
  if (!source.ok()) {
    info.GetReturnValue().SetNull();
    return;
  }
  info.GetReturnValue().Set(GlueFacts(isolate, path, *source));
}

// stringGlueInfo(source, fileName): the facts of glue given as a string.
void StringGlueInfo(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  info.GetReturnValue().Set(GlueFacts(isolate, ToStd(isolate, info[1]), ToStd(isolate, info[0])));
}

void EvalGlue(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  std::string path = ToStd(isolate, info[0]);
  auto source = ReadFileBytes(path);
  if (!source.ok()) {
    ThrowError(isolate, std::string(source.status().message()));
    return;
  }
  std::string text = *std::move(source);
  v8::Local<v8::Object> options =
      info[2]->IsObject() ? info[2].As<v8::Object>() : v8::Object::New(isolate);
  auto option = [&](const char* key) {
    return options->Get(context, Symbolic(isolate, key)).ToLocalChecked();
  };
  v8::Local<v8::Value> from = option("blankFrom");
  v8::Local<v8::Value> to = option("blankTo");
  if (from->IsNumber() && to->IsNumber()) {
    size_t end = static_cast<size_t>(to.As<v8::Number>()->Value());
    for (size_t i = static_cast<size_t>(from.As<v8::Number>()->Value()); i < end && i < text.size();
         ++i) {
      if (text[i] != '\n')
        text[i] = ' ';
    }
  }
  std::vector<std::string> names;
  v8::Local<v8::Value> given = info[1];
  if (given->IsObject()) {
    v8::Local<v8::Array> keys;
    if (!given.As<v8::Object>()->GetOwnPropertyNames(context).ToLocal(&keys))
      return;
    for (uint32_t i = 0; i < keys->Length(); ++i)
      names.push_back(ToStd(isolate, keys->Get(context, i).ToLocalChecked()));
  }
  std::string prefix;
  if (!names.empty())
    prefix = absl::StrCat("const {", absl::StrJoin(names, ", "), "} = import.meta.wbhostGlue;");
  v8::Local<v8::Value> code = option("prefix");
  if (code->IsString())
    prefix += ToStd(isolate, code);
  text = prefix + text;
  v8::Local<v8::Value> suffix = option("suffix");
  if (suffix->IsString())
    text += ToStd(isolate, suffix);
  bool async = option("async")->IsTrue();
  v8::Local<v8::Promise> evaluation;
  v8::Local<v8::Object> ns;
  if (!ModuleLoader::ForContext(context)
           ->EvaluateFresh(path, text, names.empty() ? v8::Local<v8::Value>() : given,
                           async ? &evaluation : nullptr)
           .ToLocal(&ns)) {
    return;
  }
  if (!async) {
    info.GetReturnValue().Set(ns);
    return;
  }
  // {ns, done}: done settles when the evaluation (its top-level await) has.
  v8::Local<v8::Object> result = v8::Object::New(isolate);
  SetValue(context, result, "ns", ns, v8::None);
  if (evaluation.IsEmpty()) {
    v8::Local<v8::Promise::Resolver> resolver;
    if (!v8::Promise::Resolver::New(context).ToLocal(&resolver) ||
        resolver->Resolve(context, v8::Undefined(isolate)).IsNothing()) {
      return;
    }
    evaluation = resolver->GetPromise();
  }
  SetValue(context, result, "done", evaluation, v8::None);
  info.GetReturnValue().Set(result);
}

// compileGlue(path, {params, source, suffix, inject}): glue as the body of
// a function with `params` (names), from the file at `path` or from
// `source` named `path`, with `suffix` appended and `inject` ({at, length,
// text}: `length` bytes at `at` replaced by `text`) applied. Compiled once
// per package; each generation calls it again for a fresh evaluation
// (fresh module-level state) whose inner functions share bytecode with the
// last. V8 10.2's CompileFunction has no compilation cache, so compiling
// per generation cost a first call's lazy compile of every glue function
// on the failing call's path.
void CompileGlue(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  std::string path = ToStd(isolate, info[0]);
  v8::Local<v8::Object> options =
      info[1]->IsObject() ? info[1].As<v8::Object>() : v8::Object::New(isolate);
  auto option = [&](v8::Local<v8::Object> object, const char* key) {
    return object->Get(context, Symbolic(isolate, key)).ToLocalChecked();
  };
  std::string body;
  v8::Local<v8::Value> source = option(options, "source");
  if (source->IsString()) {
    body = ToStd(isolate, source);  // glue given as a string
  } else {
    auto read = ReadFileBytes(path);
    if (!read.ok()) {
      ThrowError(isolate, std::string(read.status().message()));
      return;
    }
    body = *std::move(read);
  }
  v8::Local<v8::Value> inject = option(options, "inject");
  if (inject->IsObject()) {
    v8::Local<v8::Object> edit = inject.As<v8::Object>();
    v8::Local<v8::Value> at = option(edit, "at");
    v8::Local<v8::Value> length = option(edit, "length");
    if (at->IsNumber() && length->IsNumber()) {
      size_t offset = static_cast<size_t>(at.As<v8::Number>()->Value());
      size_t count = static_cast<size_t>(length.As<v8::Number>()->Value());
      if (offset <= body.size() && count <= body.size() - offset)
        body.replace(offset, count, ToStd(isolate, option(edit, "text")));
    }
  }
  v8::Local<v8::Value> suffix = option(options, "suffix");
  if (suffix->IsString())
    body += ToStd(isolate, suffix);
  std::vector<v8::Local<v8::String>> params;
  v8::Local<v8::Value> names = option(options, "params");
  if (names->IsArray()) {
    v8::Local<v8::Array> list = names.As<v8::Array>();
    for (uint32_t i = 0; i < list->Length(); ++i)
      params.push_back(list->Get(context, i).ToLocalChecked()->ToString(context).ToLocalChecked());
  }
  v8::ScriptOrigin origin = v8compat::ScriptOrigin(isolate, ToV8(isolate, path));
  v8::ScriptCompiler::Source script_source(ToV8(isolate, body), origin);
  v8::Local<v8::Function> fn;
  if (v8::ScriptCompiler::CompileFunction(context, &script_source, params.size(), params.data())
          .ToLocal(&fn)) {
    info.GetReturnValue().Set(fn);
  }
}

void ReadFile(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  auto bytes = ReadFileBytes(ToStd(isolate, info[0]));
  if (!bytes.ok()) {
    ThrowError(isolate, std::string(bytes.status().message()));
    return;
  }
  v8::Local<v8::ArrayBuffer> buffer = NewArrayBufferFrom(isolate, *bytes);
  info.GetReturnValue().Set(v8::Uint8Array::New(buffer, 0, buffer->ByteLength()));
}

void Exists(const v8::FunctionCallbackInfo<v8::Value>& info) {
  std::string path = ToStd(info.GetIsolate(), info[0]);
  info.GetReturnValue().Set(ReadPolicy::CheckPath(path).ok() && access(path.c_str(), F_OK) == 0);
}

void NormalizePath(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  std::string path = ToStd(isolate, info[0]);
  bool absolute = !path.empty() && path[0] == '/';
  std::string normal = AbsolutePath(absolute ? path : "/" + path);
  info.GetReturnValue().Set(ToV8(isolate, absolute ? normal : normal.substr(1)));
}

}  // namespace

void InstallGlueNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives) {
  SetMethod(context, natives, "recognize", Recognize);
  SetMethod(context, natives, "stringGlueInfo", StringGlueInfo);
  SetMethod(context, natives, "evalGlue", EvalGlue);
  SetMethod(context, natives, "compileGlue", CompileGlue);
  SetMethod(context, natives, "readFile", ReadFile);
  SetMethod(context, natives, "exists", Exists);
  SetMethod(context, natives, "normalizePath", NormalizePath);
}

}  // namespace wbhost::bindings
