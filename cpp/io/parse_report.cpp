#include "io/parse_report.h"

#include "io/text_encoding.h"

namespace als {

void FileReport::add_issue(int64_t line, std::string reason, std::string_view text) {
  ++malformed;
  if (examples.size() >= kMaxExamples) return;
  examples.push_back(ParseIssue{line, std::move(reason), printable_excerpt(text, 80)});
}

int64_t LoadReport::malformed() const {
  int64_t total = 0;
  for (const FileReport& file : files) total += file.malformed;
  return total;
}

namespace {

std::string parse_error_message(const std::string& file, int64_t line, const std::string& reason) {
  if (file.empty()) return reason;
  if (line <= 0) return file + ": " + reason;
  return file + ":" + std::to_string(line) + ": " + reason;
}

}  // namespace

ParseError::ParseError(std::string file, int64_t line, std::string reason)
    : std::runtime_error(parse_error_message(file, line, reason)),
      file_(std::move(file)),
      line_(line),
      reason_(std::move(reason)) {}

}  // namespace als
