// host/wasm/compile.h and exceptions.h on V8 13.6, which compiles modern
// exception handling and has WebAssembly.JSTag, Exception and Tag as the
// JS API specifies them: bytes go to V8 as they are, and the WebAssembly
// namespace stays V8's.
#include "host/wasm/compile.h"
#include "host/wasm/exceptions.h"

namespace wbhost {

v8::MaybeLocal<v8::WasmModuleObject> CompileWasm(v8::Isolate* isolate, std::string_view bytes) {
  return v8::WasmModuleObject::Compile(
      isolate,
      v8::MemorySpan<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
}

void InstallCompileNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives) {}

void AdjustWebAssembly(v8::Local<v8::Context> context) {}

}  // namespace wbhost
