// TextDecoder's core (every encoding, fatal or not, BOM or not, the input
// split into streaming chunks where the input says) and the UTF-16 to UTF-8
// direction TextEncoder uses.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "host/encoding/text_decoder.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2)
    return 0;
  const uint8_t mode = data[0];
  const uint8_t split = data[1];
  std::string_view bytes(reinterpret_cast<const char*>(data + 2), size - 2);
  const char* labels[] = {"utf-8", "utf-16le"};
  auto encoding = wbhost::EncodingForLabel(labels[mode & 1]);
  if (!encoding)
    __builtin_trap();
  wbhost::TextDecoderCore decoder(*encoding, (mode & 2) != 0, (mode & 4) != 0);
  std::u16string whole;
  bool ok = decoder.Decode(bytes, false, &whole);
  // Streamed in chunks of `split` bytes: the same text (non-fatal mode; in
  // fatal mode the same verdict).
  wbhost::TextDecoderCore streaming(*encoding, (mode & 2) != 0, (mode & 4) != 0);
  size_t step = split == 0 ? 1 : split;
  std::u16string pieces;
  bool streamed_ok = true;
  for (size_t at = 0; at < bytes.size() && streamed_ok; at += step) {
    std::u16string out;
    streamed_ok = streaming.Decode(bytes.substr(at, step), true, &out);
    pieces += out;
  }
  if (streamed_ok) {
    std::u16string out;
    streamed_ok = streaming.Decode({}, false, &out);
    pieces += out;
  }
  if (ok != streamed_ok)
    __builtin_trap();
  if (ok && whole != pieces)
    __builtin_trap();
  // Encoding back: UTF-8 that decodes to the same UTF-16 when the text had
  // no lone surrogates.
  std::string utf8 = wbhost::Utf16ToUtf8(whole);
  wbhost::TextDecoderCore again(*wbhost::EncodingForLabel("utf-8"), true, true);
  std::u16string round;
  if (!again.Decode(utf8, false, &round))
    __builtin_trap();
  return 0;
}
