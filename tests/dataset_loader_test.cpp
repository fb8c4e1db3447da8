#include "io/dataset_loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "io/text_encoding.h"
#include "support/raw_summary.h"

#ifndef ALS_TEST_FIXTURES
#define ALS_TEST_FIXTURES "/work/main/tests/fixtures"
#endif

namespace als {
namespace {

const std::string kFormats = std::string(ALS_TEST_FIXTURES) + "/formats";

struct InputFile {
  std::string name;
  std::string content;
};

// Feeds each file in chunks of `chunk` bytes (or cut at the given positions).
void feed_file(DatasetLoader& loader, const InputFile& file, size_t chunk, std::vector<size_t> cuts = {}) {
  loader.begin_file(file.name);
  cuts.push_back(file.content.size());
  size_t offset = 0;
  for (size_t cut : cuts) {
    cut = std::min(std::max(cut, offset), file.content.size());
    for (size_t at = offset; at < cut;) {
      size_t size = std::min(chunk, cut - at);
      loader.feed(file.content.data() + at, size);
      at += size;
    }
    offset = cut;
  }
  loader.end_file();
}

RawInteractions load(const std::vector<InputFile>& files, LoadOptions options = {}, size_t chunk = SIZE_MAX,
                     const std::vector<size_t>& cuts = {}) {
  DatasetLoader loader(options);
  for (const InputFile& file : files) feed_file(loader, file, chunk, cuts);
  return loader.finish();
}

// One file's report, without finishing (which needs ratings).
FileReport report_of(const InputFile& file, LoadOptions options = {}) {
  DatasetLoader loader(options);
  loader.begin_file(file.name);
  loader.feed(file.content);
  return loader.end_file();
}

// Everything a load produced, as text, to compare loads fed differently.
std::string summary(const RawInteractions& raw) { return testing::raw_summary(raw); }

int32_t item_index(const RawInteractions& raw, const std::string& id) { return raw.items.find(id); }

const std::string& title_of(const RawInteractions& raw, const std::string& id) {
  static const std::string kNone = "<not an item>";
  int32_t index = raw.items.find(id);
  return index < 0 ? kNone : raw.item_titles[index];
}

const std::string& genres_of(const RawInteractions& raw, const std::string& id) {
  return raw.item_genres[raw.items.find(id)];
}

float value_of(const RawInteractions& raw, const std::string& user, const std::string& item) {
  int32_t u = raw.users.find(user), i = raw.items.find(item);
  for (const Triplet& t : raw.ratings)
    if (t.row == u && t.col == i) return t.value;
  return -12345;
}

const FileReport* report_named(const RawInteractions& raw, const std::string& suffix) {
  for (const FileReport& f : raw.report.files)
    if (f.file.size() >= suffix.size() && f.file.compare(f.file.size() - suffix.size(), suffix.size(), suffix) == 0)
      return &f;
  return nullptr;
}

bool has_warning(const RawInteractions& raw, const std::string& part) {
  for (const std::string& w : raw.report.warnings)
    if (w.find(part) != std::string::npos) return true;
  return false;
}

// ---------------------------------------------------------------- fixtures

TEST(DatasetLoader, MovieLens1mFolder) {
  RawInteractions raw = load_folder(kFormats + "/ml-1m");
  EXPECT_EQ(raw.ratings.size(), 10u);
  EXPECT_EQ(raw.users.size(), 3);
  EXPECT_EQ(raw.ratings_format, FileFormat::kMovieLensDatRatings);
  EXPECT_TRUE(raw.integer_values);
  EXPECT_TRUE(raw.half_star_values);
  EXPECT_EQ(value_of(raw, "1", "1193"), 5.0f);
  EXPECT_EQ(title_of(raw, "73"), "Mis\xC3\xA9rables, Les (1995)");  // latin-1 in the file
  EXPECT_EQ(genres_of(raw, "73"), "Drama|Musical");
  EXPECT_EQ(title_of(raw, "1"), "Toy Story (1995)");  // titled, never rated
  EXPECT_EQ(raw.item_titles.size(), static_cast<size_t>(raw.items.size()));
  EXPECT_EQ(raw.item_genres.size(), static_cast<size_t>(raw.items.size()));
  const FileReport* movies = report_named(raw, "movies.dat");
  ASSERT_NE(movies, nullptr);
  EXPECT_EQ(movies->latin1_lines, 1);
  EXPECT_EQ(movies->records, 10);
  EXPECT_EQ(movies->kind.role, FileRole::kTitles);
  EXPECT_EQ(report_named(raw, "users.dat")->kind.role, FileRole::kIgnored);
  EXPECT_TRUE(has_warning(raw, "ignored users.dat"));
  EXPECT_TRUE(has_warning(raw, "ignored README"));
  EXPECT_EQ(raw.report.malformed(), 0);
}

TEST(DatasetLoader, MovieLens100kFolder) {
  RawInteractions raw = load_folder(kFormats + "/ml-100k");
  EXPECT_EQ(raw.ratings.size(), 10u);
  EXPECT_EQ(raw.ratings_format, FileFormat::kMovieLens100kData);
  EXPECT_EQ(value_of(raw, "196", "242"), 3.0f);
  EXPECT_EQ(title_of(raw, "242"), "Kolya (1996)");
  EXPECT_EQ(genres_of(raw, "1"), "Animation|Children's|Comedy");
  EXPECT_EQ(genres_of(raw, "51"), "Drama|Romance|War|Western");
  EXPECT_EQ(title_of(raw, "267"), "unknown");
  EXPECT_EQ(genres_of(raw, "267"), "");  // the "unknown" flag is no genre
  EXPECT_EQ(title_of(raw, "1361"), "Se\xC3\xB1orita Extraviada (2001)");
  EXPECT_EQ(report_named(raw, "u.item")->latin1_lines, 1);
  for (const char* ignored : {"u.user", "u.genre", "u1.base", "allbut.pl"})
    EXPECT_EQ(report_named(raw, ignored)->kind.role, FileRole::kIgnored) << ignored;
  EXPECT_EQ(raw.report.malformed(), 0);
}

TEST(DatasetLoader, MovieLensLatestFolder) {
  RawInteractions raw = load_folder(kFormats + "/ml-latest-small");
  EXPECT_EQ(raw.ratings.size(), 10u);
  EXPECT_EQ(raw.ratings_format, FileFormat::kMovieLensCsvRatings);
  EXPECT_FALSE(raw.integer_values);
  EXPECT_TRUE(raw.half_star_values);
  EXPECT_EQ(value_of(raw, "2", "4973"), 4.5f);
  EXPECT_EQ(value_of(raw, "3", "31"), 0.5f);
  EXPECT_EQ(title_of(raw, "11"), "American President, The (1995)");
  EXPECT_EQ(title_of(raw, "31"), "\"Great Performances\" Cats (1998)");
  EXPECT_EQ(title_of(raw, "4973"), "Amelie (Fabuleux destin d'Am\xC3\xA9lie Poulain, Le) (2001)");
  EXPECT_EQ(genres_of(raw, "114335"), "");  // (no genres listed)
  EXPECT_EQ(genres_of(raw, "1"), "Adventure|Animation|Children|Comedy|Fantasy");
  const FileReport* ratings = report_named(raw, "ratings.csv");
  EXPECT_TRUE(ratings->kind.has_header);
  EXPECT_EQ(ratings->lines, 11);
  EXPECT_EQ(ratings->skipped, 1);
  EXPECT_EQ(report_named(raw, "movies.csv")->latin1_lines, 0);
  EXPECT_TRUE(has_warning(raw, "ignored tags.csv"));
  EXPECT_TRUE(has_warning(raw, "ignored links.csv"));
  EXPECT_EQ(raw.report.malformed(), 0);
}

TEST(DatasetLoader, CrlfAndByteOrderMarkReadTheSame) {
  RawInteractions lf =
      load_files({kFormats + "/ml-latest-small/ratings.csv", kFormats + "/ml-latest-small/movies.csv"});
  RawInteractions crlf =
      load_files({kFormats + "/ml-latest-crlf/ratings.csv", kFormats + "/ml-latest-crlf/movies.csv"});
  lf.report = crlf.report = LoadReport();  // names and byte counts differ
  EXPECT_EQ(summary(lf), summary(crlf));
  EXPECT_EQ(title_of(crlf, "11"), "American President, The (1995)");
}

TEST(DatasetLoader, LastFmFolder) {
  RawInteractions raw = load_folder(kFormats + "/lastfm-360k");
  EXPECT_EQ(raw.ratings.size(), 8u);
  EXPECT_EQ(raw.users.size(), 3);
  EXPECT_EQ(raw.ratings_format, FileFormat::kLastFmPlays);
  EXPECT_TRUE(raw.integer_values);
  EXPECT_EQ(value_of(raw, "00000c289a1829a808ac09c00daf10bc3c4e223b", "3bd73256-3905-4f3a-97e2-8b341527f805"), 2137.0f);
  // No mbid: keyed by name, distinguishable from any mbid.
  EXPECT_EQ(value_of(raw, "00001411dc427966b17297bf4d69e7e193135d89", "name:the black dahlia murder"), 18.0f);
  EXPECT_EQ(title_of(raw, "name:the black dahlia murder"), "the black dahlia murder");
  // The artist name is the title; the first one seen wins.
  EXPECT_EQ(title_of(raw, "f2fb0ff0-5679-42ec-a55c-15109ce6e320"), "die \xC3\x84rzte");
  EXPECT_EQ(report_named(raw, "usersha1-profile.tsv")->kind.role, FileRole::kIgnored);
}

TEST(DatasetLoader, GenericFolder) {
  RawInteractions raw = load_folder(kFormats + "/generic");
  EXPECT_EQ(raw.ratings_format, FileFormat::kGenericRatings);
  EXPECT_EQ(value_of(raw, "alice", "tt0111161"), 4.5f);  // decimal comma with ';'
  EXPECT_EQ(value_of(raw, "bob", "tt0468569"), -1.0f);   // negative values allowed
  EXPECT_EQ(value_of(raw, "u1", "song-a"), 12.0f);
  EXPECT_EQ(title_of(raw, "tt0111161"), "Shawshank Redemption, The");
  EXPECT_EQ(genres_of(raw, "tt0468569"), "Action|Crime");
  EXPECT_FALSE(raw.integer_values);
  EXPECT_TRUE(raw.half_star_values);
  EXPECT_EQ(report_named(raw, "titles.csv")->kind.format, FileFormat::kGenericTitles);
  EXPECT_EQ(raw.report.malformed(), 0);
}

TEST(DatasetLoader, UnusableFilesAreReportedNotRead) {
  RawInteractions raw =
      load_files({kFormats + "/ml-1m/ratings.dat", kFormats + "/unknown/poster.png", kFormats + "/unknown/empty.csv"});
  EXPECT_EQ(raw.ratings.size(), 10u);
  const FileReport* png = report_named(raw, "poster.png");
  EXPECT_EQ(png->kind.role, FileRole::kUnknown);
  EXPECT_EQ(png->kind.description, "looks like binary data (PNG image)");
  EXPECT_EQ(png->records, 0);
  EXPECT_GT(png->bytes, 0);
  EXPECT_EQ(report_named(raw, "empty.csv")->kind.description, "empty file");
  EXPECT_TRUE(
      has_warning(raw, "could not use " + kFormats + "/unknown/poster.png: looks like binary data (PNG image)"));
  EXPECT_TRUE(has_warning(raw, "empty.csv: empty file"));
}

TEST(DatasetLoader, FolderWithoutRatingsSaysWhy) {
  try {
    load_folder(kFormats + "/unknown");
    FAIL() << "expected ParseError";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.file(), "");
    EXPECT_EQ(e.line(), 0);
    EXPECT_EQ(e.reason(),
              "no ratings file found among 2 files; empty.csv: empty file; poster.png: looks like binary "
              "data (PNG image)");
  }
  EXPECT_THROW(load_files({kFormats + "/no/such/file.csv"}), ParseError);
}

// ---------------------------------------------------------------- malformed lines

struct BadLine {
  std::string line;
  std::string reason;
};

// Puts `bad` between two good lines and checks it is the one malformed line.
void expect_malformed(const std::string& name, const std::string& good1, const std::string& good2,
                      const std::vector<BadLine>& cases, const std::string& header = "") {
  int header_lines = header.empty() ? 0 : 1;
  for (const BadLine& c : cases) {
    std::string content = header + good1 + "\n" + c.line + "\n" + good2 + "\n";
    FileReport report = report_of({name, content});
    EXPECT_EQ(report.malformed, 1) << name << ": " << c.line;
    EXPECT_EQ(report.records, 2) << name << ": " << c.line;
    EXPECT_EQ(report.lines, 3 + header_lines);
    ASSERT_EQ(report.examples.size(), 1u) << c.line;
    EXPECT_EQ(report.examples[0].line, 2 + header_lines);
    EXPECT_EQ(report.examples[0].reason, c.reason) << name << ": " << c.line;
    EXPECT_TRUE(is_valid_utf8(report.examples[0].excerpt));
  }
}

TEST(DatasetLoader, MalformedDatRatings) {
  expect_malformed(
      "ratings.dat", "1::1193::5::978300760", "2::661::3::978302109",
      {{"1::1193::5", "expected 4 fields separated by '::', found 3"},
       {"1\t1193\t5\t978300760", "expected 4 fields separated by '::', found 1 (the line seems to use tab)"},
       {"1,1193,5,978300760", "expected 4 fields separated by '::', found 1 (the line seems to use ',')"},
       {"1::1193::5::978300760::9", "expected 4 fields separated by '::', found 5"},
       {"x::1193::5::978300760", "user id 'x' is not a number"},
       {"::1193::5::978300760", "user id is empty"},
       {"1::-5::5::978300760", "movie id '-5' is not a number"},
       {"1::1193::abc::978300760", "rating 'abc' is not a number"},
       {"1::1193::::978300760", "rating is empty"},
       {"1::1193::7::978300760", "rating 7 outside 0.5..5"},
       {"1::1193::0::978300760", "rating 0 outside 0.5..5"},
       {"1::1193::-3::978300760", "rating -3 outside 0.5..5"},
       {"1::1193::5000000000000000000000::978300760", "rating 5000000000000000000000 outside 0.5..5"},
       {"1::1193::nan::978300760", "rating 'nan' is not a finite number"},
       {"1::1193::inf::978300760", "rating 'inf' is not a finite number"},
       {"1::1193::5::", "timestamp is empty"},
       {"1::1193::5::12:30", "timestamp '12:30' is not a whole number"},
       {"1 ::1193::5::978300760", "user id '1 ' is not a number"}});
}

TEST(DatasetLoader, MalformedCsvRatings) {
  expect_malformed("ratings.csv", "1,296,5.0,1147880044", "1,306,3.5,1147868817",
                   {{"userId,movieId,rating,timestamp", "header line in the middle of the file"},
                    {"1,2,3.5,1147880044,extra", "expected 4 fields separated by ',', found 5"},
                    {"1;2;3.5;1147880044", "expected 4 fields separated by ',', found 1 (the line seems to use ';')"},
                    {"1,2,3.5", "expected 4 fields separated by ',', found 3"},
                    {"1,2,,1147880044", "rating is empty"},
                    {"1,2,5.5,1147880044", "rating 5.5 outside 0.5..5"},
                    {"1,2,0.25,1147880044", "rating 0.25 outside 0.5..5"},
                    {"1,2,1e1,1147880044", "rating 1e1 outside 0.5..5"},
                    {"1,2,NaN,1147880044", "rating 'NaN' is not a finite number"},
                    {"1,2,-Infinity,1147880044", "rating '-Infinity' is not a finite number"},
                    {"1,2,3,5,1147880044", "expected 4 fields separated by ',', found 5"},
                    {"u1,2,3.5,1147880044", "user id 'u1' is not a number"},
                    {"1,,3.5,1147880044", "movie id is empty"},
                    {"1,2,3.5,yesterday", "timestamp 'yesterday' is not a whole number"}},
                   "userId,movieId,rating,timestamp\n");
}

TEST(DatasetLoader, MalformedUData) {
  expect_malformed("u.data", "196\t242\t3\t881250949", "186\t302\t3\t891717742",
                   {{"196\t242\t3\t881250949\t1", "expected 4 fields separated by tab, found 5"},
                    {"196 242 3 881250949", "expected 4 fields separated by tab, found 1"},
                    {"196\t242\t6\t881250949", "rating 6 outside 0.5..5"},
                    {"196\t\t3\t881250949", "movie id is empty"}});
}

TEST(DatasetLoader, MalformedMoviesDat) {
  expect_malformed("movies.dat", "1::Toy Story (1995)::Animation", "2::Jumanji (1995)::Adventure",
                   {{"5::Father of the Bride Part II (1995)", "expected 3 fields separated by '::', found 2"},
                    {"5", "expected 3 fields separated by '::', found 1"},
                    {"5::A::B::Comedy", "expected 3 fields separated by '::', found 4"},
                    {"x5::Title::Comedy", "movie id 'x5' is not a number"},
                    {"5::  ::Comedy", "title is empty"}});
  FileReport colon = report_of({"movies.dat", "7::Title ending with a colon:::Comedy\n"});
  EXPECT_EQ(colon.records, 1);
}

TEST(DatasetLoader, MalformedMoviesCsv) {
  expect_malformed("movies.csv", "1,Toy Story (1995),Comedy", "11,\"American President, The (1995)\",Comedy",
                   {{"12,\"Dracula: Dead and Loving It (1995),Comedy", "unterminated quoted field in field 2"},
                    {"11,American President, The (1995),Comedy",
                     "expected 3 fields separated by ',', found 4 (a title with commas must be in quotes)"},
                    {"12,\"Title\" (1995),Comedy", "unexpected text after a closing quote in field 2"},
                    {"13,,Comedy", "title is empty"},
                    {"14,Title", "expected 3 fields separated by ',', found 2"},
                    {"movieId,title,genres", "header line in the middle of the file"}},
                   "movieId,title,genres\n");
}

TEST(DatasetLoader, MalformedUItem) {
  std::string flags = "|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0";
  expect_malformed(
      "u.item", "1|Toy Story (1995)|01-Jan-1995||http://x" + flags, "2|GoldenEye (1995)|||" + flags,
      {{"3|Four Rooms (1995)|01-Jan-1995||http://x", "expected 24 fields separated by '|', found 5"},
       {"3|Four Rooms (1995)||||0|0|0|1|1|2|0|0|0|0|0|0|0|0|0|0|0|0|0", "genre flag Comedy '2' is not 0 or 1"},
       {"x|Four Rooms (1995)|||" + flags, "movie id 'x' is not a number"}});
}

// Artists without an MBID whose names differ only in case and spacing are
// one artist (their plays add up once prepared), reported with examples; an
// artist with an MBID is never merged by name.
TEST(DatasetLoader, LastFmNameVariantsWithoutAnIdAreMergedAndReported) {
  const std::string a = "00000c289a1829a808ac09c00daf10bc3c4e223b", b = "00001411dc427966b17297bf4d69e7e193135d89";
  const InputFile plays{
      "usersha1-artmbid-artname-plays.tsv",
      a + "\t\tThe Black Dahlia Murder\t722\n" + b + "\t\tthe black  dahlia murder\t18\n" + a +
          "\t\tTHE BLACK DAHLIA MURDER \t5\n" + b +
          "\t\tthe black  dahlia murder\t1\n" +                                // the same spelling again: counted once
          a + "\t\tDie \xC3\x84rzte\t3\n" + b + "\t\tdie \xC3\xA4rzte\t4\n" +  // Ä and ä: one artist
          b + "\tf2fb0ff0-5679-42ec-a55c-15109ce6e320\tdie \xC3\xA4rzte\t9\n" +  // has an MBID: its own
          a + "\t\tBeyonc\xC3\xA9\t2\n" + b + "\t\tBeyonce\t2\n"};               // an accent is not case: two artists
  const RawInteractions raw = load({plays});
  EXPECT_EQ(raw.items.size(), 5);
  EXPECT_EQ(title_of(raw, "name:the black dahlia murder"), "The Black Dahlia Murder")
      << "the first spelling is the title";
  EXPECT_EQ(title_of(raw, "name:die \xC3\xA4rzte"), "Die \xC3\x84rzte");
  const FileReport& report = raw.report.files.front();
  EXPECT_EQ(report.merged_names, 3) << "two other spellings of the Black Dahlia Murder, one of Die Ärzte";
  ASSERT_EQ(report.merged_examples.size(), 3u);
  EXPECT_EQ(report.merged_examples[0].name, "the black  dahlia murder");
  EXPECT_EQ(report.merged_examples[0].as, "The Black Dahlia Murder");
  EXPECT_EQ(report.merged_examples[2].name, "die \xC3\xA4rzte");
  EXPECT_EQ(report.merged_examples[2].as, "Die \xC3\x84rzte");
}

TEST(DatasetLoader, MalformedLastFm) {
  const std::string user = "00000c289a1829a808ac09c00daf10bc3c4e223b";
  expect_malformed("usersha1-artmbid-artname-plays.tsv", user + "\tmbid-1\tbetty blowtorch\t2137",
                   user + "\t\tthe black dahlia murder\t722",
                   {{"\tmbid-2\tu2\t10", "user id is empty"},
                    {"u\t\t\t10", "artist has neither an id nor a name"},
                    {"u\tm\ta\t-3", "plays -3 outside 0..1000000000"},
                    {"u\tm\ta\t2.5", "plays '2.5' is not a whole number"},
                    {"u\tm\ta\tabc", "plays 'abc' is not a number"},
                    {"u\tm\ta\t2000000000", "plays 2000000000 outside 0..1000000000"},
                    {"u\tm\ta", "expected 4 fields separated by tab, found 3"},
                    {"u\tm\ta\t1\tx", "expected 4 fields separated by tab, found 5"}});
}

TEST(DatasetLoader, MalformedGenericRatings) {
  expect_malformed("mine.csv", "alice,tt1,4.5", "bob,tt2,-2",
                   {{"carol,,3", "item id is empty"},
                    {",tt1,3", "user id is empty"},
                    {"carol,tt1,1e12", "value 1e12 outside -1e9..1e9"},
                    {"carol,tt1,lots", "value 'lots' is not a number"},
                    {"carol,tt1,nan", "value 'nan' is not a finite number"},
                    {"carol,tt1", "expected at least 3 fields separated by ',', found 2"},
                    {"carol,\"tt1,3", "unterminated quoted field in field 2"}});
}

TEST(DatasetLoader, MalformedGenericTitles) {
  expect_malformed("names.tsv", "1\tToy Story (1995)", "2\tJumanji",
                   {{"3", "expected at least 2 fields separated by tab, found 1"},
                    {"3\t ", "title is empty"},
                    {"\tNo id", "item id is empty"}});
}

TEST(DatasetLoader, BlankLinesAndHeadersAreSkipped) {
  FileReport report = report_of({"ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,1\n\n   \r\n2,2,3.0,2\n"});
  EXPECT_EQ(report.lines, 5);
  EXPECT_EQ(report.records, 2);
  EXPECT_EQ(report.skipped, 3);
  EXPECT_EQ(report.malformed, 0);
}

TEST(DatasetLoader, AHeaderLikeFirstLineIsSkippedEvenWhenNotExpected) {
  FileKind kind = *kind_from_name("ratings.dat");
  DatasetLoader loader;
  loader.begin_file("export.txt", kind);
  loader.feed("UserID::MovieID::Rating::Timestamp\n1::2::3::4\n");
  FileReport report = loader.end_file();
  EXPECT_EQ(report.skipped, 1);
  EXPECT_EQ(report.records, 1);
  EXPECT_EQ(report.malformed, 0);
}

TEST(DatasetLoader, OverLongLinesAreMalformedAndNotBuffered) {
  LoadOptions small;
  small.max_line_bytes = 64;
  std::string content = "1,1,4.0,1\n1,2," + std::string(100, '5') + ",2\n1,3,4.0,3";
  FileReport report = report_of({"ratings.csv", content}, small);
  EXPECT_EQ(report.records, 2);
  ASSERT_EQ(report.examples.size(), 1u);
  EXPECT_EQ(report.examples[0].line, 2);
  EXPECT_EQ(report.examples[0].reason, "line longer than 64 bytes");

  std::string huge = "1,1,4.0,1\n" + std::string(1100000, '9') + "\n2,2,4.0,1\n";
  report = report_of({"ratings.csv", huge});
  EXPECT_EQ(report.records, 2);
  ASSERT_EQ(report.examples.size(), 1u);
  EXPECT_EQ(report.examples[0].reason, "line longer than 1048576 bytes");
  EXPECT_LE(report.examples[0].excerpt.size(), 83u);
}

TEST(DatasetLoader, KeepsTheFirstFewExamplesAndCountsAll) {
  std::string content = "1::1::5::1\n";
  for (int i = 0; i < 8; ++i) content += "bad line " + std::to_string(i) + "\n";
  FileReport report = report_of({"ratings.dat", content});
  EXPECT_EQ(report.malformed, 8);
  ASSERT_EQ(report.examples.size(), FileReport::kMaxExamples);
  EXPECT_EQ(report.examples[0].line, 2);
  EXPECT_EQ(report.examples[0].excerpt, "bad line 0");
  EXPECT_EQ(report.examples[4].line, 6);
}

TEST(DatasetLoader, ExcerptsAreShortValidUtf8) {
  std::string garbage = "\xFF\xFE\x01\x02::" + std::string(200, '\xE9') + std::string("\0::x", 4);
  FileReport report = report_of({"ratings.dat", "1::1::5::1\n" + garbage + "\n"});
  ASSERT_EQ(report.examples.size(), 1u);
  EXPECT_TRUE(is_valid_utf8(report.examples[0].excerpt));
  EXPECT_LE(report.examples[0].excerpt.size(), 83u);
}

TEST(DatasetLoader, StrictModeStopsAtTheFirstMalformedLine) {
  LoadOptions strict;
  strict.strict = true;
  DatasetLoader loader(strict);
  loader.begin_file("ml-1m/ratings.dat");
  try {
    loader.feed("1::1193::5::978300760\n\n1::661::seven::978302109\n1::x::1::1\n");
    loader.end_file();
    FAIL() << "expected ParseError";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.file(), "ml-1m/ratings.dat");
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.reason(), "rating 'seven' is not a number");
    EXPECT_STREQ(e.what(), "ml-1m/ratings.dat:3: rating 'seven' is not a number");
  }
  // The loader stays usable: the file ends at the bad line.
  loader.feed("3::3::3::3\n");
  const FileReport& report = loader.end_file();
  EXPECT_EQ(report.records, 1);
  EXPECT_EQ(report.malformed, 1);
  EXPECT_EQ(loader.finish().ratings.size(), 1u);
  // Without strict mode the same input loads, with the line reported.
  RawInteractions raw = load({{"ratings.dat", "1::1193::5::978300760\n\n1::661::seven::978302109\n"}});
  EXPECT_EQ(raw.ratings.size(), 1u);
  EXPECT_EQ(raw.report.malformed(), 1);
}

TEST(DatasetLoader, StrictModeAlsoCoversLongLinesAndTheLastLine) {
  LoadOptions strict;
  strict.strict = true;
  strict.max_line_bytes = 32;
  EXPECT_THROW(load({{"ratings.csv", "1,1,4.0,1\n" + std::string(40, '1') + "\n"}}, strict), ParseError);
  EXPECT_THROW(load({{"ratings.csv", "1,1,4.0,1\n1,1,4.0"}}, strict), ParseError);
  EXPECT_NO_THROW(load({{"ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,1\n\n"}}, strict));
}

// ---------------------------------------------------------------- the data set as a whole

TEST(DatasetLoader, NoRatingsIsAnError) {
  DatasetLoader loader;
  loader.begin_file("ml-1m/movies.dat");
  loader.feed("1::Toy Story (1995)::Animation\n");
  loader.end_file();
  try {
    loader.finish();
    FAIL() << "expected ParseError";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.reason(), "no ratings file found; ml-1m/movies.dat holds titles, not ratings");
    EXPECT_EQ(e.file(), "");
    EXPECT_EQ(e.line(), 0);
  }
  DatasetLoader empty;
  EXPECT_THROW(empty.finish(), ParseError);
  try {
    load({{"ratings.dat", "1:1:1:1\n2;2;2;2\n"}});
    FAIL() << "expected ParseError";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.reason(),
              "no ratings could be read from ratings.dat: 2 malformed lines, the first at line 1: expected 4 "
              "fields separated by '::', found 1");
  }
}

TEST(DatasetLoader, WarnsWhenRatingsFormatsAreMixed) {
  RawInteractions raw = load({{"ml-1m/ratings.dat", "1::1::5::1\n"}, {"ml-100k/u.data", "1\t2\t3\t4\n"}});
  EXPECT_EQ(raw.ratings_format, FileFormat::kMovieLensDatRatings);
  EXPECT_EQ(raw.ratings.size(), 2u);
  EXPECT_TRUE(has_warning(raw, "ratings files of different formats were combined"));
  EXPECT_TRUE(has_warning(raw, "ml-100k/u.data (MovieLens 100K u.data)"));
  RawInteractions same = load({{"a/ratings.dat", "1::1::5::1\n"}, {"b/ratings.dat", "2::1::5::1\n"}});
  EXPECT_TRUE(same.report.warnings.empty());
}

TEST(DatasetLoader, TitlesAndRatingsShareTheItemIds) {
  RawInteractions raw = load({{"movies.csv", "movieId,title,genres\n5,Five,Drama\n7,Seven,(no genres listed)\n"},
                              {"ratings.csv", "userId,movieId,rating,timestamp\n1,7,4.0,1\n1,9,3.0,2\n"}});
  EXPECT_EQ(raw.items.size(), 3);
  EXPECT_EQ(raw.item_titles.size(), 3u);
  EXPECT_EQ(raw.item_genres.size(), 3u);
  EXPECT_EQ(title_of(raw, "7"), "Seven");
  EXPECT_EQ(title_of(raw, "9"), "");  // rated, no title
  EXPECT_EQ(raw.ratings[0].col, item_index(raw, "7"));
  // A second titles file does not overwrite the first title seen.
  RawInteractions twice = load(
      {{"ratings.csv", "1,5,4.0,1\n"}, {"a/movies.csv", "5,First,Drama\n"}, {"b/movies.csv", "5,Second,Comedy\n"}});
  EXPECT_EQ(title_of(twice, "5"), "First");
}

TEST(DatasetLoader, ValueFlags) {
  EXPECT_TRUE(load({{"ratings.dat", "1::1::5::1\n1::2::3::1\n"}}).integer_values);
  RawInteractions half = load({{"ratings.csv", "1,1,4.5,1\n"}});
  EXPECT_FALSE(half.integer_values);
  EXPECT_TRUE(half.half_star_values);
  RawInteractions neither = load({{"mine.csv", "a,b,0.3\n"}});
  EXPECT_FALSE(neither.integer_values);
  EXPECT_FALSE(neither.half_star_values);
}

TEST(DatasetLoader, UnknownFilesContributeNothingAndNeverCrash) {
  DatasetLoader loader;
  loader.begin_file("poster.png");
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01", 20);
  loader.feed(png);
  const FileReport& report = loader.end_file();
  EXPECT_EQ(report.kind.role, FileRole::kUnknown);
  EXPECT_EQ(report.kind.description, "looks like binary data (PNG image)");
  EXPECT_EQ(report.bytes, 20);
  EXPECT_EQ(report.records, 0);
  EXPECT_EQ(loader.ratings_so_far(), 0);
  loader.begin_file("empty.csv");
  EXPECT_EQ(loader.end_file().kind.description, "empty file");
  loader.begin_file("tags.csv");
  EXPECT_EQ(loader.current_kind().role, FileRole::kIgnored);  // known before any byte
  loader.feed("userId,movieId,tag,timestamp\n1,2,funny,3\n");
  EXPECT_EQ(loader.end_file().records, 0);
}

TEST(DatasetLoader, KindIsKnownOnceEnoughBytesArrived) {
  std::string content = "userId,movieId,rating,timestamp\n";
  while (content.size() < 40000) content += "1,296,5.0,1147880044\n";
  DatasetLoader loader;
  loader.begin_file("ratings.csv");
  loader.feed(content.substr(0, 100));
  EXPECT_EQ(loader.current_kind().format, FileFormat::kUnknown);  // not yet
  loader.feed(content.substr(100, 20000));
  EXPECT_EQ(loader.current_kind().format, FileFormat::kMovieLensCsvRatings);
  EXPECT_GT(loader.ratings_so_far(), 0);
  loader.feed(content.substr(20100));
  loader.end_file();
  RawInteractions raw = loader.finish();
  EXPECT_EQ(static_cast<int64_t>(raw.ratings.size()), raw.report.files[0].records);
  // The loader is empty and usable again after finish().
  EXPECT_EQ(loader.ratings_so_far(), 0);
  loader.begin_file("ratings.dat");
  loader.feed("1::1::5::1\n");
  EXPECT_EQ(loader.finish().ratings.size(), 1u);
}

// ---------------------------------------------------------------- chunk boundaries

std::vector<std::vector<InputFile>> chunking_inputs() {
  const std::string user = "00000c289a1829a808ac09c00daf10bc3c4e223b";
  return {
      {{"ml-1m/ratings.dat", "1::1193::5::978300760\n1::661::x::1\n\n2::3068::4::978299000"},
       {"ml-1m/movies.dat", "73::Mis\xE9rables, Les (1995)::Drama|Musical\r\n1193::One Flew::Drama\n"}},
      {{"ratings.csv",
        "\xEF\xBB\xBFuserId,movieId,rating,timestamp\r\n1,1,4.0,964982703\r\n1,3,bad,1\r\n"
        "userId,movieId,rating,timestamp\r\n2,3,0.5,1\r\n"},
       {"movies.csv",
        "movieId,title,genres\n11,\"American President, The (1995)\",Comedy\n"
        "31,\"\"\"Great Performances\"\" Cats (1998)\",Musical\n3,\"unterminated,Drama\n"
        "1,Am\xC3\xA9lie,(no genres listed)"}},
      {{"u.data", "196\t242\t3\t881250949\n186\t302\t3\n"},
       {"u.item",
        "242|Kolya (1996)|24-Jan-1997||http://x|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n"
        "1361|Se\xF1orita (2001)|||"
        "|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0\n"}},
      {{"usersha1-artmbid-artname-plays.tsv", user + "\tm1\tdie \xC3\x84rzte\t10\n" + user +
                                                  "\t\tbl\xE4"
                                                  "ck\t3\n" +
                                                  user + "\tm2\tx\t-1\n"}},
      {{"export.csv", "user;item;rating\nalice;tt1;4,5\n\nbob;tt2;3\nbob;;3\n"},
       {"names.csv", "item,title\ntt1,\"Shawshank, The\"\ntt2,Godfather\n"},
       {"poster.png", std::string("\x89PNG\r\n\x1a\n\0\0", 10)}},
  };
}

TEST(DatasetLoader, SameResultWhereverTheChunksAreCut) {
  for (const std::vector<InputFile>& files : chunking_inputs()) {
    std::string whole = summary(load(files));
    EXPECT_EQ(summary(load(files, {}, 1)), whole) << whole;
    EXPECT_EQ(summary(load(files, {}, 3)), whole);
    size_t longest = 0;
    for (const InputFile& f : files) longest = std::max(longest, f.content.size());
    for (size_t cut = 0; cut <= longest; ++cut) EXPECT_EQ(summary(load(files, {}, SIZE_MAX, {cut})), whole) << cut;
  }
}

TEST(DatasetLoader, SameResultForLargeFilesWhereverTheChunksAreCut) {
  // Larger than the detection head, so detection happens while feeding.
  std::string ratings = "userId,movieId,rating,timestamp\r\n";
  for (int i = 0; ratings.size() < 40000; ++i) {
    ratings += std::to_string(i / 7 + 1) + "," + std::to_string(i % 97 + 1) + "," + std::to_string(i % 5 + 1) +
               (i % 2 ? ".5" : ".0") + "," + std::to_string(964982703 + i) + "\r\n";
    if (i % 500 == 3) ratings += "bad,line\r\n";
    if (i % 700 == 5) ratings += "\r\n";
  }
  std::vector<InputFile> files = {{"ml-latest/ratings.csv", ratings}};
  std::string whole = summary(load(files));
  EXPECT_EQ(summary(load(files, {}, 1)), whole);
  EXPECT_EQ(summary(load(files, {}, 4096)), whole);
  for (size_t cut = 0; cut <= ratings.size(); cut += 101) EXPECT_EQ(summary(load(files, {}, SIZE_MAX, {cut})), whole);
  for (size_t cut = 16384 - 40; cut <= 16384 + 40; ++cut)  // around the detection head
    EXPECT_EQ(summary(load(files, {}, SIZE_MAX, {cut})), whole) << cut;
  EXPECT_EQ(summary(load(files, {}, 7000, {16383, 16385})), whole);
}

// ---------------------------------------------------------------- arbitrary bytes

TEST(DatasetLoader, ArbitraryBytesInEveryFormatNeverCrash) {
  const FileFormat formats[] = {FileFormat::kMovieLensDatRatings, FileFormat::kMovieLensDatMovies,
                                FileFormat::kMovieLens100kData,   FileFormat::kMovieLens100kItem,
                                FileFormat::kMovieLensCsvRatings, FileFormat::kMovieLensCsvMovies,
                                FileFormat::kLastFmPlays,         FileFormat::kGenericRatings,
                                FileFormat::kGenericTitles,       FileFormat::kUnknown};
  const char alphabet[] = "0123456789.,;:|\t\"\n\r -eEnaifx\xC3\xA9\xE9\xEF\xBB\xBF";
  uint32_t state = 2024;
  auto next = [&]() { return state = state * 1664525u + 1013904223u; };
  for (int round = 0; round < 300; ++round) {
    std::string bytes;
    size_t length = next() % 400;
    for (size_t i = 0; i < length; ++i)
      bytes.push_back(round % 3 == 0 ? static_cast<char>(next() >> 24)
                                     : alphabet[(next() >> 16) % (sizeof alphabet - 1)]);
    LoadOptions options;
    options.max_line_bytes = 16 + next() % 64;
    for (FileFormat format : formats) {
      FileKind kind;
      kind.format = format;
      kind.role = format == FileFormat::kMovieLensDatMovies || format == FileFormat::kMovieLens100kItem ||
                          format == FileFormat::kMovieLensCsvMovies || format == FileFormat::kGenericTitles
                      ? FileRole::kTitles
                      : FileRole::kRatings;
      kind.separator = "\t,;:|"[next() % 5];
      kind.has_header = next() % 2;
      DatasetLoader loader(options);
      loader.begin_file("fuzz", kind);
      loader.feed(bytes.data(), bytes.size() / 2);
      loader.feed(bytes.data() + bytes.size() / 2, bytes.size() - bytes.size() / 2);
      FileReport report = loader.end_file();
      EXPECT_EQ(report.lines, report.records + report.skipped + report.malformed);
      for (const ParseIssue& issue : report.examples) EXPECT_TRUE(is_valid_utf8(issue.excerpt));
    }
    DatasetLoader detecting(options);  // and through detection, under a few names
    for (const char* name : {"x.csv", "ratings.csv", "movies.dat", "u.item", "usersha1-artmbid-artname-plays.tsv"}) {
      detecting.begin_file(name);
      detecting.feed(bytes);
      detecting.end_file();
    }
    try {
      RawInteractions raw = detecting.finish();
      EXPECT_EQ(raw.item_titles.size(), static_cast<size_t>(raw.items.size()));
    } catch (const ParseError&) {
    }
  }
}

}  // namespace
}  // namespace als
