// A JS value copied out of one isolate so that another (or the same) can
// rebuild it: V8's structured serialization, plus what the bytes cannot
// carry. SharedArrayBuffers and WebAssembly.Memory keep sharing their
// memory, ArrayBuffers in the transfer list move (the source is detached),
// compiled WebAssembly.Modules are shared without recompiling.
//
// Invariants:
// - A message holds no V8 handle: it may be made on one thread and read on
//   another, after the isolate that made it is gone.
// - Serialize throws a DataCloneError in the current context and returns
//   null when the value cannot be cloned; nothing is detached then.
#ifndef HOST_SERIALIZED_MESSAGE_H_
#define HOST_SERIALIZED_MESSAGE_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "v8.h"

namespace wbhost {

class SerializedMessage {
 public:
  // `transfer` is an array of ArrayBuffers (or empty).
  static std::unique_ptr<SerializedMessage> Serialize(v8::Local<v8::Context> context,
                                                      v8::Local<v8::Value> value,
                                                      v8::Local<v8::Value> transfer);

  // Rebuilds the value in `context`; empty with an exception pending if V8
  // refuses the data. May be called once.
  v8::MaybeLocal<v8::Value> Deserialize(v8::Local<v8::Context> context);

 private:
  friend class MessageWriter;
  friend class MessageReader;

  std::vector<uint8_t> bytes_;
  std::vector<std::shared_ptr<v8::BackingStore>> shared_buffers_;
  std::vector<std::shared_ptr<v8::BackingStore>> transferred_buffers_;
  std::vector<v8::CompiledWasmModule> wasm_modules_;
};

}  // namespace wbhost

#endif  // HOST_SERIALIZED_MESSAGE_H_
