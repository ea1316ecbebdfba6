// The C++ side of the node globals (process.js, os.js, immediate.js): what
// JS cannot learn or do itself.
//
//   pid, ppid, execPath, mainPath, args, hardwareConcurrency   values
//   wbhostVersion, v8Version
//   env()                    the environment as an object of strings
//   cwd()                    the working folder
//   hrtimeNs()               monotonic nanoseconds, as a BigInt
//   isatty(fd)               whether fd 0, 1 or 2 is a terminal
//   write(fd, text)          text to stdout (1) or stderr (2), no newline
//   setExitCode(code)        the code the run ends with, unless it fails
//   memoryUsage()            {rss, heapTotal, heapUsed, external, arrayBuffers}
//   postImmediate(fn)        fn in a later macrotask (setImmediate)
//   setTickRunner(fn)        fn drains process.nextTick's queue (EventLoop)
//   requestTicks()           the queue has callbacks: run fn before microtasks
//   os()                     {hostname, release, totalmem, freemem, uptime,
//                             loadavg, homedir, tmpdir, cpuModel, cpuSpeed}
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include "host/environment.h"
#include "host/event_loop.h"
#include "host/file_util.h"
#include "host/js_builtins.h"
#include "host/output.h"
#include "host/v8_util.h"
#include "host/version.h"

extern char** environ;

namespace wbhost {

namespace {

void Env(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Object> env = v8::Object::New(isolate);
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string pair(*entry);
    size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0)
      continue;
    SetValue(context, env, pair.substr(0, eq), ToV8(isolate, pair.substr(eq + 1)), v8::None);
  }
  info.GetReturnValue().Set(env);
}

void Cwd(const v8::FunctionCallbackInfo<v8::Value>& info) {
  info.GetReturnValue().Set(ToV8(info.GetIsolate(), AbsolutePath(".")));
}

void HrtimeNs(const v8::FunctionCallbackInfo<v8::Value>& info) {
  timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  uint64_t ns =
      static_cast<uint64_t>(now.tv_sec) * 1000000000u + static_cast<uint64_t>(now.tv_nsec);
  info.GetReturnValue().Set(v8::BigInt::NewFromUnsigned(info.GetIsolate(), ns));
}

void IsAtty(const v8::FunctionCallbackInfo<v8::Value>& info) {
  int fd = info[0]->Int32Value(info.GetIsolate()->GetCurrentContext()).FromMaybe(-1);
  info.GetReturnValue().Set(fd >= 0 && fd <= 2 && isatty(fd) == 1);
}

void Write(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  int fd = info[0]->Int32Value(isolate->GetCurrentContext()).FromMaybe(1);
  std::string text = ToStd(isolate, info[1]);
  if (fd == 2)
    WriteStderr(text);
  else
    WriteStdout(text);
}

void SetExitCode(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  int code = info[0]->Int32Value(isolate->GetCurrentContext()).FromMaybe(0);
  if (Environment* env = Environment::From(isolate))
    env->set_exit_code(code);
}

// Resident size in bytes, from /proc/self/statm.
double ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

void MemoryUsage(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::HeapStatistics heap;
  isolate->GetHeapStatistics(&heap);
  v8::Local<v8::Object> usage = v8::Object::New(isolate);
  auto set = [&](const char* key, double value) {
    SetValue(context, usage, key, v8::Number::New(isolate, value), v8::None);
  };
  set("rss", ResidentBytes());
  set("heapTotal", static_cast<double>(heap.total_heap_size()));
  set("heapUsed", static_cast<double>(heap.used_heap_size()));
  set("external", static_cast<double>(heap.external_memory()));
  set("arrayBuffers", static_cast<double>(heap.external_memory()));
  info.GetReturnValue().Set(usage);
}

void PostImmediate(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  if (!info[0]->IsFunction())
    return;
  auto fn = std::make_shared<v8::Global<v8::Function>>(isolate, info[0].As<v8::Function>());
  Environment::From(isolate)->loop().PostTask([isolate, fn] {
    v8::HandleScope scope(isolate);
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    // An exception is the program's uncaught error (the message listener).
    v8::MaybeLocal<v8::Value> ignored =
        fn->Get(isolate)->Call(context, v8::Undefined(isolate), 0, nullptr);
    (void)ignored;
  });
}

std::string FirstLineWith(const char* path, const std::string& key) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) == 0) {
      size_t colon = line.find(':');
      return colon == std::string::npos ? std::string() : line.substr(colon + 2);
    }
  }
  return std::string();
}

void Os(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Object> os = v8::Object::New(isolate);
  auto set_string = [&](const char* key, const std::string& value) {
    SetValue(context, os, key, ToV8(isolate, value), v8::None);
  };
  auto set_number = [&](const char* key, double value) {
    SetValue(context, os, key, v8::Number::New(isolate, value), v8::None);
  };
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  set_string("hostname", host);
  utsname name;
  if (uname(&name) == 0) {
    set_string("release", name.release);
    set_string("version", name.version);
  }
  struct sysinfo system;
  if (sysinfo(&system) == 0) {
    set_number("totalmem", static_cast<double>(system.totalram) * system.mem_unit);
    set_number("freemem", static_cast<double>(system.freeram) * system.mem_unit);
    set_number("uptime", static_cast<double>(system.uptime));
    v8::Local<v8::Array> load = v8::Array::New(isolate, 3);
    for (int i = 0; i < 3; ++i) {
      load->Set(context, i, v8::Number::New(isolate, system.loads[i] / 65536.0)).Check();
    }
    SetValue(context, os, "loadavg", load, v8::None);
  }
  const char* home = getenv("HOME");
  set_string("homedir", home ? home : "/");
  const char* tmp = getenv("TMPDIR");
  set_string("tmpdir", tmp && *tmp ? tmp : "/tmp");
  set_string("cpuModel", FirstLineWith("/proc/cpuinfo", "model name"));
  std::string mhz = FirstLineWith("/proc/cpuinfo", "cpu MHz");
  set_number("cpuSpeed", mhz.empty() ? 0 : static_cast<int>(std::atof(mhz.c_str())));
  info.GetReturnValue().Set(os);
}

void SetTickRunner(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  if (!info[0]->IsFunction())
    return;
  Environment::From(isolate)->loop().SetTickRunner(isolate->GetCurrentContext(),
                                                   info[0].As<v8::Function>());
}

void RequestTicks(const v8::FunctionCallbackInfo<v8::Value>& info) {
  Environment::From(info.GetIsolate())->loop().RequestTicks();
}

void InstallNodeNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives) {
  v8::Isolate* isolate = context->GetIsolate();
  Environment* env = Environment::From(isolate);
  SetMethod(context, natives, "env", Env);
  SetMethod(context, natives, "cwd", Cwd);
  SetMethod(context, natives, "hrtimeNs", HrtimeNs);
  SetMethod(context, natives, "isatty", IsAtty);
  SetMethod(context, natives, "write", Write);
  SetMethod(context, natives, "setExitCode", SetExitCode);
  SetMethod(context, natives, "memoryUsage", MemoryUsage);
  SetMethod(context, natives, "postImmediate", PostImmediate);
  SetMethod(context, natives, "os", Os);
  SetMethod(context, natives, "setTickRunner", SetTickRunner);
  SetMethod(context, natives, "requestTicks", RequestTicks);
  SetValue(context, natives, "pid", v8::Integer::New(isolate, getpid()));
  SetValue(context, natives, "ppid", v8::Integer::New(isolate, getppid()));
  char exe[4096] = {};
  ssize_t length = readlink("/proc/self/exe", exe, sizeof exe - 1);
  SetValue(context, natives, "execPath",
           ToV8(isolate, length > 0 ? std::string(exe, length) : std::string("wbhost")));
  const ShellOptions& options = env->options();
  SetValue(context, natives, "mainPath",
           ToV8(isolate, options.file.empty() ? std::string() : AbsolutePath(options.file)));
  v8::Local<v8::Array> args = v8::Array::New(isolate, static_cast<int>(options.script_args.size()));
  for (size_t i = 0; i < options.script_args.size(); ++i) {
    args->Set(context, static_cast<uint32_t>(i), ToV8(isolate, options.script_args[i])).Check();
  }
  SetValue(context, natives, "args", args);
  SetValue(context, natives, "hardwareConcurrency",
           v8::Integer::New(isolate, static_cast<int>(std::thread::hardware_concurrency())));
  SetValue(context, natives, "wbhostVersion", ToV8(isolate, kWbhostVersion));
  SetValue(context, natives, "v8Version", ToV8(isolate, v8::V8::GetVersion()));
}

const bool kRegistered = RegisterNativesInstaller("node_process", InstallNodeNatives) &&
                         RegisterNativesInstaller("node_os", InstallNodeNatives) &&
                         RegisterNativesInstaller("node_immediate", InstallNodeNatives);

}  // namespace

}  // namespace wbhost
