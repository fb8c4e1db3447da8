// The block scanner (the loader's fast path for MovieLens ratings) against
// RecordParser, the line-by-line reference: every line it takes must read to
// the same ids and the same float bits, every other line must be left to the
// reference, and a whole load must come out identical — ids in the same
// order, the same report — for any chunking and any thread count.
#include "io/rating_block_scanner.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "io/dataset_loader.h"
#include "io/record_parser.h"
#include "support/raw_summary.h"
#include "support/zip_writer.h"

#ifndef ALS_TEST_FIXTURES
#define ALS_TEST_FIXTURES "/work/main/tests/fixtures"
#endif

namespace als {
namespace {

using testing::raw_summary;

constexpr FileFormat kRatingFormats[] = {FileFormat::kMovieLensCsvRatings, FileFormat::kMovieLensDatRatings,
                                         FileFormat::kMovieLens100kData};

FileKind kind_of(FileFormat format, bool header) {
  FileKind kind;
  kind.format = format;
  kind.role = FileRole::kRatings;
  kind.has_header = header;
  kind.separator = format == FileFormat::kMovieLensCsvRatings   ? ','
                   : format == FileFormat::kMovieLensDatRatings ? ':'
                                                                : '\t';
  return kind;
}

std::string separator_text(FileFormat format) {
  return format == FileFormat::kMovieLensCsvRatings ? "," : format == FileFormat::kMovieLensDatRatings ? "::" : "\t";
}

// Scans one line (with its '\n') and checks it against RecordParser (which
// has seen a first line already, as inside a file).
void expect_same_as_reference(const std::string& line, FileFormat format) {
  SCOPED_TRACE("line: " + line);
  RecordParser reference(kind_of(format, false));
  ParsedLine first, parsed;
  reference.parse("1,1,1,1", first);  // the first line is settled
  // As the line splitter hands the line out: without "\n" and one "\r".
  std::string_view handed_out = std::string_view(line).substr(0, line.size() - 1);
  if (!handed_out.empty() && handed_out.back() == '\r') handed_out.remove_suffix(1);
  reference.parse(handed_out, parsed);
  ScannedBlock block;
  BlockScanOptions options;
  options.separator = kind_of(format, false).separator;
  // Room after the line as in a big block, so the eight-byte reads are used too.
  const std::string text = line + std::string(80, '\n');
  scan_rating_block(text, options, block);
  ASSERT_GE(block.lines.size(), 1u);
  const ScannedRating& r = block.lines[0];
  if (r.user == ScannedRating::kOtherLine) {
    EXPECT_EQ(block.other_lines[0], std::string_view(line).substr(0, line.size() - 1));
    return;  // the reference reads it, whatever it is
  }
  ASSERT_EQ(parsed.kind, ParsedLine::Kind::kRating) << "the scanner took a line the reference does not";
  EXPECT_EQ(std::to_string(r.user), parsed.user);
  EXPECT_EQ(std::to_string(r.item), parsed.item);
  uint32_t scanned_bits, reference_bits;
  std::memcpy(&scanned_bits, &r.value, 4);
  std::memcpy(&reference_bits, &parsed.value, 4);
  EXPECT_EQ(scanned_bits, reference_bits) << r.value << " vs " << parsed.value;
}

TEST(RatingBlockScanner, EveryShapeOfLineReadsAsTheReferenceDoes) {
  const std::vector<std::string> ids = {"0",       "1",       "9",       "10",       "2571", "99999",   "999999",
                                        "2097151", "2097152", "9999999", "10000000", "007",  "00",      "",
                                        "-1",      "+1",      "1a",      " 1",       "1 ",   "12345678"};
  const std::vector<std::string> ratings = {
      "0",  "0.5",   "1",  "3.5", "4.0", "5",   "5.0", "5.5", "6",         ".5",         "5.",       "4.25",     "4.55",
      "45", "4.5e0", "+4", "-1",  "",    "0.4", "nan", "3,5", "000000004", "0000000004", "4.000000", "1.0000000"};
  const std::vector<std::string> stamps = {"0",   "978300760", "1147880044", "123456789012345", "1234567890123456", "",
                                           "12a", "1.5",       "-5"};
  for (FileFormat format : kRatingFormats) {
    const std::string sep = separator_text(format);
    for (const std::string& user : ids)
      for (const std::string& item : {std::string("1"), std::string("2097151"), std::string("0"), std::string("07")})
        expect_same_as_reference(user + sep + item + sep + "4" + sep + "5\n", format);
    for (const std::string& item : ids) expect_same_as_reference("7" + sep + item + sep + "4.5" + sep + "5\n", format);
    for (const std::string& rating : ratings)
      expect_same_as_reference("7" + sep + "8" + sep + rating + sep + "978300760\n", format);
    for (const std::string& stamp : stamps)
      expect_same_as_reference("7" + sep + "8" + sep + "3" + sep + stamp + "\n", format);
    // Line ends and separators out of place.
    for (const std::string& line : std::vector<std::string>{
             "7" + sep + "8" + sep + "3" + sep + "5\r\n", "7" + sep + "8" + sep + "3" + sep + "5\r\r\n",
             "7" + sep + "8" + sep + "3" + sep + "5" + sep + "\n", "7" + sep + "8" + sep + "3\n",
             "7" + sep + sep + "8" + sep + "3" + sep + "5\n", "7:8:3:5\n", "7,8,3,5\n", "7\t8\t3\t5\n", "\n", "\r\n",
             " \n", "userId,movieId,rating,timestamp\n"})
      expect_same_as_reference(line, format);
  }
}

TEST(RatingBlockScanner, ShortBlocksAreReadWithinTheirBytes) {
  // A block shorter than the eight-byte reads' reach, in a heap buffer of its
  // exact size (AddressSanitizer reports any byte read past it).
  for (FileFormat format : kRatingFormats) {
    const std::string sep = separator_text(format);
    for (const std::string& text :
         {"1" + sep + "2" + sep + "4.5" + sep + "978300760\n",
          "1" + sep + "2" + sep + "4" + sep + "9\n2" + sep + "3" + sep + "5" + sep + "123456789012\n"}) {
      const std::vector<char> bytes(text.begin(), text.end());
      ScannedBlock block;
      BlockScanOptions options;
      options.separator = kind_of(format, false).separator;
      scan_rating_block(std::string_view(bytes.data(), bytes.size()), options, block);
      ASSERT_FALSE(block.lines.empty());
      EXPECT_EQ(block.lines[0].user, 1u);
      EXPECT_EQ(block.lines[0].item, 2u);
      EXPECT_TRUE(block.other_lines.empty());
    }
  }
}

TEST(RatingBlockScanner, RandomNumbersReadToTheSameIdsAndBits) {
  std::mt19937_64 rng(11);
  for (FileFormat format : kRatingFormats) {
    const std::string sep = separator_text(format);
    for (int k = 0; k < 3000; ++k) {
      const uint64_t user = rng() % (k % 3 == 0 ? 10 : k % 3 == 1 ? 100000 : 3000000);
      const uint64_t item = rng() % 300000;
      const int tenths = static_cast<int>(rng() % 56);
      const std::string rating =
          k % 2 ? std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) : std::to_string(tenths % 7);
      expect_same_as_reference(std::to_string(user) + sep + std::to_string(item) + sep + rating + sep +
                                   std::to_string(rng() % 2000000000) + "\n",
                               format);
    }
  }
}

// ---- whole loads: block scanner (1, 2, 3 threads) == reference -----------

struct Feeding {
  size_t chunk;
  int threads;
  size_t max_line_bytes = 1 << 20;
  size_t min_part_bytes = 512 * 1024;
};

RawInteractions load_text(const std::string& name, const std::string& text, bool block_scanner, const Feeding& feeding,
                          const FileKind* forced = nullptr) {
  LoadOptions options;
  options.block_scanner = block_scanner;
  options.threads = feeding.threads;
  options.max_line_bytes = feeding.max_line_bytes;
  options.min_part_bytes = feeding.min_part_bytes;
  DatasetLoader loader(options);
  if (forced)
    loader.begin_file(name, *forced);
  else
    loader.begin_file(name);
  for (size_t at = 0; at < text.size(); at += feeding.chunk)
    loader.feed(text.data() + at, std::min(feeding.chunk, text.size() - at));
  loader.end_file();
  return loader.finish();
}

std::string outcome(const std::string& name, const std::string& text, bool block_scanner, const Feeding& feeding,
                    const FileKind* forced = nullptr) {
  try {
    return raw_summary(load_text(name, text, block_scanner, feeding, forced));
  } catch (const ParseError& e) {
    return std::string("error: ") + e.what();
  }
}

void expect_same_loads(const std::string& name, const std::string& text, const FileKind* forced = nullptr,
                       const std::vector<size_t>& max_line_bytes = {1 << 20}) {
  // Tiny chunks (every line cut) only for small files: they go line by line anyway.
  const size_t smallest = text.size() < 100000 ? 7 : 4093;
  for (size_t limit : max_line_bytes) {
    const std::string reference = outcome(name, text, false, {1 << 20, 1, limit}, forced);
    for (const Feeding& feeding : {Feeding{1 << 20, 1, limit}, Feeding{1 << 20, 2, limit}, Feeding{smallest, 1, limit},
                                   Feeding{1 << 21, 3, limit}, Feeding{1 << 20, 3, limit, 10}})
      ASSERT_EQ(outcome(name, text, true, feeding, forced), reference)
          << name << " fed in chunks of " << feeding.chunk << " on " << feeding.threads << " threads, lines up to "
          << limit << " bytes";
  }
}

// A MovieLens-like file big enough to be cut into parts for several threads,
// with the odd lines a real file may have sprinkled in (unless clean).
std::string big_ratings(FileFormat format, bool header, uint64_t seed, bool clean = false) {
  std::mt19937_64 rng(seed);
  const std::string sep = separator_text(format);
  std::string text = header ? "userId,movieId,rating,timestamp\n" : "";
  for (int user = 1; text.size() < (1200u << 10); ++user) {
    for (int k = 0, n = 1 + static_cast<int>(rng() % 40); k < n; ++k) {
      const int tenths = 5 + static_cast<int>(rng() % 46);
      std::string line =
          std::to_string(user) + sep + std::to_string(1 + rng() % 60000) + sep +
          (format == FileFormat::kMovieLensCsvRatings ? std::to_string(tenths / 10) + "." + std::to_string(tenths % 10)
                                                      : std::to_string(1 + tenths % 5)) +
          sep + std::to_string(900000000 + rng() % 400000000);
      switch (clean ? 9999 : rng() % 2000) {
        case 0:
          line = "";
          break;
        case 1:
          line += "\r";
          break;
        case 2:
          line = "userId,movieId,rating,timestamp";
          break;
        case 3:
          line = "0" + line;
          break;
        case 4:
          line = std::to_string(5000000 + rng() % 1000) + sep + "1" + sep + "4" + sep + "1";
          break;
        case 5:
          line += sep + "extra";
          break;
        case 6:
          line = line.substr(0, line.size() / 2);
          break;
        case 7:
          line = "7" + sep + "8" + sep + "4.25" + sep + "1";
          break;
        case 8:
          line = std::string(300, 'x');
          break;
      }
      text += line + "\n";
    }
  }
  return text;
}

TEST(RatingBlockScanner, WholeLoadsMatchTheReferenceForAnyChunkingAndThreadCount) {
  for (FileFormat format : kRatingFormats) {
    const std::string name = format == FileFormat::kMovieLensCsvRatings   ? "ratings.csv"
                             : format == FileFormat::kMovieLensDatRatings ? "ratings.dat"
                                                                          : "u.data";
    const std::string text = big_ratings(format, format == FileFormat::kMovieLensCsvRatings, 3);
    expect_same_loads(name, text, nullptr, {1 << 20, 20});
    // Without its last newline, with a byte order mark, with CRLF throughout.
    expect_same_loads(name, text.substr(0, text.size() - 1));
    expect_same_loads(name, "\xEF\xBB\xBF" + text);
    std::string crlf;
    for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    expect_same_loads(name, crlf);
  }
}

TEST(RatingBlockScanner, TheFirstLineIsTheReferencesWhereverItFalls) {
  // Blank and over-long lines before the first line (which may be a header):
  // RecordParser does not count them as the first line, so neither may the scanner.
  const std::string body = big_ratings(FileFormat::kMovieLensCsvRatings, false, 5);
  for (const std::string& before : {std::string(""), std::string("\n\n \n"), std::string(700000, '\n'),
                                    std::string(200, 'y') + "\n" + std::string(600000, '\n')}) {
    for (bool header : {false, true}) {
      const FileKind kind = kind_of(FileFormat::kMovieLensCsvRatings, header);
      const std::string text = before + (header ? "1,2,3,4\n" : "") + body;
      std::vector<size_t> limits = {size_t{1} << 20};
      if (before.size() > 700000) limits.push_back(100);  // the over-long line before it counts as such
      for (size_t limit : limits) {
        const std::string reference = outcome("r.csv", text, false, {1 << 20, 1, limit}, &kind);
        EXPECT_EQ(outcome("r.csv", text, true, {1 << 22, 2, limit}, &kind), reference);
        EXPECT_EQ(outcome("r.csv", text, true, {1 << 22, 3, limit}, &kind), reference);
      }
    }
  }
}

TEST(RatingBlockScanner, StrictLoadsStopAtTheSameLineWithTheSameCounts) {
  std::string text = big_ratings(FileFormat::kMovieLensDatRatings, false, 7, true);
  text.insert(text.find('\n', text.size() / 2) + 1, "1::2::nine::3\n");
  for (int threads : {1, 2}) {
    LoadOptions options;
    options.strict = true;
    options.threads = threads;
    std::string results[2];
    for (bool block_scanner : {false, true}) {
      options.block_scanner = block_scanner;
      DatasetLoader loader(options);
      loader.begin_file("ratings.dat");
      try {
        for (size_t at = 0; at < text.size(); at += 1 << 21)
          loader.feed(text.data() + at, std::min<size_t>(1 << 21, text.size() - at));
        ADD_FAILURE() << "strict loading did not stop";
      } catch (const ParseError& e) {
        results[block_scanner] = e.what();
      }
      results[block_scanner] += "\n" + raw_summary(loader.finish());
    }
    EXPECT_EQ(results[1], results[0]);
    EXPECT_NE(results[0].find("rating 'nine' is not a number"), std::string::npos) << results[0].substr(0, 200);
  }
}

TEST(RatingBlockScanner, FixturesAndFuzzCorporaLoadTheSame) {
  namespace fs = std::filesystem;
  const std::string fixtures = ALS_TEST_FIXTURES;
  std::vector<fs::path> files;
  for (const char* dir : {"/formats", "/../fuzz/corpus/dataset_loader", "/../fuzz/corpus/detect_file_kind",
                          "/../fuzz/regressions/dataset_loader"}) {
    if (!fs::exists(fixtures + dir)) continue;
    for (const auto& e : fs::recursive_directory_iterator(fixtures + dir))
      if (e.is_regular_file()) files.push_back(e.path());
  }
  ASSERT_GT(files.size(), 20u);
  for (const fs::path& path : files) {
    const std::string text = testing::read_file_bytes(path.string());
    SCOPED_TRACE(path.string());
    expect_same_loads(path.filename().string(), text, nullptr, {1 << 20, 16});
    // Whatever it is, read as each MovieLens rating layout (the fuzz corpora
    // begin with control bytes; read as text they are odd first lines).
    for (FileFormat format : kRatingFormats)
      for (bool header : {false, true}) {
        const FileKind kind = kind_of(format, header);
        expect_same_loads("forced", text, &kind, {1 << 20, 12});
      }
  }
}

}  // namespace
}  // namespace als
