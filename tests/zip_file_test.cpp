// The zip reader (cpp/io/zip_file): listing, streaming, ZIP64, and every
// hostile archive refused with a message of its own that names the archive
// and the entry — a bomb (by its declared sizes and by what it really
// inflates to), a zip inside the zip, a name that climbs out of the folder,
// an encrypted entry, a truncated or corrupt archive.
#include "io/zip_file.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "io/dataset_loader.h"
#include "support/raw_summary.h"
#include "support/zip_writer.h"

#ifndef ALS_TEST_FIXTURES
#define ALS_TEST_FIXTURES "/work/main/tests/fixtures"
#endif

namespace als {
namespace {

using testing::write_zip;

const std::string kFixtures = ALS_TEST_FIXTURES;

// A fresh scratch folder per test.
std::string scratch(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("als_zip_test_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string read_entry(ZipFile& zip, const std::string& name, size_t chunk = 1 << 20) {
  const int64_t k = zip.find(name);
  EXPECT_GE(k, 0) << name;
  std::string out;
  zip.read(
      static_cast<size_t>(k),
      [&](const char* bytes, size_t size) {
        EXPECT_LE(size, chunk);
        out.append(bytes, size);
        return true;
      },
      chunk);
  return out;
}

// Runs f, which must throw ZipError with a message containing every part.
template <class F>
std::string expect_zip_error(F&& f, const std::vector<std::string>& parts) {
  try {
    f();
    ADD_FAILURE() << "no error";
  } catch (const ZipError& e) {
    for (const std::string& part : parts) EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
    return e.what();
  }
  return "";
}

TEST(ZipFile, ListsEntriesWithSizesAndStreamsThemInChunks) {
  const std::string dir = scratch("list");
  std::string ratings;
  for (int k = 0; k < 50000; ++k)
    ratings += std::to_string(k % 97) + "::" + std::to_string(k % 31) + "::4::978300760\n";
  write_zip(dir + "/a.zip", {{"ml-1m/", "", false}, {"ml-1m/ratings.dat", ratings}, {"ml-1m/README", "hello", false}});
  ZipFile zip(dir + "/a.zip");
  ASSERT_EQ(zip.entries().size(), 3u);
  const ZipEntry& dat = zip.entries()[1];
  EXPECT_EQ(dat.name, "ml-1m/ratings.dat");
  EXPECT_EQ(dat.uncompressed_size, ratings.size());
  EXPECT_LT(dat.compressed_size, ratings.size() / 3);
  EXPECT_EQ(dat.method, 8);
  EXPECT_FALSE(dat.encrypted);
  EXPECT_TRUE(zip.entries()[0].is_directory());
  EXPECT_EQ(zip.entries()[2].method, 0);
  EXPECT_EQ(read_entry(zip, "ml-1m/ratings.dat", 100000), ratings);
  EXPECT_EQ(zip.read_all(2), "hello");
  EXPECT_EQ(zip.inflated_total(), ratings.size() + 5);
  // Stopping early inflates no more.
  size_t seen = 0;
  zip.read(
      1,
      [&](const char*, size_t size) {
        seen += size;
        return false;
      },
      4096);
  EXPECT_EQ(seen, 4096u);
}

TEST(ZipFile, Zip64EntriesAndDirectoriesReadLikeAnyOther) {
  const std::string dir = scratch("zip64");
  // ZIP64 extra fields in the local headers, as numpy's savez(force_zip64) writes.
  write_zip(dir + "/local.zip", {{"x.npy", std::string("\x93NUMPY\x01\x00", 8) + std::string(1000, '\7'), false, true},
                                 {"y.npy", std::string(3000, 'y'), true, true}});
  ZipFile local(dir + "/local.zip");
  EXPECT_EQ(local.read_all(0), std::string("\x93NUMPY\x01\x00", 8) + std::string(1000, '\7'));
  EXPECT_EQ(local.read_all(1), std::string(3000, 'y'));
  // Written by Python's zipfile with every size, offset and count in ZIP64
  // fields, the plain end record saying "see ZIP64" as in an archive of more
  // than 65,535 entries or 4 GB (tests/fixtures/zip/README.md says how).
  ZipFile python(kFixtures + "/zip/zip64-everywhere.zip");
  ASSERT_EQ(python.entries().size(), 2u);
  EXPECT_EQ(python.entries()[0].name, "ml-tiny/ratings.dat");
  EXPECT_EQ(python.read_all(0), "1::1::5::978300760\n1::2::4::978300761\n2::1::3::978300762\n2::2::5::978300763\n");
  EXPECT_EQ(python.read_all(1).substr(0, 6), "\x93NUMPY");
}

TEST(ZipFile, ABombIsRefusedByItsDeclaredSizesBeforeInflatingAByte) {
  const std::string dir = scratch("declared_bomb");
  testing::write_newline_bomb(dir + "/bomb.zip", "ml-1m/ratings.dat", "1::1::5::978300760\n", 100u << 20);
  ZipFile zip(dir + "/bomb.zip");
  const ZipEntry& entry = zip.entries()[0];
  EXPECT_GT(entry.uncompressed_size / entry.compressed_size, 500u);
  size_t fed = 0;
  const auto start = std::chrono::steady_clock::now();
  const std::string message = expect_zip_error(
      [&] {
        zip.read(0, [&](const char*, size_t size) {
          fed += size;
          return true;
        });
      },
      {"bomb.zip: ml-1m/ratings.dat: declares 104.9 MB inflated from ", "more than the 100 : 1 a data file compresses",
       "zip bomb"});
  EXPECT_EQ(fed, 0u);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 1.0);
}

TEST(ZipFile, ABombThatHidesItsRatioIsRefusedOnce64MbCameOut) {
  const std::string dir = scratch("hidden_bomb");
  // 100 MB of newlines deflate to ~0.1 MB; 1.2 MB of padding after the stream
  // makes the directory say 100 : 1.3, under 100 : 1. Only inflating shows it.
  testing::write_newline_bomb(dir + "/bomb.zip", "ratings.dat", "1::1::5::978300760\n", 100u << 20, 1200000);
  ZipFile zip(dir + "/bomb.zip");
  const ZipEntry& entry = zip.entries()[0];
  ASSERT_LT(static_cast<double>(entry.uncompressed_size) / entry.compressed_size, 100);
  uint64_t fed = 0;
  const std::string message = expect_zip_error(
      [&] {
        zip.read(0, [&](const char*, size_t size) {
          fed += size;
          return true;
        });
      },
      {"bomb.zip: ratings.dat: inflates ", " : 1, more than the 100 : 1 a data file compresses (67.1 MB inflated from ",
       "kB of compressed data; the entry is 1.3 MB compressed, declared 104.9 MB): refused as a likely zip bomb"});
  EXPECT_GE(fed, 60u << 20);  // it read up to the 64 MB mark, and stopped there
  EXPECT_LE(fed, 64u << 20);
}

TEST(ZipFile, TheTotalInflatedFromOneArchiveIsCapped) {
  const std::string dir = scratch("total");
  write_zip(dir + "/a.zip", {{"a.csv", std::string(3000, 'a')}, {"b.csv", std::string(3000, 'b')}});
  ZipLimits limits;
  limits.max_total_bytes = 5000;
  ZipFile zip(dir + "/a.zip", limits);
  EXPECT_EQ(zip.read_all(0).size(), 3000u);
  expect_zip_error([&] { zip.read_all(1); },
                   {"a.zip: b.csv: would inflate to 6.0 kB from this archive in all, more than the 5.0 kB allowed"});
}

TEST(ZipFile, EncryptedNestedTruncatedAndCorruptArchivesSayWhat) {
  const std::string dir = scratch("hostile");
  write_zip(dir + "/secret.zip", {{"ratings.dat", "1::1::5::1\n", true, false, "password"}});
  ZipFile secret(dir + "/secret.zip");
  ASSERT_TRUE(secret.entries()[0].encrypted);
  expect_zip_error([&] { secret.read_all(0); },
                   {"secret.zip: ratings.dat: the entry is encrypted (password-protected zips cannot be read)"});

  write_zip(dir + "/inner.zip", {{"ratings.dat", "1::1::5::1\n"}});
  write_zip(dir + "/outer.zip", {{"data/ratings.dat", testing::read_file_bytes(dir + "/inner.zip")}});
  ZipFile outer(dir + "/outer.zip");
  expect_zip_error([&] { outer.read_all(0); }, {"outer.zip: data/ratings.dat: is itself a zip (a zip inside the zip)"});

  const std::string whole = testing::read_file_bytes(dir + "/inner.zip");
  std::ofstream(dir + "/truncated.zip", std::ios::binary) << whole.substr(0, whole.size() / 2);
  expect_zip_error([&] { ZipFile z(dir + "/truncated.zip"); },
                   {"truncated.zip: the zip is truncated or corrupt", "was the download complete?"});
  std::ofstream(dir + "/plain.zip", std::ios::binary) << "user,item,rating\n1,2,3\n";
  expect_zip_error([&] { ZipFile z(dir + "/plain.zip"); }, {"plain.zip: not a zip file"});
  expect_zip_error([&] { ZipFile z(dir + "/missing.zip"); }, {"missing.zip: cannot open the file"});

  // A flipped byte in stored data: the checksum says so.
  write_zip(dir + "/stored.zip", {{"ratings.dat", std::string(2000, '1'), false}});
  std::string bytes = testing::read_file_bytes(dir + "/stored.zip");
  bytes[bytes.find(std::string(100, '1')) + 50] = '2';
  std::ofstream(dir + "/corrupt.zip", std::ios::binary) << bytes;
  ZipFile corrupt(dir + "/corrupt.zip");
  expect_zip_error([&] { corrupt.read_all(0); },
                   {"corrupt.zip: ratings.dat: corrupt zip (the checksum does not match the data)"});
}

TEST(ZipFile, TraversalNamesAreRecognised) {
  for (const char* name : {"../ratings.dat", "a/../../ratings.dat", "/etc/ratings.dat", "\\x\\ratings.dat",
                           "C:\\ratings.dat", "a\\..\\..\\b", ".."}) {
    ZipEntry e;
    e.name = name;
    EXPECT_TRUE(e.escapes_archive()) << name;
  }
  for (const char* name : {"ml-1m/ratings.dat", "a/..b/c", "..ratings", "a/b../c", "ml-25m/"}) {
    ZipEntry e;
    e.name = name;
    EXPECT_FALSE(e.escapes_archive()) << name;
  }
}

// ---- the loader reads a zip like the folder it holds ---------------------

TEST(ZipLoading, AZipLoadsTheSameAsTheFolderItHolds) {
  const std::string dir = scratch("folder");
  for (const char* set : {"ml-1m", "ml-100k", "ml-latest-small", "lastfm-360k"}) {
    const std::string folder = kFixtures + "/formats/" + set;
    write_zip(dir + "/" + set + ".zip", testing::folder_entries(folder, kFixtures + "/formats"));
    const RawInteractions from_folder = load_folder(folder);
    const RawInteractions from_zip = load_files({dir + "/" + set + ".zip"});
    // The same but for the file names ("ml-1m.zip/ml-1m/ratings.dat").
    std::string zipped = testing::raw_summary(from_zip), plain = testing::raw_summary(from_folder);
    const std::string prefix = dir + "/" + set + ".zip/" + set + "/";
    for (size_t at; (at = zipped.find(prefix)) != std::string::npos;) zipped.erase(at, prefix.size());
    EXPECT_EQ(zipped, plain) << set;
    EXPECT_NE(testing::raw_summary(from_zip).find(prefix), std::string::npos);
  }
}

TEST(ZipLoading, HostileEntriesStopTheLoadWithTheirOwnMessage) {
  const std::string dir = scratch("loading");
  const std::string ratings = "1::1::5::978300760\n2::2::4::978300761\n";
  write_zip(dir + "/traversal.zip", {{"ml-1m/../../ratings.dat", ratings}});
  expect_zip_error(
      [&] { load_files({dir + "/traversal.zip"}); },
      {"traversal.zip: ml-1m/../../ratings.dat: the entry's name leads out of the archive's folder (path traversal)"});
  write_zip(dir + "/inner.zip", {{"ratings.dat", ratings}});
  write_zip(dir + "/nested.zip", {{"ml-1m/ml-1m.zip", testing::read_file_bytes(dir + "/inner.zip")}});
  expect_zip_error([&] { load_files({dir + "/nested.zip"}); },
                   {"nested.zip: ml-1m/ml-1m.zip: is a zip inside the zip"});
  write_zip(dir + "/secret.zip", {{"ml-1m/ratings.dat", ratings, true, false, "pw"}, {"ml-1m/README", "x"}});
  expect_zip_error([&] { load_files({dir + "/secret.zip"}); },
                   {"secret.zip: ml-1m/ratings.dat: the entry is encrypted"});
  // An encrypted file the data set does not need is only reported.
  write_zip(dir + "/needless.zip", {{"ml-1m/ratings.dat", ratings}, {"ml-1m/README", "x", true, false, "pw"}});
  EXPECT_EQ(load_files({dir + "/needless.zip"}).ratings.size(), 2u);
}

TEST(ZipLoading, InflatingOnAThreadOfItsOwnLoadsTheSameAndStopsCleanly) {
  const std::string dir = scratch("ahead");
  std::string ratings = "userId,movieId,rating,timestamp\n";
  for (int k = 0; ratings.size() < (9u << 20); ++k)  // three 4 MB chunks
    ratings += std::to_string(1 + k / 37) + "," + std::to_string(1 + (k * 7919LL) % 50000) + "," +
               std::to_string(1 + k % 5) + ".5," + std::to_string(1000000000 + k) + "\n";
  write_zip(dir + "/big.zip",
            {{"ml/ratings.csv", ratings}, {"ml/movies.csv", "movieId,title,genres\n1,A (1999),Drama\n"}});
  LoadOptions one, two;
  two.threads = 2;
  EXPECT_EQ(testing::raw_summary(load_files({dir + "/big.zip"}, two)),
            testing::raw_summary(load_files({dir + "/big.zip"}, one)));
  // A strict stop in the middle (the parser's error) and a bomb (the inflater's): no hang, the error comes through.
  std::string bad = ratings;
  bad.insert(bad.find('\n', bad.size() / 2) + 1, "1,2,nine,3\n");
  write_zip(dir + "/bad.zip", {{"ml/ratings.csv", bad}});
  two.strict = true;
  EXPECT_THROW(load_files({dir + "/bad.zip"}, two), ParseError);
  testing::write_newline_bomb(dir + "/bomb.zip", "ratings.dat", "1::1::5::978300760\n", 100u << 20, 1200000);
  expect_zip_error([&] { load_files({dir + "/bomb.zip"}, two); }, {"bomb.zip: ratings.dat: inflates "});
}

}  // namespace
}  // namespace als
