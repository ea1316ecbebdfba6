// A wbhost environment for fuzz targets that run JS: V8 started once (never
// torn down: the isolate lives until the process exits), an isolate, a host
// context with every wbhost global, and one program (a JS function) called
// per input under a one-second watchdog. Renewed every so many inputs so
// that per-isolate caches do not grow without bound.
#ifndef TESTS_FUZZ_V8_HOST_H_
#define TESTS_FUZZ_V8_HOST_H_

#include <memory>
#include <string>

#include "host/environment.h"
#include "host/isolate_setup.h"
#include "host/options.h"
#include "v8.h"

namespace wbhost::fuzz {

class V8Host {
 public:
  // Starts V8 (once per process).
  static void Initialize();

  // `program` is JS source that evaluates to a function of one string.
  V8Host(const std::string& program, const ShellOptions& options);
  ~V8Host();

  // Calls the program with `arg`. Returns its result as a string, or
  // "throw:" and the exception's text (empty when terminated).
  std::string Call(const std::string& arg);

 private:
  ShellOptions options_;
  IsolatePtr isolate_;
  std::unique_ptr<Environment> env_;
  v8::Global<v8::Context> context_;
  v8::Global<v8::Function> program_;
};

}  // namespace wbhost::fuzz

#endif  // TESTS_FUZZ_V8_HOST_H_
