// WHATWG Encoding: decoding UTF-8 and UTF-16LE to UTF-16 code units, with
// streaming (a sequence split across chunks is kept for the next call),
// BOM handling and the fatal flag. Pure C++: no V8.
//
// Invalid input becomes U+FFFD per the standard's "maximal subpart" rule
// (one replacement per maximal invalid prefix), which is what browsers and
// node produce; in fatal mode the first error stops decoding instead.
#ifndef HOST_ENCODING_TEXT_DECODER_H_
#define HOST_ENCODING_TEXT_DECODER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wbhost {

enum class TextEncoding { kUtf8, kUtf16Le };

// The encoding a TextDecoder label names (case-insensitive, trimmed), or
// nullopt for a label this host does not support.
std::optional<TextEncoding> EncodingForLabel(std::string_view label);

class TextDecoderCore {
 public:
  TextDecoderCore(TextEncoding encoding, bool fatal, bool ignore_bom);

  // Decodes `bytes` after whatever a previous streaming call left pending.
  // With `stream` false this is the end of the input: a pending partial
  // sequence becomes U+FFFD (or an error), and the decoder starts over.
  // Returns false on an error in fatal mode (`out` is then unspecified and
  // the decoder starts over).
  bool Decode(std::string_view bytes, bool stream, std::u16string* out);

  TextEncoding encoding() const { return encoding_; }
  bool fatal() const { return fatal_; }
  bool ignore_bom() const { return ignore_bom_; }
  // True while a streaming call left a partial sequence or an unchecked BOM.
  bool mid_stream() const {
    return bom_seen_ || bytes_needed_ != 0 || lead_byte_ || lead_surrogate_;
  }

 private:
  bool DecodeUtf8(std::string_view bytes, bool stream, std::u16string* out);
  bool DecodeUtf16Le(std::string_view bytes, bool stream, std::u16string* out);
  void Reset();

  TextEncoding encoding_;
  bool fatal_;
  bool ignore_bom_;
  bool bom_seen_ = false;  // the BOM check is done for this stream
  // UTF-8 state: the code point so far, bytes seen and needed, and the
  // bounds for the next continuation byte (the standard's algorithm).
  uint32_t code_point_ = 0;
  int bytes_seen_ = 0;
  int bytes_needed_ = 0;
  uint8_t lower_ = 0x80;
  uint8_t upper_ = 0xBF;
  // UTF-16LE state: a lead byte waiting for its pair, a lead surrogate
  // waiting for its trail.
  std::optional<uint8_t> lead_byte_;
  std::optional<char16_t> lead_surrogate_;
};

// UTF-16 (as V8 strings hold it) to UTF-8; lone surrogates become U+FFFD.
std::string Utf16ToUtf8(std::u16string_view text);

}  // namespace wbhost

#endif  // HOST_ENCODING_TEXT_DECODER_H_
