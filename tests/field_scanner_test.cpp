#include "io/field_scanner.h"

#include <gtest/gtest.h>

#include <cmath>

namespace als {
namespace {

NumberStatus parse(std::string_view text, double& value) { return parse_number(text, value); }

TEST(FieldScanner, ParsesPlainDecimalsExactly) {
  double v = 0;
  EXPECT_EQ(parse("3.5", v), NumberStatus::kOk);
  EXPECT_EQ(v, 3.5);
  EXPECT_EQ(parse("5", v), NumberStatus::kOk);
  EXPECT_EQ(v, 5.0);
  EXPECT_EQ(parse("-2.25", v), NumberStatus::kOk);
  EXPECT_EQ(v, -2.25);
  EXPECT_EQ(parse("+0.1", v), NumberStatus::kOk);
  EXPECT_EQ(v, 0.1);
  EXPECT_EQ(parse(".5", v), NumberStatus::kOk);
  EXPECT_EQ(v, 0.5);
  EXPECT_EQ(parse("5.", v), NumberStatus::kOk);
  EXPECT_EQ(v, 5.0);
  EXPECT_EQ(parse("1147880044", v), NumberStatus::kOk);
  EXPECT_EQ(v, 1147880044.0);
  EXPECT_EQ(parse("123456789012.345", v), NumberStatus::kOk);
  EXPECT_EQ(v, 123456789012.345);
}

TEST(FieldScanner, FallsBackForExponentsAndLongNumbers) {
  double v = 0;
  EXPECT_EQ(parse("1e3", v), NumberStatus::kOk);
  EXPECT_EQ(v, 1000.0);
  EXPECT_EQ(parse("2.5E-1", v), NumberStatus::kOk);
  EXPECT_EQ(v, 0.25);
  EXPECT_EQ(parse("0.00000000000000000001", v), NumberStatus::kOk);
  EXPECT_EQ(v, 1e-20);
  EXPECT_EQ(parse("12345678901234567890", v), NumberStatus::kOk);
  EXPECT_EQ(v, 12345678901234567890.0);
}

TEST(FieldScanner, TellsEmptyNonNumbersAndNonFinite) {
  double v = 0;
  EXPECT_EQ(parse("", v), NumberStatus::kEmpty);
  for (const char* text : {"abc", "1.2.3", " 1", "1 ", "0x10", ".", "-", "1e", "e5", "4,5", "1_000", "--1"})
    EXPECT_EQ(parse(text, v), NumberStatus::kNotNumber) << text;
  for (const char* text : {"nan", "NaN", "-inf", "Infinity", "+INF", "1e999", "-1e400"})
    EXPECT_EQ(parse(text, v), NumberStatus::kNotFinite) << text;
  EXPECT_EQ(parse(std::string_view("1\0", 2), v), NumberStatus::kNotNumber);
}

TEST(FieldScanner, DigitsOnly) {
  int64_t n = 0;
  EXPECT_TRUE(parse_digits("978300760", n));
  EXPECT_EQ(n, 978300760);
  EXPECT_FALSE(parse_digits("", n));
  EXPECT_FALSE(parse_digits("-1", n));
  EXPECT_FALSE(parse_digits("1234567890123456789", n));  // 19 digits could overflow
  EXPECT_TRUE(is_digits("007"));
  EXPECT_FALSE(is_digits("7a"));
  EXPECT_FALSE(is_digits(""));
}

TEST(FieldScanner, SplitsOnACharAndCountsAllFields) {
  std::string_view f[4];
  EXPECT_EQ(split_on_char("196\t242\t3\t881250949", '\t', f, 4), 4u);
  EXPECT_EQ(f[0], "196");
  EXPECT_EQ(f[3], "881250949");
  EXPECT_EQ(split_on_char("a,b,c,d,e,f", ',', f, 4), 6u);
  EXPECT_EQ(f[3], "d");
  EXPECT_EQ(split_on_char("", ',', f, 4), 1u);
  EXPECT_EQ(f[0], "");
  EXPECT_EQ(split_on_char("a,", ',', f, 4), 2u);
  EXPECT_EQ(f[1], "");
}

TEST(FieldScanner, SplitsOnDoubleColon) {
  std::string_view f[4];
  EXPECT_EQ(split_on_double_colon("1::1193::5::978300760", f, 4), 4u);
  EXPECT_EQ(f[1], "1193");
  EXPECT_EQ(f[3], "978300760");
  EXPECT_EQ(split_on_double_colon("1:1193:5", f, 4), 1u);
  EXPECT_EQ(split_on_double_colon("a::::b", f, 4), 3u);
  EXPECT_EQ(f[1], "");
}

TEST(FieldScanner, SplitsQuotedCsv) {
  std::string_view f[4];
  std::string scratch;
  QuotedSplit s = split_quoted("11,\"American President, The (1995)\",Comedy", ',', f, 4, scratch);
  EXPECT_EQ(s.error, nullptr);
  EXPECT_EQ(s.count, 3u);
  EXPECT_EQ(f[1], "American President, The (1995)");
  EXPECT_EQ(f[2], "Comedy");

  s = split_quoted("31,\"\"\"Great Performances\"\" Cats (1998)\",Musical", ',', f, 4, scratch);
  EXPECT_EQ(s.count, 3u);
  EXPECT_EQ(f[1], "\"Great Performances\" Cats (1998)");

  s = split_quoted("\"a\"\"b\",\"c\"\"d\",\"\"", ',', f, 4, scratch);  // two escaped fields share scratch
  EXPECT_EQ(s.count, 3u);
  EXPECT_EQ(f[0], "a\"b");
  EXPECT_EQ(f[1], "c\"d");
  EXPECT_EQ(f[2], "");

  s = split_quoted("1,The \"Best\" Movie,", ',', f, 4, scratch);  // stray quotes kept
  EXPECT_EQ(s.count, 3u);
  EXPECT_EQ(f[1], "The \"Best\" Movie");
  EXPECT_EQ(f[2], "");
}

TEST(FieldScanner, ReportsBrokenQuotes) {
  std::string_view f[4];
  std::string scratch;
  QuotedSplit s = split_quoted("1,\"Unclosed, title,Drama", ',', f, 4, scratch);
  ASSERT_NE(s.error, nullptr);
  EXPECT_STREQ(s.error, "unterminated quoted field");
  EXPECT_EQ(s.error_field, 2u);
  s = split_quoted("1,\"Title\"x,Drama", ',', f, 4, scratch);
  ASSERT_NE(s.error, nullptr);
  EXPECT_EQ(s.count, 3u);
  s = split_quoted("\"", ',', f, 4, scratch);
  ASSERT_NE(s.error, nullptr);
}

}  // namespace
}  // namespace als
