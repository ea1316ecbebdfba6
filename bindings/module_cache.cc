#include "bindings/module_cache.h"

#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "bindings/wasm/memory_import.h"
#include "bindings/wasm/memory_limit.h"
#include "bindings/wasm/state_exports.h"
#include "host/environment.h"
#include "host/file_util.h"
#include "host/v8_util.h"
#include "host/wasm/compile.h"

namespace wbhost::bindings {

namespace {

// Isolate data slot 2: slot 0 is the Environment (host/environment.h).
constexpr uint32_t kModuleCacheSlot = 2;

struct CompiledModule {
  v8::Global<v8::WasmModuleObject> module;
  v8::Global<v8::Context> context;  // the realm `module` belongs to
  uint32_t max_pages = 0;
  // The limits of the memory the rewrite made an import (memory_import.h).
  std::optional<ImportedMemory> memory;
  int handed_out = 0;  // how often a package was given it
};

struct ModuleCache {
  std::vector<CompiledModule> modules;
  std::map<std::string, size_t> by_path;
  std::unordered_multimap<size_t, size_t> by_hash;  // hash of the compiled bytes
};

ModuleCache& Cache(v8::Isolate* isolate) {
  auto* cache = static_cast<ModuleCache*>(isolate->GetData(kModuleCacheSlot));
  if (cache == nullptr) {
    // Lives as long as the isolate's environment.
    cache = new ModuleCache();
    isolate->SetData(kModuleCacheSlot, cache);
    if (Environment* env = Environment::From(isolate)) {
      env->KeepNative(cache, [isolate, cache] {
        isolate->SetData(kModuleCacheSlot, nullptr);
        delete cache;
      });
    }
  }
  return *cache;
}

uint32_t MaxPages(v8::Isolate* isolate) {
  int64_t limit_mb = Environment::From(isolate)->options().wasm_max_memory_mb;
  return limit_mb > 0 ? static_cast<uint32_t>(limit_mb * 16) : 0;  // 64 KiB pages
}

bool SameBytes(v8::Isolate* isolate, const CompiledModule& entry, std::string_view bytes) {
  v8::MemorySpan<const uint8_t> wire =
      entry.module.Get(isolate)->GetCompiledModule().GetWireBytesRef();
  return wire.size() == bytes.size() &&
         (bytes.empty() || std::memcmp(wire.data(), bytes.data(), bytes.size()) == 0);
}

// The cached module compiled from `bytes` (bounded first under
// --wasm-max-memory), compiling it if no module has those bytes. Returns
// its index, or -1 with a CompileError pending.
long CompileOnce(v8::Isolate* isolate, std::string bytes) {
  // Unreadable structure: the rewrites leave the bytes for V8 to name the
  // fault.
  uint32_t max_pages = MaxPages(isolate);
  if (max_pages > 0) {
    auto limited = LimitWasmMemory(bytes, max_pages);
    if (limited.ok())
      bytes = *std::move(limited);
  }
  // What a checkpoint saves, reachable from JS (recovery/js/checkpoint.js).
  auto exported = ExportState(bytes);
  if (exported.ok())
    bytes = *std::move(exported);
  // Its memory given by wbhost (recovery/js/memory_pool.js).
  std::optional<ImportedMemory> memory;
  if (auto imported = ImportMemory(bytes); imported.ok() && imported->has_value()) {
    memory = **std::move(imported);
    bytes = std::move(memory->bytes);
    memory->bytes.clear();
  }
  ModuleCache& cache = Cache(isolate);
  size_t hash = absl::HashOf(std::string_view(bytes));
  auto range = cache.by_hash.equal_range(hash);
  for (auto it = range.first; it != range.second; ++it) {
    if (SameBytes(isolate, cache.modules[it->second], bytes))
      return static_cast<long>(it->second);
  }
  // Modern exception handling compiles too (host/wasm/compile.h).
  v8::Local<v8::WasmModuleObject> module;
  if (!CompileWasm(isolate, bytes).ToLocal(&module))
    return -1;
  CompiledModule entry;
  entry.module.Reset(isolate, module);
  entry.context.Reset(isolate, isolate->GetCurrentContext());
  entry.max_pages = max_pages;
  entry.memory = std::move(memory);
  cache.modules.push_back(std::move(entry));
  size_t index = cache.modules.size() - 1;
  cache.by_hash.emplace(hash, index);
  return static_cast<long>(index);
}

// {module, maxPages} for the cache entry, as a WebAssembly.Module of the
// current realm.
void ReturnEntry(const v8::FunctionCallbackInfo<v8::Value>& info, size_t index) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  CompiledModule& entry = Cache(isolate).modules[index];
  ++entry.handed_out;
  v8::Local<v8::WasmModuleObject> module = entry.module.Get(isolate);
  if (entry.context.Get(isolate) != context) {
    // Another realm (a test runner's next test, a Realm): the same compiled
    // code behind a WebAssembly.Module of this realm, so that the glue's
    // `instanceof WebAssembly.Module` holds. Nothing is compiled again.
    if (!v8::WasmModuleObject::FromCompiledModule(isolate, module->GetCompiledModule())
             .ToLocal(&module)) {
      return;
    }
  }
  v8::Local<v8::Object> result = v8::Object::New(isolate);
  SetValue(context, result, "module", module, v8::None);
  SetValue(context, result, "maxPages", v8::Integer::NewFromUnsigned(isolate, entry.max_pages),
           v8::None);
  if (entry.memory.has_value()) {
    v8::Local<v8::Object> limits = v8::Object::New(isolate);
    SetValue(context, limits, "initial", v8::Number::New(isolate, entry.memory->initial), v8::None);
    if (entry.memory->maximum.has_value()) {
      SetValue(context, limits, "maximum", v8::Number::New(isolate, *entry.memory->maximum),
               v8::None);
    }
    SetValue(context, result, "memory", limits, v8::None);
  }
  // Whether this compile served a package (or realm) before.
  SetValue(context, result, "compiled", ToV8(isolate, entry.handed_out > 1 ? "before" : "now"),
           v8::None);
  info.GetReturnValue().Set(result);
}

void Compile(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  std::string path = ToStd(isolate, info[0]);
  ModuleCache& cache = Cache(isolate);
  auto known = cache.by_path.find(path);
  if (known != cache.by_path.end()) {
    ReturnEntry(info, known->second);
    return;
  }
  auto bytes = ReadFileBytes(path);
  if (!bytes.ok()) {
    ThrowError(isolate, std::string(bytes.status().message()));
    return;
  }
  long index = CompileOnce(isolate, *std::move(bytes));
  if (index < 0)
    return;  // CompileError pending
  cache.by_path.emplace(path, static_cast<size_t>(index));
  ReturnEntry(info, static_cast<size_t>(index));
}

void CompileBytes(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  std::string copy;
  std::string_view view;
  if (!BufferSourceBytes(info[0], &copy, &view)) {
    ThrowTypeError(isolate, "WebAssembly.Module(): Argument 0 must be a buffer source");
    return;
  }
  // The cache keeps the bytes: shared memory was copied already.
  std::string bytes = view.data() == copy.data() ? std::move(copy) : std::string(view);
  long index = CompileOnce(isolate, std::move(bytes));
  if (index >= 0)
    ReturnEntry(info, static_cast<size_t>(index));
}

void AdoptModule(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  if (!info[0]->IsWasmModuleObject()) {
    ThrowTypeError(isolate, "not a WebAssembly.Module");
    return;
  }
  v8::Local<v8::WasmModuleObject> given = info[0].As<v8::WasmModuleObject>();
  if (MaxPages(isolate) == 0) {
    // Nothing to bound: the program's own compilation is the one.
    v8::Local<v8::Object> result = v8::Object::New(isolate);
    SetValue(context, result, "module", given, v8::None);
    SetValue(context, result, "maxPages", v8::Integer::New(isolate, 0), v8::None);
    SetValue(context, result, "compiled", ToV8(isolate, "by the program"), v8::None);
    info.GetReturnValue().Set(result);
    return;
  }
  v8::MemorySpan<const uint8_t> wire = given->GetCompiledModule().GetWireBytesRef();
  long index =
      CompileOnce(isolate, std::string(reinterpret_cast<const char*>(wire.data()), wire.size()));
  if (index >= 0)
    ReturnEntry(info, static_cast<size_t>(index));
}

}  // namespace

void InstallModuleCacheNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives) {
  SetMethod(context, natives, "compile", Compile);
  SetMethod(context, natives, "compileBytes", CompileBytes);
  SetMethod(context, natives, "adoptModule", AdoptModule);
}

}  // namespace wbhost::bindings
