#include "io/record_parser.h"

#include <cmath>

#include "io/content_sniffer.h"
#include "io/field_scanner.h"
#include "io/text_encoding.h"
#include "io/title_key.h"

namespace als {
namespace {

constexpr double kMinStars = 0.5, kMaxStars = 5.0;
constexpr double kMaxPlays = 1e9;
constexpr double kMaxGenericValue = 1e9;
constexpr std::string_view kNoGenres = "(no genres listed)";

// u.item's 19 genre flags, in file order.
constexpr const char* k100kGenres[19] = {"unknown",   "Action",   "Adventure",   "Animation", "Children's",
                                         "Comedy",    "Crime",    "Documentary", "Drama",     "Fantasy",
                                         "Film-Noir", "Horror",   "Musical",     "Mystery",   "Romance",
                                         "Sci-Fi",    "Thriller", "War",         "Western"};

bool fail(ParsedLine& out, std::string reason) {
  out.kind = ParsedLine::Kind::kMalformed;
  out.reason = std::move(reason);
  return false;
}

std::string quoted(std::string_view field) { return "'" + printable_excerpt(field, 24) + "'"; }

// "expected 4 fields separated by '::', found 1 (the line seems to use tab)"
std::string field_count_reason(const char* expected, char separator, size_t found, std::string_view line) {
  std::string reason = std::string("expected ") + expected + " fields separated by " + separator_name(separator) +
                       ", found " + std::to_string(found);
  if (found == 1) {
    const char* used = nullptr;
    if (separator != ':' && line.find("::") != std::string_view::npos)
      used = "'::'";
    else if (separator != '\t' && line.find('\t') != std::string_view::npos)
      used = "tab";
    else if (separator != ';' && line.find(';') != std::string_view::npos)
      used = "';'";
    else if (separator != ',' && line.find(',') != std::string_view::npos)
      used = "','";
    else if (separator != '|' && line.find('|') != std::string_view::npos)
      used = "'|'";
    if (used != nullptr) reason += std::string(" (the line seems to use ") + used + ")";
  }
  return reason;
}

bool check_id(std::string_view id, const char* what, bool digits_only, ParsedLine& out) {
  if (id.empty()) return fail(out, std::string(what) + " is empty");
  if (digits_only && !is_digits(id)) return fail(out, std::string(what) + " " + quoted(id) + " is not a number");
  return true;
}

// Parses `text` as a number named `what`; says what is wrong when it is not one.
bool read_number(std::string_view text, const char* what, double& value, ParsedLine& out) {
  switch (parse_number(text, value)) {
    case NumberStatus::kOk:
      return true;
    case NumberStatus::kEmpty:
      return fail(out, std::string(what) + " is empty");
    case NumberStatus::kNotFinite:
      return fail(out, std::string(what) + " " + quoted(text) + " is not a finite number");
    case NumberStatus::kNotNumber:
      break;
  }
  return fail(out, std::string(what) + " " + quoted(text) + " is not a number");
}

std::string_view movielens_genres(std::string_view genres) {
  genres = trim_spaces(genres);
  return genres == kNoGenres ? std::string_view() : genres;
}

// user, movie, rating (0.5..5) and timestamp of the three MovieLens rating layouts.
bool check_movielens_rating(const std::string_view* f, ParsedLine& out) {
  if (!check_id(f[0], "user id", true, out) || !check_id(f[1], "movie id", true, out)) return false;
  double value;
  if (!read_number(f[2], "rating", value, out)) return false;
  if (value < kMinStars || value > kMaxStars)
    return fail(out, "rating " + printable_excerpt(f[2], 24) + " outside 0.5..5");
  if (f[3].empty()) return fail(out, "timestamp is empty");
  if (!is_digits(f[3])) return fail(out, "timestamp " + quoted(f[3]) + " is not a whole number");
  out.kind = ParsedLine::Kind::kRating;
  out.user = f[0];
  out.item = f[1];
  out.value = static_cast<float>(value);
  return true;
}

// One pass over "user SEP item SEP rating SEP timestamp" with digit ids and
// timestamp and a plain decimal rating within 0.5..5: the shape of nearly
// every MovieLens line. It accepts a subset of what the checked path accepts,
// with the same values; anything else goes to the checked path, which also
// says what is wrong.
inline bool scan_movielens_rating(std::string_view line, char separator, ParsedLine& out) {
  const char* p = line.data();
  const char* end = p + line.size();
  auto digits = [&](std::string_view& field) {
    const char* start = p;
    while (p < end && static_cast<unsigned>(*p - '0') < 10) ++p;
    field = std::string_view(start, static_cast<size_t>(p - start));
    return p > start;
  };
  auto skip_separator = [&]() {
    if (p >= end || *p != separator) return false;
    ++p;
    if (separator != ':') return true;
    if (p >= end || *p != ':') return false;
    ++p;
    return true;
  };
  std::string_view user, item, timestamp;
  if (!digits(user) || !skip_separator() || !digits(item) || !skip_separator()) return false;
  const char* rating_start = p;
  uint32_t mantissa = 0;
  int fraction_digits = 0;
  while (p < end && static_cast<unsigned>(*p - '0') < 10) mantissa = mantissa * 10 + static_cast<unsigned>(*p++ - '0');
  if (p < end && *p == '.') {
    for (++p; p < end && static_cast<unsigned>(*p - '0') < 10; ++fraction_digits)
      mantissa = mantissa * 10 + static_cast<unsigned>(*p++ - '0');
  }
  if (p - rating_start > 9 || p == rating_start) return false;  // no overflow, same value as parse_number
  if (!skip_separator() || !digits(timestamp) || p != end) return false;
  double value = static_cast<double>(mantissa) / detail::kPowersOfTen[fraction_digits];
  if (!(value >= kMinStars && value <= kMaxStars)) return false;
  out.kind = ParsedLine::Kind::kRating;
  out.user = user;
  out.item = item;
  out.value = static_cast<float>(value);
  return true;
}

char movielens_rating_separator(FileFormat format) {
  switch (format) {
    case FileFormat::kMovieLensDatRatings:
      return ':';
    case FileFormat::kMovieLens100kData:
      return '\t';
    case FileFormat::kMovieLensCsvRatings:
      return ',';
    default:
      return 0;
  }
}

}  // namespace

RecordParser::RecordParser(const FileKind& kind)
    : kind_(kind), rating_separator_(movielens_rating_separator(kind.format)) {}

void RecordParser::parse(std::string_view line, ParsedLine& out) {
  out.latin1 = false;
  out.title = out.genres = std::string_view();  // only some formats set them
  if (rating_separator_ != 0 && seen_first_line_ && scan_movielens_rating(line, rating_separator_, out)) return;
  if (is_blank(line)) {
    out.kind = ParsedLine::Kind::kSkipped;
    return;
  }
  if (!seen_first_line_) {
    // The first line is the header when detection said so, or when it fails
    // to parse and reads like column names (a forced kind, an odd header).
    seen_first_line_ = true;
    if (kind_.has_header || (!parse_record(line, out) && looks_like_header(line))) {
      header_.assign(line);
      out.kind = ParsedLine::Kind::kSkipped;
    }
    return;
  }
  if (!parse_record(line, out) && looks_like_header(line)) out.reason = "header line in the middle of the file";
}

bool RecordParser::parse_record(std::string_view line, ParsedLine& out) {
  switch (kind_.format) {
    case FileFormat::kMovieLensDatRatings:
    case FileFormat::kMovieLens100kData:
    case FileFormat::kMovieLensCsvRatings:
      return parse_movielens_rating(line, out);
    case FileFormat::kMovieLensDatMovies:
      return parse_movielens_dat_movie(line, out);
    case FileFormat::kMovieLens100kItem:
      return parse_movielens_100k_item(line, out);
    case FileFormat::kMovieLensCsvMovies:
      return parse_movielens_csv_movie(line, out);
    case FileFormat::kLastFmPlays:
      return parse_lastfm_plays(line, out);
    case FileFormat::kGenericRatings:
      return parse_generic_rating(line, out);
    case FileFormat::kGenericTitles:
      return parse_generic_title(line, out);
    case FileFormat::kUnknown:
    case FileFormat::kIgnored:
      break;
  }
  return fail(out, "this file is not read");
}

std::string_view RecordParser::to_utf8(std::string_view line, ParsedLine& out) {
  return as_utf8(line, utf8_, out.latin1);
}

// The three MovieLens rating layouts differ only in their separator. Ids and
// numbers are ASCII, so these lines need no UTF-8 check.
bool RecordParser::parse_movielens_rating(std::string_view line, ParsedLine& out) {
  std::string_view f[4];
  char separator = rating_separator_;
  size_t count = separator == ':' ? split_on_double_colon(line, f, 4) : split_on_char(line, separator, f, 4);
  if (count != 4) return fail(out, field_count_reason("4", separator, count, line));
  return check_movielens_rating(f, out);
}

// MovieID::Title::Genres. The title is what lies between the first and the
// last "::", so a title ending in ':' ("Foo:::Comedy") still splits right.
bool RecordParser::parse_movielens_dat_movie(std::string_view line, ParsedLine& out) {
  line = to_utf8(line, out);
  size_t first = line.find("::");
  size_t last = line.rfind("::");
  size_t count = first == std::string_view::npos ? 1 : first == last ? 2 : 3;
  std::string_view title;
  if (count == 3) {
    title = line.substr(first + 2, last - first - 2);
    if (title.find("::") != std::string_view::npos) count = 4;
  }
  if (count != 3) return fail(out, field_count_reason("3", ':', count, line));
  std::string_view id = line.substr(0, first);
  if (!check_id(id, "movie id", true, out)) return false;
  title = trim_spaces(title);
  if (title.empty()) return fail(out, "title is empty");
  out.kind = ParsedLine::Kind::kTitle;
  out.item = id;
  out.title = title;
  out.genres = movielens_genres(line.substr(last + 2));
  return true;
}

// id|title|release date|video release date|IMDb URL|19 genre flags.
bool RecordParser::parse_movielens_100k_item(std::string_view line, ParsedLine& out) {
  line = to_utf8(line, out);
  std::string_view f[24];
  size_t count = split_on_char(line, '|', f, 24);
  if (count != 24) return fail(out, field_count_reason("24", '|', count, line));
  if (!check_id(f[0], "movie id", true, out)) return false;
  std::string_view title = trim_spaces(f[1]);
  if (title.empty()) return fail(out, "title is empty");
  genres_.clear();
  for (int g = 0; g < 19; ++g) {
    std::string_view flag = f[5 + g];
    if (flag != "0" && flag != "1")
      return fail(out, std::string("genre flag ") + k100kGenres[g] + " " + quoted(flag) + " is not 0 or 1");
    if (flag == "1" && g > 0) {  // "unknown" is no genre
      if (!genres_.empty()) genres_.push_back('|');
      genres_.append(k100kGenres[g]);
    }
  }
  out.kind = ParsedLine::Kind::kTitle;
  out.item = f[0];
  out.title = title;
  out.genres = genres_;
  return true;
}

// movieId,title,genres with RFC 4180 quoting: "American President, The (1995)".
bool RecordParser::parse_movielens_csv_movie(std::string_view line, ParsedLine& out) {
  line = to_utf8(line, out);
  std::string_view f[3];
  QuotedSplit split = split_quoted(line, ',', f, 3, unescaped_);
  if (split.error != nullptr)
    return fail(out, std::string(split.error) + " in field " + std::to_string(split.error_field));
  if (split.count != 3) {
    std::string reason = field_count_reason("3", ',', split.count, line);
    if (split.count > 3) reason += " (a title with commas must be in quotes)";
    return fail(out, reason);
  }
  if (!check_id(f[0], "movie id", true, out)) return false;
  std::string_view title = trim_spaces(f[1]);
  if (title.empty()) return fail(out, "title is empty");
  out.kind = ParsedLine::Kind::kTitle;
  out.item = f[0];
  out.title = title;
  out.genres = movielens_genres(f[2]);
  return true;
}

// user-sha1 \t artist-mbid \t artist-name \t plays. Artists are keyed by mbid,
// or by "name:<artist>" when the mbid is empty, the name folded (case and
// spacing) so that "Die Ärzte" and "die  ärzte" are one artist.
bool RecordParser::parse_lastfm_plays(std::string_view line, ParsedLine& out) {
  line = to_utf8(line, out);
  std::string_view f[4];
  size_t count = split_on_char(line, '\t', f, 4);
  if (count != 4) return fail(out, field_count_reason("4", '\t', count, line));
  if (!check_id(f[0], "user id", false, out)) return false;
  std::string_view mbid = trim_spaces(f[1]), name = trim_spaces(f[2]);
  if (mbid.empty() && name.empty()) return fail(out, "artist has neither an id nor a name");
  int64_t digits = 0;
  double plays = 0;
  if (parse_digits(f[3], digits)) {
    plays = static_cast<double>(digits);
  } else {
    if (!read_number(f[3], "plays", plays, out)) return false;
    if (plays != std::floor(plays)) return fail(out, "plays " + quoted(f[3]) + " is not a whole number");
  }
  if (plays < 0 || plays > kMaxPlays)
    return fail(out, "plays " + printable_excerpt(f[3], 24) + " outside 0..1000000000");
  if (mbid.empty()) {
    key_.assign("name:");
    key_.append(fold_name(name));
  }
  out.kind = ParsedLine::Kind::kRating;
  out.user = f[0];
  out.item = mbid.empty() ? std::string_view(key_) : mbid;
  out.value = static_cast<float>(plays);
  out.title = name;
  return true;
}

// user,item,value and more columns, which are ignored. Semicolon files may
// write decimals with a comma ("3,5"), as spreadsheets in many locales do.
bool RecordParser::parse_generic_rating(std::string_view line, ParsedLine& out) {
  line = to_utf8(line, out);
  std::string_view f[3];
  QuotedSplit split = split_quoted(line, kind_.separator, f, 3, unescaped_);
  if (split.error != nullptr)
    return fail(out, std::string(split.error) + " in field " + std::to_string(split.error_field));
  if (split.count < 3) return fail(out, field_count_reason("at least 3", kind_.separator, split.count, line));
  std::string_view user = trim_spaces(f[0]), item = trim_spaces(f[1]), text = trim_spaces(f[2]);
  if (user.empty() || item.empty()) return fail(out, user.empty() ? "user id is empty" : "item id is empty");
  double value;
  if (parse_number(text, value) != NumberStatus::kOk) {
    if (kind_.separator == ';' && text.find(',') != std::string_view::npos &&
        text.find('.') == std::string_view::npos) {
      number_.assign(text);
      number_[number_.find(',')] = '.';
      text = number_;
    }
    if (!read_number(text, "value", value, out)) return false;
  }
  if (std::fabs(value) > kMaxGenericValue)
    return fail(out, "value " + printable_excerpt(f[2], 24) + " outside -1e9..1e9");
  out.kind = ParsedLine::Kind::kRating;
  out.user = user;
  out.item = item;
  out.value = static_cast<float>(value);
  return true;
}

// item,title[,genres]; more columns are ignored.
bool RecordParser::parse_generic_title(std::string_view line, ParsedLine& out) {
  line = to_utf8(line, out);
  std::string_view f[3];
  QuotedSplit split = split_quoted(line, kind_.separator, f, 3, unescaped_);
  if (split.error != nullptr)
    return fail(out, std::string(split.error) + " in field " + std::to_string(split.error_field));
  if (split.count < 2) return fail(out, field_count_reason("at least 2", kind_.separator, split.count, line));
  std::string_view item = trim_spaces(f[0]), title = trim_spaces(f[1]);
  if (!check_id(item, "item id", false, out)) return false;
  if (title.empty()) return fail(out, "title is empty");
  out.kind = ParsedLine::Kind::kTitle;
  out.item = item;
  out.title = title;
  out.genres = split.count >= 3 ? movielens_genres(f[2]) : std::string_view();
  return true;
}

// The file's own header again, or a line made only of column names.
bool RecordParser::looks_like_header(std::string_view line) {
  if (!header_.empty() && line == header_) return true;
  std::string_view f[32];
  std::string scratch;
  size_t count = kind_.separator == ':' ? split_on_double_colon(line, f, 32)
                                        : split_quoted(line, kind_.separator, f, 32, scratch).count;
  if (count < 2 || count > 32) return false;
  for (size_t i = 0; i < count; ++i)
    if (!looks_like_column_name(f[i])) return false;
  return true;
}

}  // namespace als
