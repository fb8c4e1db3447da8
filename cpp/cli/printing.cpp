#include "cli/printing.h"

#include <cmath>
#include <cstdio>

namespace als::cli {

std::string with_thousands(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) out += ',';
    out += digits[k];
  }
  return n < 0 ? "-" + out : out;
}

// On stderr: stdout carries the results (CSV with --all).
void print_load_report(const LoadReport& report) {
  for (const FileReport& f : report.files) {
    std::fprintf(stderr, "  %-40s %-10s %s lines, %s records", f.file.c_str(), role_name(f.kind.role),
                 with_thousands(f.lines).c_str(), with_thousands(f.records).c_str());
    if (f.malformed > 0) std::fprintf(stderr, ", %s malformed", with_thousands(f.malformed).c_str());
    std::fprintf(stderr, "\n");
    if (f.kind.role == FileRole::kIgnored || f.kind.role == FileRole::kUnknown)
      std::fprintf(stderr, "      %s\n", f.kind.description.c_str());
    for (const ParseIssue& issue : f.examples)
      std::fprintf(stderr, "      line %lld: %s: %s\n", static_cast<long long>(issue.line), issue.reason.c_str(),
                   issue.excerpt.c_str());
  }
  for (const std::string& w : report.warnings) std::fprintf(stderr, "  warning: %s\n", w.c_str());
}

void print_stats(const Dataset& data, int top) {
  const DatasetStats& s = data.stats;
  std::printf("data set: %s\n", describe_data_set(data.format).c_str());
  std::printf("ratings read:      %s (%s users, %s items)\n", with_thousands(s.raw_ratings).c_str(),
              with_thousands(s.raw_users).c_str(), with_thousands(s.raw_items).c_str());
  if (s.duplicates_merged > 0) std::printf("duplicates merged: %s\n", with_thousands(s.duplicates_merged).c_str());
  if (data.options.use_threshold)
    std::printf("kept (rating >= %g): %s of %s = %.2f%%\n", data.options.min_value,
                with_thousands(s.kept_ratings).c_str(), with_thousands(s.raw_ratings).c_str(), 100 * s.kept_share);
  std::printf("matrix shape:      %s users x %s items, %s non-zeros, density %.4f%%\n", with_thousands(s.users).c_str(),
              with_thousands(s.items).c_str(), with_thousands(s.kept_ratings).c_str(), 100 * s.density);
  std::printf("values:            min %g, max %g, mean %.3f\n", s.min_value, s.max_value, s.mean_value);
  if (s.items_without_titles > 0)
    std::printf("items without a title: %s\n", with_thousands(s.items_without_titles).c_str());
  if (s.titled_items_without_ratings > 0)
    std::printf("titles without ratings (not in the model): %s\n",
                with_thousands(s.titled_items_without_ratings).c_str());
  std::printf("histogram of values:\n");
  int64_t most = 1;
  for (const HistogramBin& b : s.histogram) most = std::max(most, b.count);
  for (const HistogramBin& b : s.histogram)
    std::printf("  %8s %12s %s\n", b.label.c_str(), with_thousands(b.count).c_str(),
                std::string(static_cast<size_t>(40.0 * b.count / most), '#').c_str());
  if (top > 0) {
    std::printf("most popular items:\n");
    int rank = 1;
    for (int32_t i : most_popular_items(data, top))
      std::printf("  %3d. %-60s %s users\n", rank++, data.title(i).c_str(),
                  with_thousands(data.item_users.row_size(i)).c_str());
  }
}

void print_scored_items(const std::string& heading, const Dataset& data, const std::vector<ScoredItem>& items) {
  std::printf("%s\n", heading.c_str());
  int rank = 1;
  for (const ScoredItem& s : items)
    std::printf("  %3d. %-8s %-60s %8.4f %8s users\n", rank++, data.items.external_id(s.id).c_str(),
                data.title(s.id).c_str(), s.score, with_thousands(data.item_users.row_size(s.id)).c_str());
}

void print_explanation(const Dataset& data, int32_t item, const Explanation& e) {
  std::printf("why %s: score %.4f =\n", data.title(item).c_str(), e.score);
  for (const Contribution& c : e.contributions)
    std::printf("  %+9.4f  %s\n", c.contribution, data.title(c.item).c_str());
}

void print_metrics(const std::string& name, const RankingMetrics& m) {
  std::printf("  %-12s precision@%d %.4f   MAP@%d %.4f   NDCG@%d %.4f   AUC %.4f   (%s users)\n", name.c_str(), m.k,
              m.precision, m.k, m.map, m.k, m.ndcg, m.auc, with_thousands(m.users).c_str());
}

void print_progress(const TrainingProgress& p) {
  const int width = 30;
  const int filled = static_cast<int>(std::lround(p.fraction * width));
  std::fprintf(stderr, "\r[%s%s] %d/%d iterations", std::string(filled, '#').c_str(),
               std::string(width - filled, '.').c_str(), p.iterations_done, p.iterations);
  if (!p.loss.empty()) std::fprintf(stderr, "  loss %.6f", p.loss.back());
  std::fprintf(stderr, "  %.2f s", p.seconds);
  if (p.iterations_done == p.iterations) std::fprintf(stderr, "\n");
  std::fflush(stderr);
}

}  // namespace als::cli
