#include "io/content_sniffer.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include "io/field_scanner.h"

namespace als {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

std::string_view strip_bom(std::string_view head) { return starts_with(head, "\xEF\xBB\xBF") ? head.substr(3) : head; }

}  // namespace

std::vector<std::string_view> sample_lines(std::string_view head, bool head_is_whole_file, size_t max_lines) {
  std::vector<std::string_view> lines;
  head = strip_bom(head);
  size_t start = 0;
  while (start < head.size() && lines.size() < max_lines) {
    size_t newline = head.find('\n', start);
    bool complete = newline != std::string_view::npos;
    if (!complete && !head_is_whole_file && !lines.empty()) break;  // cut line
    std::string_view line = head.substr(start, complete ? newline - start : std::string_view::npos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!is_blank(line)) lines.push_back(line);
    if (!complete) break;
    start = newline + 1;
  }
  return lines;
}

const char* binary_signature(std::string_view head) {
  struct Signature {
    std::string_view magic;
    const char* name;
  };
  static const Signature kSignatures[] = {
      {std::string_view("\x89PNG", 4), "PNG image"},
      {std::string_view("\xFF\xD8\xFF", 3), "JPEG image"},
      {"GIF8", "GIF image"},
      {std::string_view("PK\x03\x04", 4), "ZIP archive: unzip it and add the files inside"},
      {std::string_view("PK\x05\x06", 4), "empty ZIP archive"},
      {std::string_view("\x1F\x8B", 2), "gzip archive: decompress it first"},
      {"BZh", "bzip2 archive: decompress it first"},
      {std::string_view("\xFD"
                        "7zXZ\0",
                        6),
       "xz archive: decompress it first"},
      {std::string_view("7z\xBC\xAF\x27\x1C", 6), "7-Zip archive: extract it first"},
      {"Rar!", "RAR archive: extract it first"},
      {"%PDF", "PDF document"},
      {std::string_view("\xD0\xCF\x11\xE0", 4), "Microsoft Office document: save it as CSV"},
      {std::string_view("SQLite format 3\0", 16), "SQLite database"},
      {"PAR1", "Parquet file"},
      {std::string_view("\x7F"
                        "ELF",
                        4),
       "executable"},
      {"MZ", "Windows executable"},
      {std::string_view("II*\0", 4), "TIFF image"},
      {std::string_view("MM\0*", 4), "TIFF image"},
      {"OggS", "Ogg media"},
      {"ID3", "MP3 audio"},
  };
  for (const Signature& s : kSignatures)
    if (starts_with(head, s.magic)) return s.name;
  if (starts_with(head, "RIFF") && head.size() >= 12) {
    std::string_view type = head.substr(8, 4);
    if (type == "WEBP") return "WebP image";
    if (type == "WAVE") return "WAV audio";
    if (type == "AVI ") return "AVI video";
  }
  if (head.size() >= 12 && head.substr(4, 4) == "ftyp") return "MP4/QuickTime media";
  return nullptr;
}

bool looks_binary(std::string_view head, bool any_nul_is_binary) {
  if (any_nul_is_binary && std::memchr(head.data(), '\0', head.size()) != nullptr) return true;
  size_t control = 0;
  for (char ch : head) {
    auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) ++control;
  }
  return control * 20 > head.size();  // more than 5%
}

bool is_utf16(std::string_view head) { return starts_with(head, "\xFF\xFE") || starts_with(head, "\xFE\xFF"); }

size_t sample_fields(std::string_view line, char separator, std::string_view* fields, size_t max_fields,
                     std::string& scratch) {
  return split_quoted(line, separator, fields, max_fields, scratch).count;
}

char detect_separator(const std::vector<std::string_view>& lines) {
  if (lines.empty()) return 0;
  // For each candidate: the first line's field count, and how many lines share it.
  const char candidates[] = {'\t', ',', ';'};
  size_t first_count[3], agreeing[3];
  std::string scratch;
  for (int c = 0; c < 3; ++c) {
    first_count[c] = sample_fields(lines[0], candidates[c], nullptr, 0, scratch);
    agreeing[c] = 0;
    for (std::string_view line : lines)
      if (sample_fields(line, candidates[c], nullptr, 0, scratch) == first_count[c]) ++agreeing[c];
  }
  // Usable: at least two fields, and most lines agree (a few may be malformed).
  auto usable = [&](int c) { return first_count[c] >= 2 && agreeing[c] * 2 > lines.size(); };
  if (usable(0)) return '\t';  // tabs hardly ever occur inside values
  if (usable(1) && usable(2)) {
    if (agreeing[1] != agreeing[2]) return agreeing[1] > agreeing[2] ? ',' : ';';
    return first_count[2] > first_count[1] ? ';' : ',';
  }
  if (usable(1)) return ',';
  if (usable(2)) return ';';
  return 0;
}

bool looks_like_column_name(std::string_view field) {
  field = trim_spaces(field);
  if (!field.empty() && field.front() == '"') field.remove_prefix(1);
  if (!field.empty() && field.back() == '"') field.remove_suffix(1);
  std::string key;
  for (char c : field) {
    if (c >= 'A' && c <= 'Z')
      key.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      key.push_back(c);
    if (key.size() > 24) return false;
  }
  static const char* const kNames[] = {
      "user",       "userid",     "users",    "usersha1", "uid",    "customer", "customerid", "item",      "itemid",
      "items",      "iid",        "movie",    "movieid",  "movies", "product",  "productid",  "artist",    "artistid",
      "artistmbid", "artistname", "track",    "trackid",  "song",   "songid",   "book",       "bookid",    "isbn",
      "id",         "rating",     "ratings",  "score",    "value",  "stars",    "plays",      "playcount", "count",
      "weight",     "timestamp",  "time",     "date",     "title",  "name",     "genres",     "genre",     "label",
      "moviename",  "movietitle", "itemname", "itemtitle"};
  for (const char* name : kNames)
    if (key == name) return true;
  return false;
}

bool is_number(std::string_view text) {
  double value;
  return parse_number(trim_spaces(text), value) == NumberStatus::kOk;
}

}  // namespace als
