#include "io/line_splitter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace als {
namespace {

struct Line {
  std::string text;
  int64_t number;
  bool too_long;
  bool operator==(const Line& o) const { return text == o.text && number == o.number && too_long == o.too_long; }
};

std::ostream& operator<<(std::ostream& out, const Line& line) {
  return out << line.number << ":'" << line.text << "'" << (line.too_long ? " (too long)" : "");
}

// Splits `input` fed in the given chunk sizes (the rest goes in one last chunk).
std::vector<Line> split(std::string_view input, const std::vector<size_t>& chunks, size_t max = 1 << 20) {
  LineSplitter splitter(max);
  std::vector<Line> lines;
  auto collect = [&](std::string_view text, int64_t number, bool too_long) {
    lines.push_back(Line{std::string(text), number, too_long});
  };
  size_t offset = 0;
  for (size_t size : chunks) {
    size = std::min(size, input.size() - offset);
    splitter.feed(input.data() + offset, size, collect);
    offset += size;
  }
  splitter.feed(input.data() + offset, input.size() - offset, collect);
  splitter.finish(collect);
  return lines;
}

std::vector<Line> split_whole(std::string_view input, size_t max = 1 << 20) { return split(input, {}, max); }

std::vector<Line> split_bytewise(std::string_view input, size_t max = 1 << 20) {
  return split(input, std::vector<size_t>(input.size(), 1), max);
}

TEST(LineSplitter, SplitsOnLfAndCrlfAndKeepsALastLineWithoutNewline) {
  std::vector<Line> expected = {{"a,b", 1, false}, {"c", 2, false}, {"", 3, false}, {"last", 4, false}};
  EXPECT_EQ(split_whole("a,b\nc\r\n\nlast"), expected);
  EXPECT_EQ(split_whole("a,b\r\nc\r\n\r\nlast\n"), expected);
}

TEST(LineSplitter, EmptyInputHasNoLines) {
  EXPECT_TRUE(split_whole("").empty());
  EXPECT_EQ(split_whole("\n"), (std::vector<Line>{{"", 1, false}}));
}

TEST(LineSplitter, DropsAByteOrderMarkOnlyAtTheStart) {
  EXPECT_EQ(split_whole("\xEF\xBB\xBFid\n\xEF\xBB\xBFx\n"),
            (std::vector<Line>{{"id", 1, false}, {"\xEF\xBB\xBFx", 2, false}}));
  EXPECT_TRUE(split_whole("\xEF\xBB\xBF").empty());
  // The start of a BOM that is not one stays content.
  EXPECT_EQ(split_whole("\xEF\xBBx"), (std::vector<Line>{{"\xEF\xBBx", 1, false}}));
  EXPECT_EQ(split_bytewise("\xEF\xBBx"), (std::vector<Line>{{"\xEF\xBBx", 1, false}}));
  EXPECT_EQ(split_bytewise("\xEF"), (std::vector<Line>{{"\xEF", 1, false}}));
}

TEST(LineSplitter, KeepsNulBytes) {
  std::string input("a\0b\n\0\n", 6);
  EXPECT_EQ(split_bytewise(input),
            (std::vector<Line>{{std::string("a\0b", 3), 1, false}, {std::string("\0", 1), 2, false}}));
}

TEST(LineSplitter, FlagsOverLongLinesAndKeepsOnlyTheirStart) {
  std::string long_line(1000, 'x');
  std::string input = "short\n" + long_line + "\nnext\n";
  std::vector<Line> expected = {{"short", 1, false},
                                {std::string(100, 'x'), 2, true},  // the start, up to the limit
                                {"next", 3, false}};
  EXPECT_EQ(split_whole(input, 100), expected);
  EXPECT_EQ(split_bytewise(input, 100), expected);
  EXPECT_EQ(split(input, {10, 500, 3}, 100), expected);
}

TEST(LineSplitter, LimitCountsTheLineWithoutItsCrlf) {
  std::string exactly(16, 'y');
  for (const std::string& end : {std::string("\n"), std::string("\r\n")}) {
    std::string input = exactly + end + exactly + "z" + end;
    std::vector<Line> expected = {{exactly, 1, false}, {exactly, 2, true}};
    EXPECT_EQ(split_whole(input, 16), expected);
    EXPECT_EQ(split_bytewise(input, 16), expected);
  }
}

TEST(LineSplitter, AnOverLongLastLineWithoutNewlineIsFlagged) {
  std::string input = "a\n" + std::string(50, 'q');
  std::vector<Line> expected = {{"a", 1, false}, {std::string(20, 'q'), 2, true}};
  EXPECT_EQ(split_whole(input, 20), expected);
  EXPECT_EQ(split_bytewise(input, 20), expected);
}

TEST(LineSplitter, SameLinesWhereverTheChunksAreCut) {
  std::string input = "\xEF\xBB\xBFuserId,movieId\r\n1,2\n\n3,4\r\n" + std::string(40, 'L') + "\r\n\r\n5,6\r\n7";
  std::vector<Line> expected = split_whole(input, 30);
  ASSERT_EQ(expected.size(), 8u);
  EXPECT_EQ(expected[0].text, "userId,movieId");
  EXPECT_TRUE(expected[4].too_long);
  EXPECT_EQ(split_bytewise(input, 30), expected);
  for (size_t cut = 0; cut <= input.size(); ++cut) EXPECT_EQ(split(input, {cut}, 30), expected) << cut;
  for (size_t a = 0; a <= input.size(); a += 3)
    for (size_t b = 0; a + b <= input.size(); b += 5) EXPECT_EQ(split(input, {a, b}, 30), expected);
}

TEST(LineSplitter, KeepsAtMostKeptPrefixBytesOfAHugeLine) {
  std::string input = std::string(5000, 'h') + "\n";
  std::vector<Line> expected = {{std::string(LineSplitter::kKeptPrefix, 'h'), 1, true}};
  EXPECT_EQ(split_whole(input, 1000), expected);
  EXPECT_EQ(split(input, {999, 2}, 1000), expected);
  EXPECT_EQ(split(input, {100, 900, 1, 3000}, 1000), expected);
}

TEST(LineSplitter, CountsLines) {
  LineSplitter splitter;
  auto ignore = [](std::string_view, int64_t, bool) {};
  splitter.feed("a\nb\nc", 5, ignore);
  EXPECT_EQ(splitter.lines(), 2);
  splitter.finish(ignore);
  EXPECT_EQ(splitter.lines(), 3);
}

}  // namespace
}  // namespace als
