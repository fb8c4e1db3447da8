#include "support/raw_summary.h"

#include <sstream>

namespace als::testing {

std::string raw_summary(const RawInteractions& raw) {
  std::ostringstream out;
  out << std::hexfloat;  // values to the bit
  for (const Triplet& t : raw.ratings)
    out << t.row << ':' << raw.users.external_id(t.row) << ' ' << t.col << ':' << raw.items.external_id(t.col) << ' '
        << t.value << '\n';
  for (int32_t u = 0; u < raw.users.size(); ++u) out << "user " << raw.users.external_id(u) << '\n';
  for (int32_t i = 0; i < raw.items.size(); ++i)
    out << "item " << raw.items.external_id(i) << " [" << raw.item_titles[i] << "] [" << raw.item_genres[i] << "]\n";
  out << format_name(raw.ratings_format) << ' ' << raw.integer_values << raw.half_star_values << '\n';
  for (const FileReport& f : raw.report.files) {
    out << f.file << ' ' << format_name(f.kind.format) << ' ' << role_name(f.kind.role) << ' ' << f.kind.has_header
        << " [" << f.kind.description << "] bytes " << f.bytes << " lines " << f.lines << " records " << f.records
        << " skipped " << f.skipped << " malformed " << f.malformed << " latin1 " << f.latin1_lines << '\n';
    for (const ParseIssue& issue : f.examples)
      out << "  line " << issue.line << ": " << issue.reason << " | " << issue.excerpt << '\n';
  }
  for (const std::string& w : raw.report.warnings) out << "warning: " << w << '\n';
  return out.str();
}

}  // namespace als::testing
