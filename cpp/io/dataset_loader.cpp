#include "io/dataset_loader.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <unordered_set>
#include <vector>

#include "core/parallel.h"
#include "io/last_id_cache.h"
#include "io/line_splitter.h"
#include "io/rating_block_scanner.h"
#include "io/record_parser.h"

namespace als {
namespace {

// Bytes looked at to detect a file's format: a few hundred lines of any format.
constexpr size_t kDetectBytes = 16 * 1024;

bool is_readable(const FileKind& kind) {
  return (kind.role == FileRole::kRatings || kind.role == FileRole::kTitles) && kind.format != FileFormat::kUnknown &&
         kind.format != FileFormat::kIgnored;
}

// What a file that gave no ratings holds, without nesting brackets:
// "poster.png: looks like binary data (PNG image)", "movies.dat holds titles, not ratings".
std::string what_file_holds(const FileReport& file) {
  if (file.kind.role == FileRole::kTitles) return file.file + " holds titles, not ratings";
  if (file.kind.description.empty()) return file.file + ": " + role_name(file.kind.role);
  return file.file + ": " + file.kind.description;
}

}  // namespace

struct DatasetLoader::State {
  explicit State(LoadOptions opts) : options(opts), lines(opts.max_line_bytes) {}

  LoadOptions options;
  RawInteractions raw;
  LastIdCache last_user;  // in front of raw.users
  // The block scanner's counterpart of last_user: the last user id as a number.
  uint32_t last_user_number = ScannedRating::kOtherLine;
  int32_t last_user_index = -1;
  std::shared_ptr<ThreadPool> pool;                  // for scanning a block's parts, made when first needed
  std::vector<ScannedBlock> scanned;                 // one per part of the block being read
  std::string first_ratings_file;                    // the one that set raw.ratings_format
  std::vector<std::string> mixed_formats;            // "u.data (MovieLens 100K u.data)" when formats differ
  std::unordered_set<std::string> merged_spellings;  // "<item>\t<spelling>" of artist names merged

  // The file being read.
  bool open = false;
  bool kind_known = false;
  bool reading = false;  // a ratings or titles file whose lines are parsed
  FileReport report;
  std::string head;  // first bytes, kept until the format is known
  LineSplitter lines;
  std::unique_ptr<RecordParser> parser;
  ParsedLine parsed;
  char block_separator = 0;     // a MovieLens ratings file read by the block scanner
  uint64_t expected_bytes = 0;  // of the current file, when told (0: unknown)

  void begin(std::string name) {
    report = FileReport{};
    report.file = std::move(name);
    report.kind.description = "not detected yet";
    open = true;
    kind_known = false;
    reading = false;
    head.clear();
    lines = LineSplitter(options.max_line_bytes);
    parser.reset();
    block_separator = 0;
    expected_bytes = 0;
  }

  // Room for the ratings of a file of the expected size (lines estimated as
  // the memory check estimates them), made once the file is known to hold ratings.
  void reserve_for_expected() {
    if (expected_bytes == 0 || !reading || report.kind.role != FileRole::kRatings) return;
    constexpr uint64_t kMostBytes = uint64_t{4} << 30;  // a declared size is only a hint (a zip can lie)
    const double lines =
        static_cast<double>(std::min(expected_bytes, kMostBytes)) / typical_bytes_per_line(report.kind.format);
    raw.ratings.reserve(raw.ratings.size() + static_cast<size_t>(lines) + 1);
    expected_bytes = 0;
  }

  void set_kind(const FileKind& kind) {
    report.kind = kind;
    kind_known = true;
    reading = is_readable(kind);
    if (reading) parser = std::make_unique<RecordParser>(kind);
    block_separator = reading && options.block_scanner ? parser->movielens_separator() : 0;
    reserve_for_expected();
  }

  void process(const char* bytes, size_t size) {
    if (!reading) return;
    auto line = [this](std::string_view text, int64_t number, bool too_long) { on_line(text, number, too_long); };
    if (block_separator != 0)
      lines.feed_blocks(bytes, size, line,
                        [this](std::string_view block, int64_t first) { return on_block(block, first); });
    else
      lines.feed(bytes, size, line);
  }

  // A block of whole lines: scanned in parts (on several threads when it is
  // big enough), then merged in file order, so ids are numbered, duplicates
  // ordered and malformed lines reported exactly as line by line.
  int64_t on_block(std::string_view block, int64_t first_line) {
    BlockScanOptions scan;
    scan.separator = block_separator;
    scan.max_line_bytes = options.max_line_bytes;
    scan.first_line_is_other = !parser->seen_first_line();
    size_t parts = 1;
    const size_t min_part = std::max<size_t>(options.min_part_bytes, 1);
    if (options.threads != 1 && block.size() >= 2 * min_part) {
      if (!pool) pool = ThreadPool::for_job(options.threads);
      parts = std::min<size_t>(static_cast<size_t>(pool->size()), block.size() / min_part);
    }
    if (scanned.size() < parts) scanned.resize(parts);
    if (parts == 1) {
      scanned[0].clear();
      scan_rating_block(block, scan, scanned[0]);
    } else {
      // Parts end after a '\n' near their share of the block.
      std::vector<size_t> cut(parts + 1, block.size());
      cut[0] = 0;
      for (size_t t = 1; t < parts; ++t) {
        size_t at = std::max(cut[t - 1], block.size() * t / parts);
        const void* newline = at < block.size() ? std::memchr(block.data() + at, '\n', block.size() - at) : nullptr;
        cut[t] = newline ? static_cast<size_t>(static_cast<const char*>(newline) - block.data()) + 1 : block.size();
      }
      pool->parallel_for(static_cast<int64_t>(parts), [&](int64_t t) {
        BlockScanOptions part_scan = scan;
        part_scan.first_line_is_other = scan.first_line_is_other && t == 0;
        scanned[t].clear();
        scan_rating_block(block.substr(cut[t], cut[t + 1] - cut[t]), part_scan, scanned[t]);
        resolve_known_ids(scanned[t], raw.users, raw.items);  // read only: nothing is added meanwhile
      });
      // A first part of only blank or over-long lines: the file's first line is in a later part.
      for (size_t t = 1; t < parts && scanned[t - 1].first_line_pending; ++t) {
        BlockScanOptions part_scan = scan;
        scanned[t].clear();
        scan_rating_block(block.substr(cut[t], cut[t + 1] - cut[t]), part_scan, scanned[t]);
        resolve_known_ids(scanned[t], raw.users, raw.items);
      }
    }
    int64_t number = first_line;
    for (size_t t = 0; t < parts; ++t) merge_scanned(scanned[t], number);
    return number - first_line;
  }

  // No try block here: with WebAssembly's JS-based exceptions every call
  // inside one goes through a JavaScript trampoline. In strict mode (where
  // on_line may throw) the value flags are noted rating by rating instead, so
  // they never cover ratings after the line that stopped the file.
  void merge_scanned(const ScannedBlock& part, int64_t& number) {
    const bool strict = options.strict;
    int64_t added = 0;  // counted into the report in runs
    for (const ScannedRating& r : part.lines) {
      if (r.user == ScannedRating::kOtherLine) {
        report.lines += added;
        report.records += added;
        added = 0;
        bool too_long;
        const std::string_view text = lines.line_as_handed_out(part.other_lines[r.item], too_long);
        on_line(text, number++, too_long);
        continue;
      }
      ++number;
      // Ids resolved by the scanning threads carry their index; new ones are added here, in file order.
      if (r.user & ScannedRating::kIndexBit) {
        last_user_index = static_cast<int32_t>(r.user & ~ScannedRating::kIndexBit);
        last_user_number = ScannedRating::kOtherLine;
      } else if (r.user != last_user_number) {
        last_user_index = raw.users.intern_number(r.user);
        last_user_number = r.user;
      }
      const int32_t item = r.item & ScannedRating::kIndexBit ? static_cast<int32_t>(r.item & ~ScannedRating::kIndexBit)
                                                             : raw.items.intern_number(r.item);
      raw.ratings.push_back(Triplet{last_user_index, item, r.value});
      if (strict) note_value(r.value);
      ++added;
    }
    report.lines += added;
    report.records += added;
    if (!part.half_star_values) raw.half_star_values = false;
    if (!part.integer_values) raw.integer_values = false;
  }

  void note_value(float value) {
    if (raw.half_star_values && value * 2 != std::floor(value * 2)) raw.half_star_values = false;
    if (raw.integer_values && value != std::floor(value)) raw.integer_values = false;
  }

  void on_line(std::string_view text, int64_t number, bool too_long) {
    ++report.lines;
    if (too_long) {
      malformed(number, "line longer than " + std::to_string(options.max_line_bytes) + " bytes", text);
      return;
    }
    parser->parse(text, parsed);
    if (parsed.latin1) ++report.latin1_lines;
    switch (parsed.kind) {
      case ParsedLine::Kind::kRating:
        add_rating();
        break;
      case ParsedLine::Kind::kTitle:
        add_title();
        break;
      case ParsedLine::Kind::kSkipped:
        ++report.skipped;
        break;
      case ParsedLine::Kind::kMalformed:
        malformed(number, parsed.reason, text);
        break;
    }
  }

  void malformed(int64_t number, const std::string& reason, std::string_view text) {
    report.add_issue(number, reason, text);
    if (!options.strict) return;
    reading = false;  // the rest of this file is not read; end_file() and finish() still work
    throw ParseError(report.file, number, reason);
  }

  void add_rating() {
    int32_t user = last_user.intern(raw.users, parsed.user);
    int32_t item = raw.items.intern(parsed.item);
    float value = parsed.value;
    raw.ratings.push_back(Triplet{user, item, value});
    note_value(value);
    if (!parsed.title.empty()) {  // Last.fm artist
      set_title(item, parsed.title, std::string_view());
      if (parsed.item.substr(0, 5) == "name:" && raw.item_titles[item] != parsed.title) note_merged_name(item);
    }
    ++report.records;
  }

  // Another spelling of an artist without an MBID (see FileReport::merged_names),
  // counted once per spelling.
  void note_merged_name(int32_t item) {
    std::string key = std::to_string(item) + '\t';
    key.append(parsed.title);
    if (!merged_spellings.insert(std::move(key)).second) return;
    ++report.merged_names;
    if (report.merged_examples.size() < FileReport::kMaxExamples)
      report.merged_examples.push_back({std::string(parsed.title), raw.item_titles[item]});
  }

  void add_title() {
    int32_t item = raw.items.intern(parsed.item);
    set_title(item, parsed.title, parsed.genres);
    ++report.records;
  }

  // The first title seen for an item wins.
  void set_title(int32_t item, std::string_view title, std::string_view genres) {
    if (static_cast<size_t>(item) >= raw.item_titles.size()) raw.sync_item_columns();
    if (!raw.item_titles[item].empty()) return;
    raw.item_titles[item].assign(title);
    raw.item_genres[item].assign(genres);
  }

  void end() {
    if (!kind_known) {
      set_kind(detect_file_kind(report.file, head, true));
      process(head.data(), head.size());
    }
    if (reading) {
      lines.finish([this](std::string_view text, int64_t number, bool too_long) { on_line(text, number, too_long); });
    }
    head = std::string();
    parser.reset();
    open = false;
    note_ratings_format();
    raw.report.files.push_back(report);  // a copy: current_kind() stays valid
  }

  // The first ratings file that gave ratings sets the format; others that
  // differ are reported, since their ids get merged as if they were the same.
  void note_ratings_format() {
    if (report.kind.role != FileRole::kRatings || report.records == 0) return;
    FileFormat format = report.kind.format;
    if (raw.ratings_format == FileFormat::kUnknown) {
      raw.ratings_format = format;
      first_ratings_file = report.file;
    } else if (format != raw.ratings_format) {
      mixed_formats.push_back(report.file + " (" + format_name(format) + ")");
    }
  }

  std::string no_ratings_message() const {
    const std::vector<FileReport>& files = raw.report.files;
    if (files.empty()) return "no files were given";
    const FileReport* ratings_file = nullptr;
    for (const FileReport& file : files)
      if (file.kind.role == FileRole::kRatings) {
        ratings_file = &file;
        break;
      }
    if (ratings_file == nullptr) {
      std::string message = "no ratings file found";
      message += files.size() == 1 ? "; " : " among " + std::to_string(files.size()) + " files; ";
      for (size_t i = 0; i < files.size(); ++i) message += (i ? "; " : "") + what_file_holds(files[i]);
      return message;
    }
    std::string message = "no ratings could be read from " + ratings_file->file + ": ";
    if (ratings_file->malformed == 0) return message + "it has no data lines";
    message += std::to_string(ratings_file->malformed) + " malformed line" + (ratings_file->malformed == 1 ? "" : "s");
    const ParseIssue& first = ratings_file->examples.front();
    return message + ", the first at line " + std::to_string(first.line) + ": " + first.reason;
  }

  void add_warnings() {
    for (const FileReport& file : raw.report.files) {
      if (file.kind.role == FileRole::kIgnored)
        raw.report.warnings.push_back("ignored " + file.file + ": " + file.kind.description);
      else if (file.kind.role == FileRole::kUnknown)
        raw.report.warnings.push_back("could not use " + file.file + ": " + file.kind.description);
    }
    if (!mixed_formats.empty()) {
      std::string warning = "ratings files of different formats were combined: " + first_ratings_file + " (" +
                            format_name(raw.ratings_format) + ")";
      for (const std::string& other : mixed_formats) warning += ", " + other;
      raw.report.warnings.push_back(warning + "; their user and item ids are merged as if they were the same");
    }
  }
};

DatasetLoader::DatasetLoader(LoadOptions options) : state_(std::make_unique<State>(options)) {}
DatasetLoader::~DatasetLoader() = default;
DatasetLoader::DatasetLoader(DatasetLoader&&) noexcept = default;
DatasetLoader& DatasetLoader::operator=(DatasetLoader&&) noexcept = default;

void DatasetLoader::begin_file(std::string name) {
  if (state_->open) end_file();
  state_->begin(std::move(name));
  // Files of known data sets that are not needed are settled by name alone.
  std::optional<FileKind> named = kind_from_name(state_->report.file);
  if (named && named->role == FileRole::kIgnored) state_->set_kind(*named);
}

void DatasetLoader::begin_file(std::string name, const FileKind& forced_kind) {
  if (state_->open) end_file();
  state_->begin(std::move(name));
  state_->set_kind(forced_kind);
}

void DatasetLoader::expect_file_bytes(uint64_t bytes) {
  State& s = *state_;
  if (!s.open) throw std::logic_error("DatasetLoader::expect_file_bytes called without begin_file");
  s.expected_bytes = bytes;
  if (s.kind_known) s.reserve_for_expected();
}

void DatasetLoader::feed(const char* bytes, size_t size) {
  State& s = *state_;
  if (!s.open) throw std::logic_error("DatasetLoader::feed called without begin_file");
  if (size == 0) return;
  s.report.bytes += static_cast<int64_t>(size);
  if (!s.kind_known) {
    if (s.head.empty() && size >= kDetectBytes) {
      // Detect straight from the chunk: no copy for the common large chunk.
      s.set_kind(detect_file_kind(s.report.file, std::string_view(bytes, kDetectBytes), false));
    } else {
      size_t take = std::min(size, kDetectBytes - s.head.size());
      s.head.append(bytes, take);
      bytes += take;
      size -= take;
      if (s.head.size() < kDetectBytes) return;
      s.set_kind(detect_file_kind(s.report.file, s.head, false));
      s.process(s.head.data(), s.head.size());
      s.head = std::string();
    }
  }
  s.process(bytes, size);
}

const FileReport& DatasetLoader::end_file() {
  if (!state_->open) throw std::logic_error("DatasetLoader::end_file called without begin_file");
  state_->end();
  return state_->raw.report.files.back();
}

const FileKind& DatasetLoader::current_kind() const { return state_->report.kind; }

int64_t DatasetLoader::ratings_so_far() const { return static_cast<int64_t>(state_->raw.ratings.size()); }

RawInteractions DatasetLoader::finish() {
  State& s = *state_;
  if (s.open) s.end();
  if (s.raw.ratings.empty()) throw ParseError("", 0, s.no_ratings_message());
  s.add_warnings();
  s.raw.sync_item_columns();
  RawInteractions raw = std::move(s.raw);
  state_ = std::make_unique<State>(s.options);
  return raw;
}

}  // namespace als
