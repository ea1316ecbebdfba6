// What host/js/web.js needs from C++: base64 (atob/btoa), the monotonic
// clock (performance), random bytes (crypto) and structured cloning
// (V8's ValueSerializer).
#include <sys/random.h>
#include <sys/time.h>

#include <cstring>
#include <vector>

#include "host/event_loop.h"
#include "host/globals/natives.h"
#include "host/v8_util.h"

namespace wbhost {

namespace {

constexpr char kBase64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

v8::Local<v8::Value> DomError(v8::Isolate* isolate, const std::string& name,
                              const std::string& message) {
  v8::Local<v8::Value> error = v8::Exception::Error(ToV8(isolate, message));
  error.As<v8::Object>()
      ->Set(isolate->GetCurrentContext(), Symbolic(isolate, "name"), ToV8(isolate, name))
      .Check();
  return error;
}

// btoa(string): Latin-1 only, as the standard says.
void Btoa(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::String> text;
  if (!info[0]->ToString(isolate->GetCurrentContext()).ToLocal(&text)) return;
  std::vector<uint16_t> units(static_cast<size_t>(text->Length()));
  if (!units.empty()) text->Write(isolate, units.data(), 0, static_cast<int>(units.size()));
  std::string out;
  out.reserve((units.size() + 2) / 3 * 4);
  for (size_t i = 0; i < units.size(); i += 3) {
    uint32_t chunk = 0;
    int count = 0;
    for (size_t k = i; k < i + 3; ++k) {
      uint32_t unit = k < units.size() ? units[k] : 0;
      if (unit > 0xFF) {
        isolate->ThrowException(DomError(isolate, "InvalidCharacterError",
                                         "Invalid character: btoa takes Latin-1 text"));
        return;
      }
      chunk = (chunk << 8) | unit;
      if (k < units.size()) ++count;
    }
    out.push_back(kBase64[(chunk >> 18) & 63]);
    out.push_back(kBase64[(chunk >> 12) & 63]);
    out.push_back(count > 1 ? kBase64[(chunk >> 6) & 63] : '=');
    out.push_back(count > 2 ? kBase64[chunk & 63] : '=');
  }
  info.GetReturnValue().Set(ToV8(isolate, out));
}

// atob(string): the standard's forgiving base64 decode, to Latin-1.
void Atob(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  std::string input = ToStd(isolate, info[0]);
  std::string data;
  for (char c : input) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r') continue;
    data.push_back(c);
  }
  if (data.size() % 4 == 0 && !data.empty()) {
    if (data.back() == '=') data.pop_back();
    if (!data.empty() && data.back() == '=') data.pop_back();
  }
  auto invalid = [&] {
    isolate->ThrowException(DomError(isolate, "InvalidCharacterError",
                                     "The string to be decoded is not correctly encoded."));
  };
  if (data.size() % 4 == 1) return invalid();
  std::vector<uint16_t> out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : data) {
    const char* pos = c == '\0' ? nullptr : strchr(kBase64, c);
    if (pos == nullptr) return invalid();
    buffer = (buffer << 6) | static_cast<uint32_t>(pos - kBase64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<uint16_t>((buffer >> bits) & 0xFF));
    }
  }
  v8::Local<v8::String> result;
  if (v8::String::NewFromTwoByte(isolate, out.data(), v8::NewStringType::kNormal,
                                 static_cast<int>(out.size()))
          .ToLocal(&result)) {
    info.GetReturnValue().Set(result);
  }
}

void Now(const v8::FunctionCallbackInfo<v8::Value>& info) {
  info.GetReturnValue().Set(EventLoop::NowMs());
}

// The wall-clock time (ms since the epoch) when the process started.
double TimeOrigin() {
  struct timeval tv;
  gettimeofday(&tv, nullptr);
  double now = static_cast<double>(tv.tv_sec) * 1000.0 + tv.tv_usec / 1000.0;
  return now - EventLoop::NowMs();
}

// fillRandom(view): random bytes into an integer typed array's memory.
void FillRandom(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Local<v8::ArrayBufferView> view = info[0].As<v8::ArrayBufferView>();
  char* base = static_cast<char*>(view->Buffer()->Data()) + view->ByteOffset();
  size_t length = view->ByteLength();
  size_t done = 0;
  while (done < length) {
    ssize_t n = getrandom(base + done, length - done, 0);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
}

class CloneDelegate : public v8::ValueSerializer::Delegate {
 public:
  explicit CloneDelegate(v8::Isolate* isolate) : isolate_(isolate) {}
  void ThrowDataCloneError(v8::Local<v8::String> message) override {
    isolate_->ThrowException(
        DomError(isolate_, "DataCloneError", ToStd(isolate_, message)));
  }

 private:
  v8::Isolate* isolate_;
};

// structuredClone(value, transferList): V8's serializer, with the
// ArrayBuffers in transferList moved (detached from the source).
void StructuredClone(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  std::vector<v8::Local<v8::ArrayBuffer>> transfers;
  if (info[1]->IsArray()) {
    v8::Local<v8::Array> list = info[1].As<v8::Array>();
    for (uint32_t i = 0; i < list->Length(); ++i) {
      v8::Local<v8::Value> item;
      if (!list->Get(context, i).ToLocal(&item)) return;
      if (!item->IsArrayBuffer()) {
        isolate->ThrowException(
            DomError(isolate, "DataCloneError", "Only ArrayBuffers can be transferred"));
        return;
      }
      transfers.push_back(item.As<v8::ArrayBuffer>());
    }
  }
  CloneDelegate delegate(isolate);
  v8::ValueSerializer serializer(isolate, &delegate);
  serializer.WriteHeader();
  for (uint32_t i = 0; i < transfers.size(); ++i) {
    serializer.TransferArrayBuffer(i, transfers[i]);
  }
  if (!serializer.WriteValue(context, info[0]).FromMaybe(false)) return;
  std::pair<uint8_t*, size_t> data = serializer.Release();
  std::vector<std::shared_ptr<v8::BackingStore>> stores;
  for (auto& buffer : transfers) {
    stores.push_back(buffer->GetBackingStore());
    buffer->Detach();
  }
  v8::ValueDeserializer deserializer(isolate, data.first, data.second);
  v8::Local<v8::Value> result;
  bool ok = deserializer.ReadHeader(context).FromMaybe(false);
  for (uint32_t i = 0; ok && i < stores.size(); ++i) {
    deserializer.TransferArrayBuffer(i, v8::ArrayBuffer::New(isolate, stores[i]));
  }
  if (ok && deserializer.ReadValue(context).ToLocal(&result)) {
    info.GetReturnValue().Set(result);
  }
  free(data.first);
}

}  // namespace

void InstallWebNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives) {
  v8::Isolate* isolate = context->GetIsolate();
  SetMethod(context, natives, "atob", Atob);
  SetMethod(context, natives, "btoa", Btoa);
  SetMethod(context, natives, "now", Now);
  SetMethod(context, natives, "fillRandom", FillRandom);
  SetMethod(context, natives, "structuredClone", StructuredClone);
  SetValue(context, natives, "timeOrigin", v8::Number::New(isolate, TimeOrigin()));
}

}  // namespace wbhost
