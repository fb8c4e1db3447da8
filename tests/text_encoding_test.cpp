#include "io/text_encoding.h"

#include <gtest/gtest.h>

namespace als {
namespace {

TEST(TextEncoding, AcceptsAsciiAndWellFormedUtf8) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("Toy Story (1995), a long enough line to take the word path"));
  EXPECT_TRUE(is_valid_utf8("Am\xC3\xA9lie"));                   // é
  EXPECT_TRUE(is_valid_utf8("\xE2\x82\xAC 5"));                  // €
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x8E\xAC clapper board"));  // U+1F3AC
  EXPECT_TRUE(is_valid_utf8(std::string_view("a\0b", 3)));       // NUL is valid UTF-8
}

TEST(TextEncoding, RejectsMalformedUtf8) {
  EXPECT_FALSE(is_valid_utf8("Mis\xE9rables"));     // latin-1 é
  EXPECT_FALSE(is_valid_utf8("\xC0\x80"));          // overlong NUL
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(is_valid_utf8("abc\xC3"));           // cut at the end
  EXPECT_FALSE(is_valid_utf8("\x80"));              // lone continuation byte
  EXPECT_FALSE(is_valid_utf8("12345678\xE2\x82"));  // cut after the word path
}

TEST(TextEncoding, ConvertsLatin1ToUtf8) {
  EXPECT_EQ(latin1_to_utf8("Mis\xE9rables, Les (1995)"), "Mis\xC3\xA9rables, Les (1995)");
  EXPECT_EQ(latin1_to_utf8("plain"), "plain");
  EXPECT_EQ(latin1_to_utf8("\xFF"), "\xC3\xBF");
  // 0x80-0x9F read as windows-1252, as browsers do; undefined bytes stay C1 controls.
  EXPECT_EQ(latin1_to_utf8("\x80"), "\xE2\x82\xAC");
  EXPECT_EQ(latin1_to_utf8("\x93quoted\x94"), "\xE2\x80\x9Cquoted\xE2\x80\x9D");
  EXPECT_EQ(latin1_to_utf8("\x81"), "\xC2\x81");
  std::string all;
  for (int c = 1; c < 256; ++c) all.push_back(static_cast<char>(c));
  EXPECT_TRUE(is_valid_utf8(latin1_to_utf8(all)));
}

TEST(TextEncoding, AsUtf8KeepsValidTextAndDecodesTheRest) {
  std::string scratch;
  bool latin1 = true;
  std::string_view valid = "Am\xC3\xA9lie";
  EXPECT_EQ(as_utf8(valid, scratch, latin1).data(), valid.data());  // no copy
  EXPECT_FALSE(latin1);
  EXPECT_EQ(as_utf8("Am\xE9lie", scratch, latin1), "Am\xC3\xA9lie");
  EXPECT_TRUE(latin1);
}

TEST(TextEncoding, ExcerptIsShortValidAndPrintable) {
  EXPECT_EQ(printable_excerpt("1::1193::5"), "1::1193::5");
  EXPECT_EQ(printable_excerpt("a\tb"), "a\\tb");
  EXPECT_EQ(printable_excerpt(std::string_view("a\0b\x01", 4)), "a?b?");
  EXPECT_EQ(printable_excerpt("Mis\xE9rables"), "Mis\xC3\xA9rables");  // latin-1 decoded

  std::string long_line(300, 'x');
  std::string excerpt = printable_excerpt(long_line, 80);
  EXPECT_EQ(excerpt, std::string(80, 'x') + "\xE2\x80\xA6");

  // Cut at a character boundary, never inside "é".
  std::string accents;
  for (int i = 0; i < 100; ++i) accents += "\xC3\xA9";
  excerpt = printable_excerpt(accents, 81);
  EXPECT_TRUE(is_valid_utf8(excerpt));
  EXPECT_LE(excerpt.size(), 80u + 3u);
  EXPECT_EQ(excerpt.substr(0, 80), accents.substr(0, 80));
}

TEST(TextEncoding, ExcerptOfArbitraryBytesIsValidUtf8) {
  std::string bytes;
  for (int i = 0; i < 1000; ++i) bytes.push_back(static_cast<char>((i * 7919) & 0xFF));
  for (size_t length = 0; length < bytes.size(); length += 37) {
    std::string excerpt = printable_excerpt(std::string_view(bytes).substr(0, length));
    EXPECT_TRUE(is_valid_utf8(excerpt));
    EXPECT_LE(excerpt.size(), 80u + 3u);
  }
}

}  // namespace
}  // namespace als
