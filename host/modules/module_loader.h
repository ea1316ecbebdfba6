// The ES module loader of one context: resolution (resolver.h), the module
// map (one record per resolved file: each module is compiled once per
// context), linking, evaluation with top-level await, import.meta and
// dynamic import(). Besides JS it loads JSON (a default export), CommonJS
// (module.exports as the default export, its own keys as named exports),
// built-ins and .wasm files (the Wasm ES module integration: the module's
// imports are imported as modules, its exports become the namespace).
//
// Invariants:
// - One ModuleLoader per context, made on first use (ForContext); the
//   Environment owns it.
// - A module's record maps its identity back to its path, so that nested
//   imports, import.meta.url and import() resolve against the right file.
#ifndef HOST_MODULES_MODULE_LOADER_H_
#define HOST_MODULES_MODULE_LOADER_H_

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "host/modules/resolver.h"
#include "v8.h"

namespace wbhost {

class Environment;

class ModuleLoader {
 public:
  ModuleLoader(Environment* env, v8::Local<v8::Context> context);
  ModuleLoader(const ModuleLoader&) = delete;
  ModuleLoader& operator=(const ModuleLoader&) = delete;
  ~ModuleLoader();

  // The loader of `context`, made on first use.
  static ModuleLoader* ForContext(v8::Local<v8::Context> context);

  // Sets the isolate's import() and import.meta callbacks.
  static void InstallIsolateCallbacks(v8::Isolate* isolate);

  // Loads, links and evaluates the file at `path` as the program's entry
  // point. Returns the evaluation promise; an exception is left pending
  // when loading or linking fails. A rejection of the promise is reported
  // as an uncaught error (d8's format, exit code 1) when it happens.
  v8::MaybeLocal<v8::Value> RunMainModule(const std::string& path);

  // Evaluates `source` as a module named `path` (-e --module, stdin).
  v8::MaybeLocal<v8::Value> RunModuleSource(const std::string& source, const std::string& path);

  // A new evaluation of `source` as the ES module at `path`, apart from the
  // module map (its own imports still come from the map): the bindings
  // layer makes a generation of wasm-bindgen glue this way. `meta`, if not
  // empty, is the module's `import.meta.wbhostGlue` (what the bindings
  // layer gives that one evaluation; held only until the module first
  // reads import.meta). Returns the namespace; the module must not use
  // top-level await.
  // When `evaluation` is given and the module awaits at top level, its
  // evaluation promise is stored there and the namespace returned at once
  // (its bindings are set as the evaluation goes on).
  v8::MaybeLocal<v8::Object> EvaluateFresh(const std::string& path,
                                           const std::string& source,
                                           v8::Local<v8::Value> meta,
                                           v8::Local<v8::Promise>* evaluation = nullptr);

  // The three phases of a module test (host/test262/): compile the file
  // (parse errors), load its imports and link (resolution errors), and
  // evaluate (runtime errors; a promise under top-level await).
  v8::MaybeLocal<v8::Module> CompileFile(const std::string& path);
  bool Link(v8::Local<v8::Module> module);
  v8::MaybeLocal<v8::Value> Evaluate(v8::Local<v8::Module> module);

  // import(specifier) from the file `referrer`: a promise of the namespace.
  v8::MaybeLocal<v8::Promise> Import(const std::string& specifier, const std::string& referrer);

 private:
  // The job an import() queues: links and evaluates its module, then
  // settles its promise (pending_imports_[id]).
  static void ContinueImportJob(const v8::FunctionCallbackInfo<v8::Value>& info);
  void ContinueImport(int id);

  // import() of a module whose evaluation is under way (it imports itself,
  // or a module of its cycle does): V8 may not be asked to evaluate it
  // again, so the promise settles once that evaluation has ended.
  void SettleWhenEvaluated(v8::Local<v8::Module> module, v8::Local<v8::Promise::Resolver> resolver);

  struct Record {
    std::string path;
    v8::Global<v8::Module> module;
    // Synthetic modules: their exports, by name.
    v8::Global<v8::Object> synthetic_exports;
    // .wasm modules: the compiled module, for import.meta in their wrapper.
    v8::Global<v8::Value> wasm_module;
    bool fetched = false;
    // EvaluateFresh records: who holds them and the key in by_hash_. For
    // these and MakeAwaiting's: import.meta.wbhostGlue until the module
    // first reads import.meta.
    ModuleLoader* owner = nullptr;
    v8::Global<v8::Value> glue_meta;
    int hash = 0;
  };
  static void ForgetFresh(const v8::WeakCallbackInfo<Record>& info);

  v8::MaybeLocal<v8::Module> Load(const ResolvedModule& given);
  // Loads every module `module` imports, transitively, before linking:
  // failures (a missing file, a syntax error) surface here as ordinary
  // exceptions, not inside V8's resolve callback.
  bool FetchTree(v8::Local<v8::Module> module, const std::string& path);
  v8::MaybeLocal<v8::Module> CompileSourceText(const std::string& source, const std::string& path);
  v8::MaybeLocal<v8::Module> MakeSynthetic(const std::string& path, v8::Local<v8::Object> exports);
  // A module at `path` exporting names[i] of what `ready` fulfils with,
  // once it does (a package hook's kReplacedAwaiting).
  v8::MaybeLocal<v8::Module> MakeAwaiting(const std::string& path,
                                          v8::Local<v8::Object> replacement);
  v8::MaybeLocal<v8::Module> LoadWasm(const std::string& path);
  v8::MaybeLocal<v8::Module> LoadCommonJs(const std::string& path);
  Record* Remember(const std::string& path, v8::Local<v8::Module> module);
  Record* Find(v8::Local<v8::Module> module);
  v8::MaybeLocal<v8::Value> LinkAndEvaluate(v8::Local<v8::Module> module);

  static v8::MaybeLocal<v8::Module> ResolveCallback(v8::Local<v8::Context> context,
                                                    v8::Local<v8::String> specifier,
                                                    v8::Local<v8::FixedArray> assertions,
                                                    v8::Local<v8::Module> referrer);
  static v8::MaybeLocal<v8::Value> SyntheticSteps(v8::Local<v8::Context> context,
                                                  v8::Local<v8::Module> module);
  static v8::MaybeLocal<v8::Promise> ImportDynamically(v8::Local<v8::Context> context,
                                                       v8::Local<v8::Data> host_defined_options,
                                                       v8::Local<v8::Value> resource_name,
                                                       v8::Local<v8::String> specifier,
                                                       v8::Local<v8::FixedArray> assertions);
  static void InitializeImportMeta(v8::Local<v8::Context> context,
                                   v8::Local<v8::Module> module,
                                   v8::Local<v8::Object> meta);

  Environment* env_;
  v8::Isolate* isolate_;
  v8::Global<v8::Context> context_;
  std::map<std::string, std::unique_ptr<Record>> by_path_;
  std::unordered_multimap<int, Record*> by_hash_;
  // Records of EvaluateFresh modules, held weakly (ForgetFresh).
  std::vector<std::unique_ptr<Record>> fresh_;
  struct PendingImport {
    ResolvedModule resolved;
    v8::Global<v8::Promise::Resolver> resolver;
  };
  // import()s whose job has not run; freed with the loader if it never does.
  std::map<int, PendingImport> pending_imports_;
  int next_import_ = 0;
};

}  // namespace wbhost

#endif  // HOST_MODULES_MODULE_LOADER_H_
