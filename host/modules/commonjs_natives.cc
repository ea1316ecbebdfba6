// What host/js/commonjs.js needs from C++: resolution (resolver.h), reading
// files, compiling a file in the CommonJS wrapper, the package hook, and
// the file of the script that called a global require().
#include "absl/strings/str_cat.h"
#include "host/file_util.h"
#include "host/globals/natives.h"
#include "host/modules/package_hook.h"
#include "host/modules/resolver.h"
#include "host/read_policy.h"
#include "host/v8_compat.h"
#include "host/v8_util.h"

namespace wbhost {

namespace {

const char* FormatName(ModuleFormat format) {
  switch (format) {
    case ModuleFormat::kEsm:
      return "esm";
    case ModuleFormat::kCommonJs:
      return "commonjs";
    case ModuleFormat::kJson:
      return "json";
    case ModuleFormat::kWasm:
      return "wasm";
    case ModuleFormat::kBuiltin:
      return "builtin";
  }
  return "commonjs";
}

// resolve(specifier, referrer) -> {path, format}; throws when not found.
void Resolve(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  auto resolved =
      ResolveModule(ToStd(isolate, info[0]), ToStd(isolate, info[1]), ResolveMode::kRequire);
  if (!resolved.ok()) {
    v8::Local<v8::Value> error =
        v8::Exception::Error(ToV8(isolate, std::string(resolved.status().message())));
    SetValue(context, error.As<v8::Object>(), "code", ToV8(isolate, "MODULE_NOT_FOUND"), v8::None);
    isolate->ThrowException(error);
    return;
  }
  v8::Local<v8::Object> result = v8::Object::New(isolate);
  SetValue(context, result, "path", ToV8(isolate, resolved->path), v8::None);
  SetValue(context, result, "format", ToV8(isolate, FormatName(resolved->format)), v8::None);
  info.GetReturnValue().Set(result);
}

void ReadText(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  auto data = ReadFileBytes(ToStd(isolate, info[0]));
  if (!data.ok()) {
    ThrowError(isolate, std::string(data.status().message()));
    return;
  }
  info.GetReturnValue().Set(ToV8(isolate, *data));
}

void ReadBytes(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  auto data = ReadFileBytes(ToStd(isolate, info[0]));
  if (!data.ok()) {
    v8::Local<v8::Value> error =
        v8::Exception::Error(ToV8(isolate, std::string(data.status().message())));
    SetValue(isolate->GetCurrentContext(), error.As<v8::Object>(), "code",
             ToV8(isolate, absl::IsNotFound(data.status()) ? "ENOENT" : "EIO"), v8::None);
    isolate->ThrowException(error);
    return;
  }
  v8::Local<v8::ArrayBuffer> buffer = NewArrayBufferFrom(isolate, *data);
  info.GetReturnValue().Set(v8::Uint8Array::New(buffer, 0, buffer->ByteLength()));
}

void Exists(const v8::FunctionCallbackInfo<v8::Value>& info) {
  std::string path = ToStd(info.GetIsolate(), info[0]);
  // Outside --allow-read a path does not exist to the script (node's
  // permission model answers the same).
  if (!ReadPolicy::CheckPath(path).ok()) {
    info.GetReturnValue().Set(false);
    return;
  }
  info.GetReturnValue().Set(RealFileSystem().IsFile(path) || RealFileSystem().IsDirectory(path));
}

// compile(source, filename) -> function (exports, require, module,
// __filename, __dirname), the CommonJS wrapper.
void Compile(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::ScriptOrigin origin = v8compat::ScriptOrigin(isolate, info[1]);
  v8::ScriptCompiler::Source source(info[0].As<v8::String>(), origin);
  v8::Local<v8::String> params[] = {Symbolic(isolate, "exports"), Symbolic(isolate, "require"),
                                    Symbolic(isolate, "module"), Symbolic(isolate, "__filename"),
                                    Symbolic(isolate, "__dirname")};
  v8::Local<v8::Function> fn;
  if (v8::ScriptCompiler::CompileFunction(context, &source, 5, params).ToLocal(&fn)) {
    info.GetReturnValue().Set(fn);
  }
}

// hook(path) -> the package hook's replacement for require(), or undefined.
void Hook(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Value> replacement;
  HookResult result = RunPackageHooks(isolate->GetCurrentContext(), ToStd(isolate, info[0]),
                                      HookUse::kRequire, &replacement);
  if (result == HookResult::kReplaced)
    info.GetReturnValue().Set(replacement);
}

// The file of the innermost script on the stack (for a global require()).
void CallerPath(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::StackTrace> trace = v8::StackTrace::CurrentStackTrace(isolate, 10);
  for (int i = 0; i < trace->GetFrameCount(); ++i) {
    v8::Local<v8::String> name = trace->GetFrame(isolate, i)->GetScriptName();
    if (name.IsEmpty())
      continue;
    std::string path = ToStd(isolate, name);
    if (path.rfind("wbhost:", 0) == 0)
      continue;  // host builtins
    if (!path.empty() && path[0] == '/') {
      info.GetReturnValue().Set(ToV8(isolate, path));
      return;
    }
    if (RealFileSystem().IsFile(path)) {
      info.GetReturnValue().Set(ToV8(isolate, AbsolutePath(path)));
      return;
    }
    break;
  }
  info.GetReturnValue().Set(ToV8(isolate, AbsolutePath("[eval]")));
}

void Normalize(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  info.GetReturnValue().Set(ToV8(isolate, AbsolutePath(ToStd(isolate, info[0]))));
}

}  // namespace

void InstallCommonJsNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives) {
  SetMethod(context, natives, "resolve", Resolve);
  SetMethod(context, natives, "readText", ReadText);
  SetMethod(context, natives, "readBytes", ReadBytes);
  SetMethod(context, natives, "exists", Exists);
  SetMethod(context, natives, "compile", Compile);
  SetMethod(context, natives, "hook", Hook);
  SetMethod(context, natives, "callerPath", CallerPath);
  SetMethod(context, natives, "absolutePath", Normalize);
}

}  // namespace wbhost
