#include "host/encoding/text_decoder.h"

#include "gtest/gtest.h"

namespace wbhost {
namespace {

std::u16string DecodeAll(std::string_view bytes,
                         bool fatal = false,
                         bool ignore_bom = false,
                         bool* ok = nullptr) {
  TextDecoderCore decoder(TextEncoding::kUtf8, fatal, ignore_bom);
  std::u16string out;
  bool result = decoder.Decode(bytes, false, &out);
  if (ok)
    *ok = result;
  return out;
}

TEST(TextDecoderTest, ValidUtf8) {
  EXPECT_EQ(DecodeAll("h\xC3\xA9\xE2\x82\xAC"), u"hé€");
  EXPECT_EQ(DecodeAll("\xF0\x9F\x98\x80"), u"\U0001F600");
}

TEST(TextDecoderTest, MaximalSubpartReplacement) {
  // A surrogate encoded in UTF-8: ED A0 80 is three errors, not one.
  EXPECT_EQ(DecodeAll("\xED\xA0\x80"
                      "A"),
            u"\uFFFD\uFFFD\uFFFD"
            "A");
  // Overlong encodings: each byte is an error.
  EXPECT_EQ(DecodeAll("\xC0\xAF"), u"\uFFFD\uFFFD");
  EXPECT_EQ(DecodeAll("\xE0\x80\xAF"), u"\uFFFD\uFFFD\uFFFD");
  // A truncated sequence is one error, and the next byte starts afresh.
  EXPECT_EQ(DecodeAll("\xF0\x9F\x98"
                      "A"),
            u"\uFFFD"
            "A");
  EXPECT_EQ(DecodeAll("\xE2\x82"), u"\uFFFD");
  // Above U+10FFFF.
  EXPECT_EQ(DecodeAll("\xF4\x90\x80\x80"), u"\uFFFD\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(DecodeAll("\xFF"), u"\uFFFD");
}

TEST(TextDecoderTest, FatalStopsAtFirstError) {
  bool ok = true;
  DecodeAll("ab\xFF", true, false, &ok);
  EXPECT_FALSE(ok);
  DecodeAll("ab\xE2\x82", true, false, &ok);
  EXPECT_FALSE(ok);
  EXPECT_EQ(DecodeAll("ab", true, false, &ok), u"ab");
  EXPECT_TRUE(ok);
}

TEST(TextDecoderTest, StreamingAcrossChunks) {
  TextDecoderCore decoder(TextEncoding::kUtf8, false, false);
  std::u16string out;
  ASSERT_TRUE(decoder.Decode("\xE2", true, &out));
  ASSERT_TRUE(decoder.Decode("\x82", true, &out));
  EXPECT_EQ(out, u"");
  ASSERT_TRUE(
      decoder.Decode("\xAC"
                     "x\xF0\x9F",
                     true, &out));
  EXPECT_EQ(out, u"€x");
  ASSERT_TRUE(decoder.Decode("\x98\x80", false, &out));
  EXPECT_EQ(out, u"€x\U0001F600");
  // The end of the stream with a partial sequence pending.
  std::u16string tail;
  ASSERT_TRUE(decoder.Decode("\xC3", true, &tail));
  ASSERT_TRUE(decoder.Decode("", false, &tail));
  EXPECT_EQ(tail, u"\uFFFD");
}

TEST(TextDecoderTest, BomHandling) {
  EXPECT_EQ(DecodeAll("\xEF\xBB\xBF"
                      "A"),
            u"A");
  EXPECT_EQ(DecodeAll("\xEF\xBB\xBF"
                      "A",
                      false, true),
            u"\uFEFF"
            "A");
  // Only the first BOM of a stream goes, even when split across chunks.
  TextDecoderCore decoder(TextEncoding::kUtf8, false, false);
  std::u16string out;
  decoder.Decode("\xEF\xBB", true, &out);
  decoder.Decode("\xBF\xEF\xBB\xBF", false, &out);
  EXPECT_EQ(out, u"\uFEFF");
}

TEST(TextDecoderTest, Utf16Le) {
  TextDecoderCore decoder(TextEncoding::kUtf16Le, false, false);
  std::u16string out;
  ASSERT_TRUE(decoder.Decode(std::string("h\0i\0", 4), false, &out));
  EXPECT_EQ(out, u"hi");
  // An odd byte count ends in a replacement; a lone surrogate too.
  out.clear();
  ASSERT_TRUE(decoder.Decode(std::string("h\0i", 3), false, &out));
  EXPECT_EQ(out, u"h\uFFFD");
  out.clear();
  ASSERT_TRUE(decoder.Decode(std::string("\x3D\xD8"
                                         "A\0",
                                         4),
                             false, &out));
  EXPECT_EQ(out,
            u"\uFFFD"
            "A");
  // A pair split across chunks.
  out.clear();
  ASSERT_TRUE(decoder.Decode(std::string("\x3D\xD8\x00", 3), true, &out));
  ASSERT_TRUE(decoder.Decode(std::string("\xDE", 1), false, &out));
  EXPECT_EQ(out, u"\U0001F600");
}

TEST(TextDecoderTest, Labels) {
  EXPECT_EQ(EncodingForLabel(" UTF-8 "), TextEncoding::kUtf8);
  EXPECT_EQ(EncodingForLabel("unicode-1-1-utf-8"), TextEncoding::kUtf8);
  EXPECT_EQ(EncodingForLabel("utf-16"), TextEncoding::kUtf16Le);
  EXPECT_FALSE(EncodingForLabel("latin2"));
  EXPECT_FALSE(EncodingForLabel(""));
}

TEST(TextDecoderTest, Utf16ToUtf8) {
  EXPECT_EQ(Utf16ToUtf8(u"h\u00e9\U0001F600"), "h\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(Utf16ToUtf8(std::u16string(1, char16_t(0xD800))), "\xEF\xBF\xBD");
}

}  // namespace
}  // namespace wbhost
