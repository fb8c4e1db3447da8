// Format detection on arbitrary names and first bytes: never crashes, and
// the kind it returns is one the loader can act on (readable formats have
// the matching role, and their parser accepts the head line by line).
//
// Input: [flags] [name length] name head
//   flags: bit 0 the head is the whole file
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "io/file_format.h"
#include "io/record_parser.h"
#include "io/text_encoding.h"

namespace {

using als::FileFormat;
using als::FileRole;

FileRole expected_role(FileFormat format) {
  switch (format) {
    case FileFormat::kUnknown:
      return FileRole::kUnknown;
    case FileFormat::kIgnored:
      return FileRole::kIgnored;
    case FileFormat::kMovieLensDatMovies:
    case FileFormat::kMovieLens100kItem:
    case FileFormat::kMovieLensCsvMovies:
    case FileFormat::kGenericTitles:
      return FileRole::kTitles;
    default:
      return FileRole::kRatings;
  }
}

void check_kind(const als::FileKind& kind) {
  als::fuzz::require(kind.role == expected_role(kind.format), "the role matches the format");
  als::fuzz::require(!kind.description.empty() && als::is_valid_utf8(kind.description), "a kind is described in UTF-8");
  als::fuzz::require(als::format_name(kind.format) != nullptr && als::role_name(kind.role) != nullptr, "named");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  als::fuzz::InputBytes input(data, size);
  const bool whole_file = input.take() & 1;
  const std::string_view name = input.take_bytes(input.take() % 96);
  const std::string_view head = input.rest();

  const als::FileKind kind = als::detect_file_kind(name, head, whole_file);
  check_kind(kind);
  if (const auto named = als::kind_from_name(name)) check_kind(*named);
  const std::string_view base = als::file_base_name(name);
  als::fuzz::require(base.size() <= name.size(), "the base name is part of the name");
  (void)als::describe_data_set(kind.format);

  // What detection chose, the parser must be able to read.
  if (kind.role == FileRole::kRatings || kind.role == FileRole::kTitles) {
    als::RecordParser parser(kind);
    als::ParsedLine parsed;
    size_t start = 0;
    while (start < head.size()) {
      size_t end = head.find('\n', start);
      if (end == std::string_view::npos) end = head.size();
      parser.parse(head.substr(start, end - start), parsed);
      if (parsed.kind == als::ParsedLine::Kind::kMalformed)
        als::fuzz::require(!parsed.reason.empty(), "a malformed line says why");
      if (parsed.kind == als::ParsedLine::Kind::kRating) als::fuzz::require_finite(parsed.value, "a rating");
      start = end + 1;
    }
  }
  return 0;
}
