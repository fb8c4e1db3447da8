#include "io/file_format.h"

#include <gtest/gtest.h>

#include <string>

namespace als {
namespace {

FileKind detect(std::string_view name, std::string_view head) { return detect_file_kind(name, head, true); }

TEST(FileFormat, KnownNamesWinWhateverTheFolder) {
  struct Case {
    const char* name;
    const char* head;
    FileFormat format;
    FileRole role;
  };
  const Case cases[] = {
      {"ml-1m/ratings.dat", "1::1193::5::978300760\n", FileFormat::kMovieLensDatRatings, FileRole::kRatings},
      {"ml-10M100K/movies.dat", "1::Toy Story (1995)::Comedy\n", FileFormat::kMovieLensDatMovies, FileRole::kTitles},
      {"ml-100k/u.data", "196\t242\t3\t881250949\n", FileFormat::kMovieLens100kData, FileRole::kRatings},
      {"C:\\data\\ml-100k\\u.item", "1|Toy Story (1995)|x\n", FileFormat::kMovieLens100kItem, FileRole::kTitles},
      {"ml-latest-small/ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n",
       FileFormat::kMovieLensCsvRatings, FileRole::kRatings},
      {"ml-25m/movies.csv", "movieId,title,genres\n1,Toy Story (1995),Comedy\n", FileFormat::kMovieLensCsvMovies,
       FileRole::kTitles},
      {"lastfm-dataset-360K/usersha1-artmbid-artname-plays.tsv", "a\tb\tc\t1\n", FileFormat::kLastFmPlays,
       FileRole::kRatings},
      {"RATINGS.DAT", "1::2::3::4\n", FileFormat::kMovieLensDatRatings, FileRole::kRatings},
  };
  for (const Case& c : cases) {
    FileKind kind = detect(c.name, c.head);
    EXPECT_EQ(kind.format, c.format) << c.name;
    EXPECT_EQ(kind.role, c.role) << c.name;
    EXPECT_FALSE(kind.description.empty()) << c.name;
  }
}

TEST(FileFormat, SetsSeparatorsAndHeaders) {
  EXPECT_EQ(detect("ratings.dat", "1::2::3::4\n").separator, ':');
  EXPECT_EQ(detect("u.data", "1\t2\t3\t4\n").separator, '\t');
  EXPECT_EQ(detect("u.item", "1|a\n").separator, '|');
  EXPECT_TRUE(detect("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,9\n").has_header);
  EXPECT_FALSE(detect("ratings.csv", "1,1,4.0,964982703\n").has_header);
  EXPECT_TRUE(detect("movies.csv", "movieId,title,genres\n").has_header);
  EXPECT_TRUE(detect("ratings.csv", "\xEF\xBB\xBFuserId,movieId,rating,timestamp\r\n1,1,4.0,9\r\n").has_header);
}

TEST(FileFormat, IgnoresFilesOfKnownDataSetsThatAreNotNeeded) {
  for (const char* name : {"ml-latest/tags.csv",
                           "links.csv",
                           "ml-25m/genome-scores.csv",
                           "genome-tags.csv",
                           "u.user",
                           "u.genre",
                           "u.info",
                           "u.occupation",
                           "ml-100k/u1.base",
                           "u5.test",
                           "ua.base",
                           "ua.test",
                           "ub.base",
                           "ub.test",
                           "allbut.pl",
                           "mku.sh",
                           "README",
                           "ml-1m/README.txt",
                           "README.html",
                           "usersha1-profile.tsv",
                           "ml-1m/users.dat",
                           "tags.dat",
                           "__MACOSX/ml-1m/._ratings.dat",
                           "ml-1m/.DS_Store"}) {
    FileKind kind = detect(name, "anything\n");
    EXPECT_EQ(kind.role, FileRole::kIgnored) << name;
    EXPECT_EQ(kind.format, FileFormat::kIgnored) << name;
    EXPECT_NE(kind.description.find("not needed"), std::string::npos) << name << ": " << kind.description;
  }
  EXPECT_EQ(detect("u6.base", "1\t2\t3\t4\n").role, FileRole::kRatings);  // not a 100K split name
}

TEST(FileFormat, KindFromNameNeedsNoContent) {
  ASSERT_TRUE(kind_from_name("ml-1m/ratings.dat").has_value());
  EXPECT_EQ(kind_from_name("ml-1m/ratings.dat")->format, FileFormat::kMovieLensDatRatings);
  EXPECT_EQ(kind_from_name("tags.csv")->role, FileRole::kIgnored);
  EXPECT_FALSE(kind_from_name("my_ratings.csv").has_value());
  EXPECT_EQ(file_base_name("a/b\\c.csv"), "c.csv");
  EXPECT_EQ(file_base_name("c.csv"), "c.csv");
}

TEST(FileFormat, UnusableFilesSayWhy) {
  FileKind png = detect("poster.png", std::string_view("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  EXPECT_EQ(png.role, FileRole::kUnknown);
  EXPECT_EQ(png.description, "looks like binary data (PNG image)");
  EXPECT_EQ(detect("ml-1m.zip", std::string_view("PK\x03\x04\x14\0", 6)).description,
            "looks like binary data (ZIP archive: unzip it and add the files inside)");
  // A known name does not make binary content readable.
  EXPECT_EQ(detect("ratings.dat", std::string_view("\x1F\x8B\x08\0", 4)).role, FileRole::kUnknown);
  EXPECT_EQ(detect("data.csv", std::string_view("1,2\0,3\n", 7)).description, "looks like binary data");
  EXPECT_EQ(detect("empty.csv", "").description, "empty file");
  EXPECT_EQ(detect("ratings.csv", "").description, "empty file");
  EXPECT_EQ(detect("blank.csv", "\n  \r\n").description, "empty file (only blank lines)");
  EXPECT_EQ(detect("excel.txt", "\xFF\xFEu\0s\0").description, "UTF-16 text: save the file as UTF-8");
  FileKind words = detect("notes.txt", "just some words here\nand more words\n");
  EXPECT_EQ(words.role, FileRole::kUnknown);
  EXPECT_FALSE(words.description.empty());
  EXPECT_EQ(detect("pairs.csv", "1,2\n3,4\n").role, FileRole::kUnknown);
}

TEST(FileFormat, RecognisesRenamedMovieLensFilesByContent) {
  EXPECT_EQ(detect("ratings (1).dat", "1::1193::5::978300760\n1::661::3::978302109\n").format,
            FileFormat::kMovieLensDatRatings);
  EXPECT_EQ(detect("films.txt", "1::Toy Story (1995)::Animation|Children's|Comedy\n").format,
            FileFormat::kMovieLensDatMovies);
  EXPECT_EQ(detect("ratings (2).csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n").format,
            FileFormat::kMovieLensCsvRatings);
  FileKind movies = detect("download.csv", "movieId,title,genres\n11,\"American President, The (1995)\",Comedy\n");
  EXPECT_EQ(movies.format, FileFormat::kMovieLensCsvMovies);
  EXPECT_TRUE(movies.has_header);
  EXPECT_EQ(detect("u (1).data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n").format,
            FileFormat::kMovieLens100kData);
  EXPECT_EQ(detect("lastfm.tsv",
                   "00000c289a1829a808ac09c00daf10bc3c4e223b\t3bd73256-3905-4f3a-97e2-8b341527f805\tbetty "
                   "blowtorch\t2137\n")
                .format,
            FileFormat::kLastFmPlays);
  std::string item = "1|Toy Story (1995)|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n";
  EXPECT_EQ(detect("items.txt", item).format, FileFormat::kMovieLens100kItem);
}

TEST(FileFormat, GenericRatingsWithAnySeparatorAndOptionalHeader) {
  FileKind comma = detect("mine.csv", "alice,tt0111161,4.5\nbob,tt0068646,3\n");
  EXPECT_EQ(comma.format, FileFormat::kGenericRatings);
  EXPECT_EQ(comma.role, FileRole::kRatings);
  EXPECT_EQ(comma.separator, ',');
  EXPECT_FALSE(comma.has_header);

  FileKind tab = detect("plays.tsv", "user\titem\tplays\nu1\tsong\t12\n");
  EXPECT_EQ(tab.format, FileFormat::kGenericRatings);
  EXPECT_EQ(tab.separator, '\t');
  EXPECT_TRUE(tab.has_header);

  FileKind semicolon = detect("export.csv", "user;item;rating\nalice;tt1;4,5\nbob;tt2;3\n");
  EXPECT_EQ(semicolon.format, FileFormat::kGenericRatings);
  EXPECT_EQ(semicolon.separator, ';');
  EXPECT_TRUE(semicolon.has_header);

  FileKind quoted = detect("q.csv", "\"u 1\",\"i, 1\",\"5\"\n\"u 2\",\"i, 2\",\"1\"\n");
  EXPECT_EQ(quoted.format, FileFormat::kGenericRatings);
  EXPECT_EQ(quoted.separator, ',');

  FileKind extra = detect("with_time.csv", "1,2,3.5,1147880044\n");
  EXPECT_EQ(extra.format, FileFormat::kGenericRatings);
}

TEST(FileFormat, GenericTitlesByContent) {
  FileKind two = detect("names.csv", "item,title\ntt0111161,\"Shawshank Redemption, The\"\n");
  EXPECT_EQ(two.format, FileFormat::kGenericTitles);
  EXPECT_EQ(two.role, FileRole::kTitles);
  EXPECT_TRUE(two.has_header);

  FileKind three = detect("names.tsv", "1\tToy Story (1995)\tComedy\n2\tJumanji\tAdventure\n");
  EXPECT_EQ(three.format, FileFormat::kGenericTitles);
  EXPECT_EQ(three.separator, '\t');
  EXPECT_FALSE(three.has_header);
}

TEST(FileFormat, OwnFilesNamedLikeMovieLensAreReadByContent) {
  FileKind kind = detect("ratings.csv", "user,item,rating\nalice,tt1,4\n");
  EXPECT_EQ(kind.format, FileFormat::kGenericRatings);
  EXPECT_NE(kind.description.find("does not have the MovieLens columns"), std::string::npos);
  EXPECT_EQ(detect("movies.csv", "1,Toy Story\n2,Jumanji\n").format, FileFormat::kGenericTitles);
}

TEST(FileFormat, OnlyCompleteLinesOfAPartialHead) {
  // The cut last line "1,2" would read as two columns; it is left out.
  FileKind kind = detect_file_kind("x.csv", "1,2,3.5\n1,2", false);
  EXPECT_EQ(kind.format, FileFormat::kGenericRatings);
  EXPECT_EQ(detect_file_kind("x.csv", "1,2,3.5", false).format, FileFormat::kGenericRatings);
}

TEST(FileFormat, NamesForDisplay) {
  for (FileFormat f : {FileFormat::kUnknown, FileFormat::kIgnored, FileFormat::kMovieLensDatRatings,
                       FileFormat::kMovieLensDatMovies, FileFormat::kMovieLens100kData, FileFormat::kMovieLens100kItem,
                       FileFormat::kMovieLensCsvRatings, FileFormat::kMovieLensCsvMovies, FileFormat::kLastFmPlays,
                       FileFormat::kGenericRatings, FileFormat::kGenericTitles})
    EXPECT_GT(std::string(format_name(f)).size(), 3u);
  EXPECT_STREQ(role_name(FileRole::kRatings), "ratings");
  EXPECT_STREQ(role_name(FileRole::kTitles), "titles");
  EXPECT_STREQ(role_name(FileRole::kIgnored), "ignored");
  EXPECT_STREQ(role_name(FileRole::kUnknown), "unknown");
  EXPECT_EQ(describe_data_set(FileFormat::kMovieLensDatRatings), "MovieLens 1M/10M");
  EXPECT_EQ(describe_data_set(FileFormat::kMovieLens100kData), "MovieLens 100K");
  EXPECT_EQ(describe_data_set(FileFormat::kLastFmPlays), "Last.fm 360K");
}

TEST(FileFormat, ArbitraryHeadsNeverCrash) {
  std::string bytes;
  uint32_t state = 12345;
  for (int i = 0; i < 4000; ++i) {
    state = state * 1103515245u + 12345u;
    bytes.push_back("1,;\t:|\"\n\r a\xC3\xE9\0"[(state >> 16) % 15]);
  }
  for (size_t length = 0; length < bytes.size(); length += 97)
    for (const char* name : {"x.csv", "ratings.csv", "movies.csv", "ratings.dat", "u.item"})
      detect_file_kind(name, std::string_view(bytes).substr(length / 2, length), length % 2 == 0);
}

}  // namespace
}  // namespace als
