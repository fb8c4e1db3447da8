// The streaming loader on arbitrary bytes, with the format forced (every
// format, header or not, any separator) or detected from a name, cut into
// arbitrary chunks. Must never crash, its report must add up, and the block
// scanner (on one thread and on two) must load exactly what the line-by-line
// reference loads: same ratings, ids, titles, flags, report and errors.
//
// Input: [format] [flags] [chunk count] [chunk lengths ...] content
//   format % 11: 0-9 a forced kind (the 9 readable formats and kUnknown), 10: detected
//   flags: bit 0 header, bits 1-3 separator, bit 4 strict, bit 5 short lines,
//          bits 6-7 the file name when detected
//   chunk count % 8 chunks of the given lengths, then the rest in one chunk.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "fuzz_support.h"
#include "io/dataset_loader.h"
#include "io/text_encoding.h"

namespace {

using als::FileFormat;
using als::FileRole;

constexpr FileFormat kFormats[] = {FileFormat::kMovieLensDatRatings, FileFormat::kMovieLensDatMovies,
                                   FileFormat::kMovieLens100kData,   FileFormat::kMovieLens100kItem,
                                   FileFormat::kMovieLensCsvRatings, FileFormat::kMovieLensCsvMovies,
                                   FileFormat::kLastFmPlays,         FileFormat::kGenericRatings,
                                   FileFormat::kGenericTitles,       FileFormat::kUnknown};
constexpr const char* kNames[] = {"ratings.dat", "movies.csv", "data.tsv", "usersha1-artmbid-artname-plays.tsv"};
constexpr char kSeparators[] = {'\t', ',', ';', ':', '|', ' ', '\0', '"'};

FileRole role_of(FileFormat format) {
  switch (format) {
    case FileFormat::kMovieLensDatMovies:
    case FileFormat::kMovieLens100kItem:
    case FileFormat::kMovieLensCsvMovies:
    case FileFormat::kGenericTitles:
      return FileRole::kTitles;
    case FileFormat::kUnknown:
      return FileRole::kUnknown;
    default:
      return FileRole::kRatings;
  }
}

void check_report(const als::FileReport& report) {
  als::fuzz::require(report.lines == report.records + report.skipped + report.malformed,
                     "lines == records + skipped + malformed");
  als::fuzz::require(report.examples.size() <= als::FileReport::kMaxExamples, "at most kMaxExamples examples");
  for (const als::ParseIssue& issue : report.examples)
    als::fuzz::require(als::is_valid_utf8(issue.excerpt) && als::is_valid_utf8(issue.reason),
                       "malformed-line excerpts and reasons are UTF-8");
}

// Everything a load produced, to compare the fast path with the reference.
std::string outcome_of(als::DatasetLoader& loader, const std::string& error) {
  std::string out = error + "\n";
  try {
    const als::RawInteractions raw = loader.finish();
    for (const als::Triplet& t : raw.ratings) {
      uint32_t bits;
      std::memcpy(&bits, &t.value, sizeof bits);
      out += std::to_string(t.row) + ' ' + std::to_string(t.col) + ' ' + std::to_string(bits) + '\n';
    }
    for (const std::string& id : raw.users.external_ids()) out += "u " + id + '\n';
    for (int32_t i = 0; i < raw.items.size(); ++i)
      out += "i " + raw.items.external_id(i) + ' ' + raw.item_titles[i] + ' ' + raw.item_genres[i] + '\n';
    out += std::to_string(raw.integer_values) + std::to_string(raw.half_star_values) + '\n';
    for (const als::FileReport& f : raw.report.files) {
      out += std::to_string(f.lines) + ' ' + std::to_string(f.records) + ' ' + std::to_string(f.skipped) + ' ' +
             std::to_string(f.malformed) + ' ' + std::to_string(f.latin1_lines) + ' ' + std::to_string(f.bytes) + '\n';
      for (const als::ParseIssue& issue : f.examples)
        out += std::to_string(issue.line) + issue.reason + issue.excerpt + '\n';
    }
  } catch (const als::ParseError& e) {
    out += std::string("finish: ") + e.what();
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  als::fuzz::InputBytes input(data, size);
  const uint8_t format_byte = input.take();
  const uint8_t flags = input.take();
  std::vector<size_t> chunks(input.take() % 8);
  for (size_t& length : chunks) length = input.take();
  const std::string_view content = input.rest();

  als::LoadOptions options;
  options.strict = flags & 0x10;
  if (flags & 0x20) options.max_line_bytes = 8 + content.size() % 64;
  // Reads the content as the input says, with the given scanner and threads;
  // returns the strict-mode error, if any.
  auto read_into = [&](als::DatasetLoader& loader) -> std::string {
    try {
      if (format_byte % 11 == 10) {
        loader.begin_file(kNames[flags >> 6]);
      } else {
        als::FileKind kind;
        kind.format = kFormats[format_byte % 11];
        kind.role = role_of(kind.format);
        kind.has_header = flags & 1;
        kind.separator = kSeparators[(flags >> 1) & 7];
        loader.begin_file("fuzz", kind);
      }
      size_t at = 0;
      for (size_t length : chunks) {
        length = std::min(length, content.size() - at);
        loader.feed(content.data() + at, length);
        at += length;
      }
      loader.feed(content.data() + at, content.size() - at);
      check_report(loader.end_file());
    } catch (const als::ParseError& e) {
      // strict: the first malformed line stops the file; finish() still works
      als::fuzz::require(options.strict, "only strict loading throws while reading");
      return e.what();
    }
    return "";
  };

  {
    als::LoadOptions reference_options = options;
    reference_options.block_scanner = false;
    als::DatasetLoader reference(reference_options);
    const std::string expected = outcome_of(reference, read_into(reference));
    for (int threads : {1, 2}) {
      als::LoadOptions fast_options = options;
      fast_options.threads = threads;
      fast_options.min_part_bytes = 8;  // cut even tiny blocks into parts
      als::DatasetLoader fast(fast_options);
      const std::string got = outcome_of(fast, read_into(fast));
      als::fuzz::require(got == expected, "the block scanner loads what the line-by-line reference loads");
    }
  }

  als::DatasetLoader loader(options);
  read_into(loader);

  try {
    const als::RawInteractions raw = loader.finish();
    als::fuzz::require(!raw.ratings.empty(), "finish() hands over ratings");
    als::fuzz::require(raw.item_titles.size() == static_cast<size_t>(raw.items.size()), "a title slot per item");
    for (const als::Triplet& t : raw.ratings)
      als::fuzz::require(
          t.row >= 0 && t.row < raw.users.size() && t.col >= 0 && t.col < raw.items.size() && std::isfinite(t.value),
          "ratings index the id maps and are finite");
    const als::Dataset data = als::prepare_dataset(raw, als::default_prepare_options(raw.ratings_format));
    als::fuzz::require(data.user_items.nnz() == data.item_users.nnz(), "the transpose has every rating");
    als::fuzz::require(
        data.stats.kept_ratings + data.stats.below_threshold + data.stats.duplicates_merged == data.stats.raw_ratings,
        "kept + below threshold + duplicates == raw");
  } catch (const als::ParseError&) {
    // nothing usable was read: a message, not a crash
  }
  return 0;
}
