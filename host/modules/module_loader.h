// The ES module loader of one isolate: resolution, the module map (one
// record per resolved URL and context), evaluation with top-level await,
// import.meta and dynamic import().
#ifndef HOST_MODULES_MODULE_LOADER_H_
#define HOST_MODULES_MODULE_LOADER_H_

#include <string>

#include "v8.h"

namespace wbhost {

class Environment;

class ModuleLoader {
 public:
  explicit ModuleLoader(Environment* env);
  ModuleLoader(const ModuleLoader&) = delete;
  ModuleLoader& operator=(const ModuleLoader&) = delete;
  ~ModuleLoader();

  // Sets the isolate's import() and import.meta callbacks.
  static void InstallIsolateCallbacks(v8::Isolate* isolate);

  // Loads, links and evaluates the module at `path` (a file path) as the
  // program's entry point. The result is the evaluation promise; an
  // exception is left pending on failure.
  v8::MaybeLocal<v8::Value> RunMainModule(v8::Local<v8::Context> context,
                                          const std::string& path);

  // Evaluates `source` as a module whose URL is `url` (for -e --module and
  // standard input).
  v8::MaybeLocal<v8::Value> RunModuleSource(v8::Local<v8::Context> context,
                                            const std::string& source,
                                            const std::string& url);

 private:
  Environment* env_;
};

}  // namespace wbhost

#endif  // HOST_MODULES_MODULE_LOADER_H_
