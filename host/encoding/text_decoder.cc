#include "host/encoding/text_decoder.h"

#include <algorithm>
#include <cctype>

namespace wbhost {

namespace {

constexpr char16_t kReplacement = 0xFFFD;

void AppendCodePoint(uint32_t cp, std::u16string* out) {
  if (cp < 0x10000) {
    out->push_back(static_cast<char16_t>(cp));
  } else {
    cp -= 0x10000;
    out->push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
    out->push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
  }
}

std::string Normalize(std::string_view label) {
  size_t start = 0;
  size_t end = label.size();
  auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  };
  while (start < end && is_space(label[start]))
    ++start;
  while (end > start && is_space(label[end - 1]))
    --end;
  std::string result(label.substr(start, end - start));
  for (char& c : result)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

}  // namespace

std::optional<TextEncoding> EncodingForLabel(std::string_view label) {
  std::string name = Normalize(label);
  static const char* const kUtf8[] = {
      "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"};
  static const char* const kUtf16Le[] = {"csunicode",   "iso-10646-ucs-2", "ucs-2",   "unicode",
                                         "unicodefeff", "utf-16",          "utf-16le"};
  for (const char* l : kUtf8) {
    if (name == l)
      return TextEncoding::kUtf8;
  }
  for (const char* l : kUtf16Le) {
    if (name == l)
      return TextEncoding::kUtf16Le;
  }
  return std::nullopt;
}

TextDecoderCore::TextDecoderCore(TextEncoding encoding, bool fatal, bool ignore_bom)
    : encoding_(encoding), fatal_(fatal), ignore_bom_(ignore_bom) {}

void TextDecoderCore::Reset() {
  bom_seen_ = false;
  code_point_ = 0;
  bytes_seen_ = 0;
  bytes_needed_ = 0;
  lower_ = 0x80;
  upper_ = 0xBF;
  lead_byte_.reset();
  lead_surrogate_.reset();
}

bool TextDecoderCore::Decode(std::string_view bytes, bool stream, std::u16string* out) {
  size_t start = out->size();
  bool ok = encoding_ == TextEncoding::kUtf8 ? DecodeUtf8(bytes, stream, out)
                                             : DecodeUtf16Le(bytes, stream, out);
  if (!ok) {
    Reset();
    return false;
  }
  // The BOM is stripped once per stream, from the first output.
  if (!bom_seen_ && out->size() > start) {
    bom_seen_ = true;
    if (!ignore_bom_ && (*out)[start] == 0xFEFF)
      out->erase(start, 1);
  }
  if (!stream)
    Reset();
  return true;
}

bool TextDecoderCore::DecodeUtf8(std::string_view bytes, bool stream, std::u16string* out) {
  out->reserve(out->size() + bytes.size());
  size_t i = 0;
  const size_t n = bytes.size();
  while (i < n) {
    uint8_t byte = static_cast<uint8_t>(bytes[i]);
    if (bytes_needed_ == 0) {
      // Fast path for ASCII runs.
      if (byte < 0x80) {
        out->push_back(byte);
        ++i;
        continue;
      }
      if (byte >= 0xC2 && byte <= 0xDF) {
        bytes_needed_ = 1;
        code_point_ = byte & 0x1F;
      } else if (byte >= 0xE0 && byte <= 0xEF) {
        if (byte == 0xE0)
          lower_ = 0xA0;
        if (byte == 0xED)
          upper_ = 0x9F;
        bytes_needed_ = 2;
        code_point_ = byte & 0xF;
      } else if (byte >= 0xF0 && byte <= 0xF4) {
        if (byte == 0xF0)
          lower_ = 0x90;
        if (byte == 0xF4)
          upper_ = 0x8F;
        bytes_needed_ = 3;
        code_point_ = byte & 0x7;
      } else {
        if (fatal_)
          return false;
        out->push_back(kReplacement);
      }
      ++i;
      continue;
    }
    if (byte < lower_ || byte > upper_) {
      // The sequence so far is a maximal invalid subpart: one U+FFFD, and
      // this byte is looked at again as a possible start.
      code_point_ = 0;
      bytes_needed_ = 0;
      bytes_seen_ = 0;
      lower_ = 0x80;
      upper_ = 0xBF;
      if (fatal_)
        return false;
      out->push_back(kReplacement);
      continue;
    }
    lower_ = 0x80;
    upper_ = 0xBF;
    code_point_ = (code_point_ << 6) | (byte & 0x3F);
    ++bytes_seen_;
    ++i;
    if (bytes_seen_ == bytes_needed_) {
      AppendCodePoint(code_point_, out);
      code_point_ = 0;
      bytes_needed_ = 0;
      bytes_seen_ = 0;
    }
  }
  if (!stream && bytes_needed_ != 0) {
    code_point_ = 0;
    bytes_needed_ = 0;
    bytes_seen_ = 0;
    lower_ = 0x80;
    upper_ = 0xBF;
    if (fatal_)
      return false;
    out->push_back(kReplacement);
  }
  return true;
}

bool TextDecoderCore::DecodeUtf16Le(std::string_view bytes, bool stream, std::u16string* out) {
  size_t i = 0;
  const size_t n = bytes.size();
  while (i < n) {
    uint8_t byte = static_cast<uint8_t>(bytes[i++]);
    if (!lead_byte_) {
      lead_byte_ = byte;
      continue;
    }
    char16_t unit = static_cast<char16_t>(*lead_byte_ | (byte << 8));
    lead_byte_.reset();
    if (lead_surrogate_) {
      char16_t lead = *lead_surrogate_;
      lead_surrogate_.reset();
      if (unit >= 0xDC00 && unit <= 0xDFFF) {
        out->push_back(lead);
        out->push_back(unit);
        continue;
      }
      if (fatal_)
        return false;
      out->push_back(kReplacement);
      // fall through: `unit` is handled on its own
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      lead_surrogate_ = unit;
      continue;
    }
    if (unit >= 0xDC00 && unit <= 0xDFFF) {
      if (fatal_)
        return false;
      out->push_back(kReplacement);
      continue;
    }
    out->push_back(unit);
  }
  if (!stream && (lead_byte_ || lead_surrogate_)) {
    lead_byte_.reset();
    lead_surrogate_.reset();
    if (fatal_)
      return false;
    out->push_back(kReplacement);
  }
  return true;
}

std::string Utf16ToUtf8(std::u16string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    uint32_t cp = text[i];
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < text.size() && text[i + 1] >= 0xDC00 &&
        text[i + 1] <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (text[i + 1] - 0xDC00);
      ++i;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;
    }
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

}  // namespace wbhost
