#include "host/serialized_message.h"

#include <cstdlib>

#include "host/v8_compat.h"
#include "host/v8_util.h"

namespace wbhost {

class MessageWriter : public v8::ValueSerializer::Delegate {
 public:
  MessageWriter(v8::Isolate* isolate, SerializedMessage* message)
      : isolate_(isolate), message_(message) {}

  void ThrowDataCloneError(v8::Local<v8::String> text) override {
    isolate_->ThrowException(DomError(isolate_, "DataCloneError", ToStd(isolate_, text)));
  }

  v8::Maybe<uint32_t> GetSharedArrayBufferId(v8::Isolate* isolate,
                                             v8::Local<v8::SharedArrayBuffer> buffer) override {
    std::shared_ptr<v8::BackingStore> store = buffer->GetBackingStore();
    auto& shared = message_->shared_buffers_;
    for (size_t i = 0; i < shared.size(); ++i) {
      if (shared[i] == store)
        return v8::Just(static_cast<uint32_t>(i));
    }
    shared.push_back(std::move(store));
    return v8::Just(static_cast<uint32_t>(shared.size() - 1));
  }

  v8::Maybe<uint32_t> GetWasmModuleTransferId(v8::Isolate* isolate,
                                              v8::Local<v8::WasmModuleObject> module) override {
    message_->wasm_modules_.push_back(module->GetCompiledModule());
    return v8::Just(static_cast<uint32_t>(message_->wasm_modules_.size() - 1));
  }

 private:
  v8::Isolate* isolate_;
  SerializedMessage* message_;
};

class MessageReader : public v8::ValueDeserializer::Delegate {
 public:
  explicit MessageReader(SerializedMessage* message) : message_(message) {}

  v8::MaybeLocal<v8::SharedArrayBuffer> GetSharedArrayBufferFromId(v8::Isolate* isolate,
                                                                   uint32_t id) override {
    if (id >= message_->shared_buffers_.size())
      return {};
    return v8::SharedArrayBuffer::New(isolate, message_->shared_buffers_[id]);
  }

  v8::MaybeLocal<v8::WasmModuleObject> GetWasmModuleFromId(v8::Isolate* isolate,
                                                           uint32_t id) override {
    if (id >= message_->wasm_modules_.size())
      return {};
    return v8::WasmModuleObject::FromCompiledModule(isolate, message_->wasm_modules_[id]);
  }

 private:
  SerializedMessage* message_;
};

std::unique_ptr<SerializedMessage> SerializedMessage::Serialize(v8::Local<v8::Context> context,
                                                                v8::Local<v8::Value> value,
                                                                v8::Local<v8::Value> transfer) {
  v8::Isolate* isolate = context->GetIsolate();
  std::vector<v8::Local<v8::ArrayBuffer>> moved;
  if (!transfer.IsEmpty() && transfer->IsArray()) {
    v8::Local<v8::Array> list = transfer.As<v8::Array>();
    for (uint32_t i = 0; i < list->Length(); ++i) {
      v8::Local<v8::Value> item;
      if (!list->Get(context, i).ToLocal(&item))
        return nullptr;
      if (!item->IsArrayBuffer() || !item.As<v8::ArrayBuffer>()->IsDetachable()) {
        isolate->ThrowException(
            DomError(isolate, "DataCloneError", "Only detachable ArrayBuffers can be transferred"));
        return nullptr;
      }
      for (auto& seen : moved) {
        if (seen == item) {
          isolate->ThrowException(
              DomError(isolate, "DataCloneError", "An ArrayBuffer is listed twice for transfer"));
          return nullptr;
        }
      }
      moved.push_back(item.As<v8::ArrayBuffer>());
    }
  } else if (!transfer.IsEmpty() && !transfer->IsNullOrUndefined()) {
    ThrowTypeError(isolate, "the transfer list must be an array");
    return nullptr;
  }
  auto message = std::unique_ptr<SerializedMessage>(new SerializedMessage);
  MessageWriter writer(isolate, message.get());
  v8::ValueSerializer serializer(isolate, &writer);
  serializer.WriteHeader();
  for (uint32_t i = 0; i < moved.size(); ++i)
    serializer.TransferArrayBuffer(i, moved[i]);
  if (!serializer.WriteValue(context, value).FromMaybe(false))
    return nullptr;
  std::pair<uint8_t*, size_t> data = serializer.Release();
  message->bytes_.assign(data.first, data.first + data.second);
  free(data.first);
  for (auto& buffer : moved) {
    message->transferred_buffers_.push_back(buffer->GetBackingStore());
    if (v8compat::Detach(buffer).IsNothing())
      return nullptr;
  }
  return message;
}

v8::MaybeLocal<v8::Value> SerializedMessage::Deserialize(v8::Local<v8::Context> context) {
  v8::Isolate* isolate = context->GetIsolate();
  v8::EscapableHandleScope scope(isolate);
  MessageReader reader(this);
  v8::ValueDeserializer deserializer(isolate, bytes_.data(), bytes_.size(), &reader);
  if (!deserializer.ReadHeader(context).FromMaybe(false))
    return {};
  for (uint32_t i = 0; i < transferred_buffers_.size(); ++i) {
    deserializer.TransferArrayBuffer(i, v8::ArrayBuffer::New(isolate, transferred_buffers_[i]));
  }
  v8::Local<v8::Value> value;
  if (!deserializer.ReadValue(context).ToLocal(&value))
    return {};
  return scope.Escape(value);
}

}  // namespace wbhost
