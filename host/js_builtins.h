// Host code written in JavaScript (host/js/*.js), embedded into the binary by
// build/scripts/js2c.py and evaluated on first use in each context.
//
// A builtin's source is one function expression:
//   (function (natives, require) { 'use strict'; ...; return exports; })
// `natives` holds the C++ functions registered for that builtin in
// host/globals/natives.cc; `require(name)` loads another builtin. Exports
// are cached per context (ContextData), so each builtin runs once there.
//
// Globals that only some scripts need (console, TextDecoder, URL, ...) are
// lazy data properties of the global object: nothing of them is compiled
// until a script first touches the name, which keeps start-up small.
#ifndef HOST_JS_BUILTINS_H_
#define HOST_JS_BUILTINS_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "v8.h"

namespace wbhost {

struct BuiltinSource {
  const char* name;
  const char* data;
  size_t size;
};

// Looks `name` up in host/js's table and every registered one; null for an
// unknown name.
const BuiltinSource* FindBuiltinSource(std::string_view name);

// host/js's generated table.
const BuiltinSource* FindBuiltinSourceInHost(std::string_view name);

// Adds a generated table (js2c.py --table) to the lookup; called by a
// static initialiser of the generated file. Returns true.
using BuiltinTable = const BuiltinSource* (*)(std::string_view name);
bool RegisterBuiltinTable(BuiltinTable table);

// The exports object of builtin `name` in `context`, evaluating it on first
// use. Empty (with an exception pending) if it threw.
v8::MaybeLocal<v8::Object> LoadBuiltin(v8::Local<v8::Context> context, std::string_view name);

// Defines `global_name` on the global template as a lazy data property whose
// value is exports[export_name] of builtin `builtin`.
void SetLazyBuiltinGlobal(v8::Isolate* isolate,
                          v8::Local<v8::ObjectTemplate> global,
                          std::string_view global_name,
                          std::string_view builtin,
                          std::string_view export_name);

// The getter behind SetLazyBuiltinGlobal; its data is "builtin:export".
v8::AccessorNameGetterCallback LazyBuiltinGetter();

// Fills the natives object of a builtin (host/globals/natives.cc).
void InstallNatives(v8::Local<v8::Context> context,
                    std::string_view builtin,
                    v8::Local<v8::Object> natives);

// Lets a folder host does not know of give natives to its own builtins;
// called from a static initialiser there. Returns true.
using NativesInstallerFn = void (*)(v8::Local<v8::Context> context, v8::Local<v8::Object> natives);
bool RegisterNativesInstaller(const char* builtin, NativesInstallerFn install);

// Adds a property to the `wbhost` global whose value is exports[export_name]
// of builtin `builtin`, made on first use (e.g. wbhost.bindings). Called from
// a static initialiser of the folder that owns the builtin. Returns true.
bool RegisterWbhostProperty(const char* property, const char* builtin, const char* export_name);

struct WbhostProperty {
  const char* property;
  const char* builtin;
  const char* export_name;
};
const std::vector<WbhostProperty>& RegisteredWbhostProperties();

}  // namespace wbhost

#endif  // HOST_JS_BUILTINS_H_
