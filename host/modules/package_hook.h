// What host/ knows of the bindings layer: before the module loader (ES
// modules and require) evaluates a JS file, a registered hook may offer a
// replacement for it, and before host runs script text from a string, a
// source hook may offer other text. bindings/ registers hooks that
// recognise wasm-bindgen glue and answer with the stable binding objects.
#ifndef HOST_MODULES_PACKAGE_HOOK_H_
#define HOST_MODULES_PACKAGE_HOOK_H_

#include <optional>
#include <string>

#include "v8.h"

namespace wbhost {

enum class HookUse { kImport, kRequire };

enum class HookResult {
  kPass,      // not this hook's: load the file as usual
  kReplaced,  // *replacement takes the file's place
  // (imports only) *replacement is {names, ready}: the module exports
  // `names`, whose values are those of the object `ready` (a promise)
  // fulfils with; importers wait for it, as for a top-level await.
  kReplacedAwaiting,
  kThrew,  // an exception is pending: the import or require fails
};

// For kImport the replacement is an object whose own properties are the
// module's exports (a "default" property is the default export); for
// kRequire it is the value require() returns.
using PackageHook = HookResult (*)(v8::Local<v8::Context> context,
                                   const std::string& path,
                                   HookUse use,
                                   v8::Local<v8::Value>* replacement);

// Called from a static initialiser of the registering layer. Returns true.
bool RegisterPackageHook(PackageHook hook);

// Script text host runs that no file import brought (eval, new Function,
// d8's load()): a registered hook may answer with a replacement text to run
// in its place (bindings/ makes wasm-bindgen glue given as a string a
// binding this way). `name` is the script's file, or empty. A hook that
// throws leaves the exception pending and answers nullopt.
using SourceHook = std::optional<std::string> (*)(v8::Local<v8::Context> context,
                                                  const std::string& source,
                                                  const std::string& name);
bool RegisterSourceHook(SourceHook hook);
bool HasSourceHooks();
std::optional<std::string> RunSourceHooks(v8::Local<v8::Context> context,
                                          const std::string& source,
                                          const std::string& name);

// Runs the registered hooks in order, up to the first that does not pass.
HookResult RunPackageHooks(v8::Local<v8::Context> context,
                           const std::string& path,
                           HookUse use,
                           v8::Local<v8::Value>* replacement);

}  // namespace wbhost

#endif  // HOST_MODULES_PACKAGE_HOOK_H_
