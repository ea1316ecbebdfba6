// What host/js/web.js needs from C++: base64 (atob/btoa), the monotonic
// clock (performance), random bytes (crypto) and structured cloning
// (host/serialized_message.h).
#include <sys/random.h>
#include <sys/time.h>

#include <cstring>
#include <vector>

#include "host/event_loop.h"
#include "host/globals/natives.h"
#include "host/serialized_message.h"
#include "host/v8_compat.h"
#include "host/v8_util.h"

namespace wbhost {

namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// btoa(string): Latin-1 only, as the standard says.
void Btoa(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::String> text;
  if (!info[0]->ToString(isolate->GetCurrentContext()).ToLocal(&text))
    return;
  std::vector<uint16_t> units(static_cast<size_t>(text->Length()));
  if (!units.empty())
    v8compat::Write(isolate, text, 0, static_cast<uint32_t>(units.size()), units.data());
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
      if (k < units.size())
        ++count;
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
    if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r')
      continue;
    data.push_back(c);
  }
  if (data.size() % 4 == 0 && !data.empty()) {
    if (data.back() == '=')
      data.pop_back();
    if (!data.empty() && data.back() == '=')
      data.pop_back();
  }
  auto invalid = [&] {
    isolate->ThrowException(DomError(isolate, "InvalidCharacterError",
                                     "The string to be decoded is not correctly encoded."));
  };
  if (data.size() % 4 == 1)
    return invalid();
  std::vector<uint16_t> out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : data) {
    const char* pos = c == '\0' ? nullptr : strchr(kBase64, c);
    if (pos == nullptr)
      return invalid();
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
    if (n <= 0)
      break;
    done += static_cast<size_t>(n);
  }
}

// structuredClone(value, transferList): V8's serializer, with the
// ArrayBuffers in transferList moved (detached from the source).
void StructuredClone(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Local<v8::Context> context = info.GetIsolate()->GetCurrentContext();
  std::unique_ptr<SerializedMessage> message =
      SerializedMessage::Serialize(context, info[0], info[1]);
  v8::Local<v8::Value> result;
  if (message && message->Deserialize(context).ToLocal(&result)) {
    info.GetReturnValue().Set(result);
  }
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
