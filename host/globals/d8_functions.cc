// d8's shell functions, with d8's behaviour: print() writes its arguments
// separated by spaces and a newline to stdout, printErr() to stderr,
// write() without the newline; read(file) returns text, readbuffer(file) an
// ArrayBuffer, readline() a line of stdin (undefined at its end); load(file)
// runs a script in the current context; quit(n) ends the process with n.
#include <unistd.h>

#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "host/environment.h"
#include "host/file_util.h"
#include "host/globals/globals.h"
#include "host/modules/package_hook.h"
#include "host/output.h"
#include "host/script_runner.h"
#include "host/v8_util.h"

namespace wbhost {

namespace {

std::string JoinArgs(const v8::FunctionCallbackInfo<v8::Value>& info) {
  std::string out;
  for (int i = 0; i < info.Length(); ++i) {
    if (i > 0)
      out += ' ';
    v8::String::Utf8Value text(info.GetIsolate(), info[i]);
    if (*text == nullptr)
      return out;  // String(x) threw
    out.append(*text, text.length());
  }
  return out;
}

void Print(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::TryCatch try_catch(info.GetIsolate());
  std::string text = JoinArgs(info);
  if (try_catch.HasCaught()) {
    try_catch.ReThrow();
    return;
  }
  text += '\n';
  WriteStdout(text);
}

void PrintErr(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::TryCatch try_catch(info.GetIsolate());
  std::string text = JoinArgs(info);
  if (try_catch.HasCaught()) {
    try_catch.ReThrow();
    return;
  }
  text += '\n';
  WriteStderr(text);
}

void Write(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::TryCatch try_catch(info.GetIsolate());
  std::string text = JoinArgs(info);
  if (try_catch.HasCaught()) {
    try_catch.ReThrow();
    return;
  }
  WriteStdout(text);
}

void Read(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  if (info.Length() < 1) {
    ThrowError(isolate, "read() needs a file name");
    return;
  }
  auto data = ReadFileBytes(ToStd(isolate, info[0]));
  if (!data.ok()) {
    ThrowError(isolate, std::string(data.status().message()));
    return;
  }
  info.GetReturnValue().Set(ToV8(isolate, *data));
}

void ReadBuffer(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  if (info.Length() < 1) {
    ThrowError(isolate, "readbuffer() needs a file name");
    return;
  }
  auto data = ReadFileBytes(ToStd(isolate, info[0]));
  if (!data.ok()) {
    ThrowError(isolate, std::string(data.status().message()));
    return;
  }
  info.GetReturnValue().Set(NewArrayBufferFrom(isolate, *data));
}

void ReadLine(const v8::FunctionCallbackInfo<v8::Value>& info) {
  FlushStdout();
  std::string line;
  int c;
  bool any = false;
  while ((c = fgetc(stdin)) != EOF) {
    any = true;
    if (c == '\n')
      break;
    line += static_cast<char>(c);
  }
  if (!any)
    return;  // end of input: undefined
  if (!line.empty() && line.back() == '\r')
    line.pop_back();
  info.GetReturnValue().Set(ToV8(info.GetIsolate(), line));
}

void Load(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  for (int i = 0; i < info.Length(); ++i) {
    std::string path = ToStd(isolate, info[i]);
    auto source = ReadFileBytes(path);
    if (!source.ok()) {
      ThrowError(isolate, std::string(source.status().message()));
      return;
    }
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::TryCatch hook_catch(isolate);
    std::optional<std::string> replaced = RunSourceHooks(context, *source, path);
    if (hook_catch.HasCaught()) {
      hook_catch.ReThrow();
      return;
    }
    v8::Local<v8::Value> result;
    if (!CompileAndRunScript(context, replaced ? *replaced : *source, path).ToLocal(&result)) {
      return;  // the exception propagates to load()'s caller
    }
  }
}

void Quit(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  int code = 0;
  if (info.Length() > 0) {
    code = info[0]->Int32Value(isolate->GetCurrentContext()).FromMaybe(0);
  }
  Environment* env = Environment::From(isolate);
  if (env->quit_exits_process()) {
    // As d8: the process ends here, with nothing more of the script run.
    FlushStdout();
    fflush(stderr);
    _exit(code);
  }
  env->RequestStop(StopReason::kQuit, code);
}

void Version(const v8::FunctionCallbackInfo<v8::Value>& info) {
  info.GetReturnValue().Set(ToV8(info.GetIsolate(), v8::V8::GetVersion()));
}

}  // namespace

void AddD8Globals(v8::Isolate* isolate, v8::Local<v8::ObjectTemplate> global) {
  struct Entry {
    const char* name;
    v8::FunctionCallback callback;
  };
  static const Entry kEntries[] = {
      {"print", Print},           {"printErr", PrintErr}, {"write", Write}, {"read", Read},
      {"readbuffer", ReadBuffer}, {"readline", ReadLine}, {"load", Load},   {"quit", Quit},
      {"version", Version},
  };
  for (const Entry& entry : kEntries) {
    global->Set(Symbolic(isolate, entry.name),
                v8::FunctionTemplate::New(isolate, entry.callback, {}, {}, 0,
                                          v8::ConstructorBehavior::kThrow),
                v8::DontEnum);
  }
}

}  // namespace wbhost
