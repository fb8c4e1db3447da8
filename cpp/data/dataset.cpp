#include "data/dataset.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "core/cancellation.h"

namespace als {

namespace {

// Orders external ids naturally: numbers by value ("2" < "10"; of the same
// value, the shorter first: "7" < "007"), then text. The sort key of each id
// is worked out once, not in every comparison.
struct IdOrderKey {
  bool number = false;  // digits only, fewer than 19 of them
  uint32_t length = 0;
  uint64_t value = 0;  // numbers: the digits' value (same length: same order as the text)
};

IdOrderKey id_order_key(const std::string& s) {
  IdOrderKey key;
  if (s.empty() || s.size() >= 19) return key;
  for (char c : s) {
    if (c < '0' || c > '9') return key;
    key.value = key.value * 10 + static_cast<uint64_t>(c - '0');
  }
  key.number = true;
  key.length = static_cast<uint32_t>(s.size());
  return key;
}

// Indices 0..n-1 of the marked entries, sorted by external id.
std::vector<int32_t> kept_in_id_order(const std::vector<uint8_t>& keep, const IdMap& ids) {
  std::vector<int32_t> kept;
  std::vector<IdOrderKey> keys(keep.size());
  for (int32_t k = 0; k < static_cast<int32_t>(keep.size()); ++k)
    if (keep[k]) {
      kept.push_back(k);
      keys[k] = id_order_key(ids.external_id(k));
    }
  std::sort(kept.begin(), kept.end(), [&](int32_t a, int32_t b) {
    const IdOrderKey &ka = keys[a], &kb = keys[b];
    if (ka.number != kb.number) return ka.number;
    if (ka.number) return ka.length != kb.length ? ka.length < kb.length : ka.value < kb.value;
    return ids.external_id(a) < ids.external_id(b);
  });
  return kept;
}

bool is_movielens(FileFormat f) {
  return f == FileFormat::kMovieLensDatRatings || f == FileFormat::kMovieLens100kData ||
         f == FileFormat::kMovieLensCsvRatings;
}

void fill_value_stats(const RawInteractions& raw, DatasetStats& stats) {
  if (raw.ratings.empty()) return;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo, sum = 0;
  for (const Triplet& t : raw.ratings) {
    lo = std::min<double>(lo, t.value);
    hi = std::max<double>(hi, t.value);
    sum += t.value;
  }
  stats.min_value = lo;
  stats.max_value = hi;
  stats.mean_value = sum / static_cast<double>(raw.ratings.size());
  stats.histogram = value_histogram(raw.ratings, raw.half_star_values, raw.integer_values);
}

}  // namespace

std::string Dataset::title(int32_t item) const {
  if (item >= 0 && item < static_cast<int32_t>(item_titles.size()) && !item_titles[item].empty())
    return item_titles[item];
  return "Item " + items.external_id(item);
}

PrepareOptions default_prepare_options(FileFormat ratings_format) {
  PrepareOptions options;
  if (is_movielens(ratings_format)) return options;  // keep ratings >= 3, later rating wins
  options.use_threshold = false;
  options.min_value = 0;
  if (ratings_format == FileFormat::kLastFmPlays) options.duplicates = DuplicateRule::kSum;
  return options;
}

std::vector<HistogramBin> value_histogram(const std::vector<Triplet>& ratings, bool half_star_values,
                                          bool integer_values) {
  std::vector<HistogramBin> bins;
  if (ratings.empty()) return bins;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const Triplet& t : ratings) {
    lo = std::min<double>(lo, t.value);
    hi = std::max<double>(hi, t.value);
  }
  auto format_value = [](double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  };
  if (half_star_values && hi - lo <= 20) {
    // One bin per half star (or per integer when all values are whole).
    const double step = integer_values ? 1.0 : 0.5;
    for (double v = lo; v <= hi + 1e-9; v += step) bins.push_back({v, v + step, 0, format_value(v)});
    // (v - lo) / step is a whole number here (every value a multiple of the step): no rounding call needed.
    for (const Triplet& t : ratings) bins[static_cast<size_t>(std::lround((t.value - lo) / step))].count++;
    return bins;
  }
  if (lo >= 1 && half_star_values) {
    // Counts: power-of-two bins 1, 2-3, 4-7, ...
    for (double low = 1; low <= hi; low *= 2) {
      const double high = low * 2;
      bins.push_back(
          {low, high, 0, low == high - 1 ? format_value(low) : format_value(low) + "-" + format_value(high - 1)});
    }
    for (const Triplet& t : ratings) bins[static_cast<size_t>(std::floor(std::log2(t.value)))].count++;
    return bins;
  }
  // Anything else: ten equal-width bins.
  const double width = hi > lo ? (hi - lo) / 10 : 1;
  for (int b = 0; b < 10; ++b) bins.push_back({lo + b * width, lo + (b + 1) * width, 0, format_value(lo + b * width)});
  for (const Triplet& t : ratings) bins[std::min<size_t>(9, static_cast<size_t>((t.value - lo) / width))].count++;
  return bins;
}

namespace {
// Appends each step's time to a data set's prepare_phases.
class PhaseClock {
 public:
  explicit PhaseClock(std::vector<PreparePhase>& phases) : phases_(phases), last_(Clock::now()) {}
  void lap(const char* name) {
    const auto now = Clock::now();
    phases_.push_back(PreparePhase{name, std::chrono::duration<double>(now - last_).count()});
    last_ = now;
  }

 private:
  using Clock = std::chrono::steady_clock;
  std::vector<PreparePhase>& phases_;
  Clock::time_point last_;
};
}  // namespace

Dataset prepare_dataset(const RawInteractions& raw, const PrepareOptions& options, ThreadPool* pool) {
  Dataset data;
  PhaseClock clock(data.prepare_phases);
  data.format = raw.ratings_format;
  data.options = options;
  DatasetStats& stats = data.stats;
  stats.raw_ratings = static_cast<int64_t>(raw.ratings.size());
  fill_value_stats(raw, stats);
  clock.lap("value statistics");
  // (Each step below takes a while on big data: a cancel from outside stops between them.)
  throw_if_cancelled();

  // 1. Merge duplicate (user, item) pairs by the chosen rule.
  CsrMatrix merged = csr_from_triplets_unsorted(raw.users.size(), raw.items.size(), raw.ratings, options.duplicates);
  stats.duplicates_merged = stats.raw_ratings - merged.nnz();
  clock.lap("merge");
  throw_if_cancelled();

  // 2. Apply the threshold; mark the users and items that keep a rating
  //    (bytes, not std::vector<bool>: a byte is set without reading a word).
  std::vector<uint8_t> keep_user(raw.users.size(), 0), keep_item(raw.items.size(), 0), rated_item(raw.items.size(), 0);
  const bool use_threshold = options.use_threshold;
  const double min_value = options.min_value;
  for (int32_t u = 0; u < merged.rows; ++u) {
    uint8_t kept = 0;
    for (int64_t k = merged.indptr[u]; k < merged.indptr[u + 1]; ++k) {
      const int32_t i = merged.indices[k];
      rated_item[i] = 1;
      if (!use_threshold || merged.values[k] >= min_value) {
        kept = 1;
        keep_item[i] = 1;
      } else {
        ++stats.below_threshold;
      }
    }
    keep_user[u] = kept;
  }
  stats.raw_users = 0;
  for (int32_t u = 0; u < merged.rows; ++u) stats.raw_users += merged.row_size(u) > 0;
  stats.raw_items = static_cast<int32_t>(std::count(rated_item.begin(), rated_item.end(), uint8_t{1}));
  clock.lap("threshold");
  throw_if_cancelled();

  // 3. Renumber the kept users and items densely, in natural id order, so the
  //    model does not depend on the order the files came in.
  const std::vector<int32_t> users = kept_in_id_order(keep_user, raw.users);
  const std::vector<int32_t> items = kept_in_id_order(keep_item, raw.items);
  data.users = raw.users.subset(users);
  data.items = raw.items.subset(items);
  std::vector<int32_t> new_item(raw.items.size(), -1);
  for (int32_t k = 0; k < static_cast<int32_t>(items.size()); ++k) new_item[items[k]] = k;
  throw_if_cancelled();

  // 4. The user x item matrix: kept rows in the new order, columns renumbered.
  //    Where the kept users keep the order they came in (a file that lists
  //    users in id order, as MovieLens does), the kept entries move down
  //    within the merged matrix's own arrays: an entry is never written past
  //    one not yet read, and no second copy of the data set is made. Else
  //    they are copied.
  //    Transposing twice sorts every row by column in O(nnz), no comparisons:
  //    a transpose emits each row's entries in ascending column order. (Once
  //    is enough when the rows are sorted already.)
  CsrMatrix renumbered;
  renumbered.rows = static_cast<int32_t>(users.size());
  renumbered.cols = static_cast<int32_t>(items.size());
  renumbered.indptr.assign(users.size() + 1, 0);
  const bool binary = options.value_mode == ValueMode::kBinary;
  const bool users_in_order = std::is_sorted(users.begin(), users.end());
  if (!users_in_order) {
    renumbered.indices.resize(merged.nnz() - stats.below_threshold);
    renumbered.values.resize(merged.nnz() - stats.below_threshold);
  }
  int32_t* out_indices = users_in_order ? merged.indices.data() : renumbered.indices.data();
  float* out_values = users_in_order ? merged.values.data() : renumbered.values.data();
  int64_t out = 0;
  for (size_t r = 0; r < users.size(); ++r) {
    const int32_t u = users[r];
    for (int64_t k = merged.indptr[u]; k < merged.indptr[u + 1]; ++k) {
      const float v = merged.values[k];
      if (use_threshold && !(v >= min_value)) continue;
      out_indices[out] = new_item[merged.indices[k]];
      out_values[out] = binary ? 1.0f : v;
      ++out;
    }
    renumbered.indptr[r + 1] = out;
  }
  if (users_in_order) {
    merged.indices.resize(out);
    merged.values.resize(out);
    // A quarter or more dropped by the threshold: give the room back.
    if (static_cast<size_t>(out) < merged.indices.capacity() / 4 * 3) {
      merged.indices.shrink_to_fit();
      merged.values.shrink_to_fit();
    }
    renumbered.indices = std::move(merged.indices);
    renumbered.values = std::move(merged.values);
  }
  merged = CsrMatrix();  // peak memory: at most three matrices of this size at once
  clock.lap("renumber");
  auto transposed = [&](const CsrMatrix& m) { return pool ? transpose(m, *pool) : transpose(m); };
  throw_if_cancelled();
  data.item_users = transposed(renumbered);
  throw_if_cancelled();
  if (rows_sorted(renumbered)) {
    // MovieLens files list each user's movies in id order, and renumbering
    // keeps id order: the rows are sorted already, and the second transpose
    // would give them back unchanged.
    data.user_items = std::move(renumbered);
  } else {
    renumbered = CsrMatrix();
    data.user_items = transposed(data.item_users);
  }
  clock.lap("transpose");
  throw_if_cancelled();
  const CsrMatrix& m = data.user_items;

  // 5. The order of first appearance in the ratings file (kept ratings only).
  std::vector<int32_t> new_user(raw.users.size(), -1);
  for (int32_t k = 0; k < static_cast<int32_t>(users.size()); ++k) new_user[users[k]] = k;
  std::vector<bool> user_seen(users.size(), false), item_seen(items.size(), false);
  for (const Triplet& t : raw.ratings) {
    if (options.use_threshold && !(t.value >= options.min_value)) continue;
    const int32_t u = new_user[t.row], i = new_item[t.col];
    if (u >= 0 && !user_seen[u]) {
      user_seen[u] = true;
      data.users_in_first_seen_order.push_back(u);
    }
    if (i >= 0 && !item_seen[i]) {
      item_seen[i] = true;
      data.items_in_first_seen_order.push_back(i);
    }
  }
  // (Summed duplicates can keep a pair none of whose lines passes alone.)
  for (int32_t u = 0; u < static_cast<int32_t>(users.size()); ++u)
    if (!user_seen[u]) data.users_in_first_seen_order.push_back(u);
  for (int32_t i = 0; i < static_cast<int32_t>(items.size()); ++i)
    if (!item_seen[i]) data.items_in_first_seen_order.push_back(i);
  clock.lap("first seen");

  // 6. Titles, genres and the remaining counts.
  data.item_titles.resize(items.size());
  data.item_genres.resize(items.size());
  for (size_t k = 0; k < items.size(); ++k) {
    if (static_cast<size_t>(items[k]) < raw.item_titles.size()) data.item_titles[k] = raw.item_titles[items[k]];
    if (static_cast<size_t>(items[k]) < raw.item_genres.size()) data.item_genres[k] = raw.item_genres[items[k]];
    if (data.item_titles[k].empty()) ++stats.items_without_titles;
  }
  for (int32_t i = 0; i < raw.items.size(); ++i)
    if (!rated_item[i] && static_cast<size_t>(i) < raw.item_titles.size() && !raw.item_titles[i].empty())
      ++stats.titled_items_without_ratings;
  stats.kept_ratings = m.nnz();
  stats.users = m.rows;
  stats.items = m.cols;
  stats.density = m.rows > 0 && m.cols > 0 ? static_cast<double>(m.nnz()) / (static_cast<double>(m.rows) * m.cols) : 0;
  stats.kept_share = stats.raw_ratings > 0 ? static_cast<double>(m.nnz()) / stats.raw_ratings : 0;
  stats.median_kept_value = median_value(m.values);
  clock.lap("titles and counts");
  return data;
}

double median_value(const std::vector<float>& values) {
  if (values.empty()) return 0;
  const size_t middle = (values.size() - 1) / 2;
  constexpr int32_t kHalfSteps = 1 << 17;  // values 0 .. 65,535.5
  bool countable = true;
  for (float v : values)
    if (!(v >= 0 && v * 2 < kHalfSteps && v * 2 == std::floor(v * 2))) {
      countable = false;
      break;
    }
  if (countable) {
    std::vector<int64_t> count(kHalfSteps, 0);
    for (float v : values) ++count[static_cast<int32_t>(v * 2)];
    int64_t seen = 0;
    for (int32_t h = 0; h < kHalfSteps; ++h) {
      seen += count[h];
      if (seen > static_cast<int64_t>(middle)) return h / 2.0;
    }
  }
  std::vector<float> copy = values;
  std::nth_element(copy.begin(), copy.begin() + middle, copy.end());
  return copy[middle];
}

namespace {

std::string thousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) out += ',';
    out += digits[k];
  }
  return n < 0 ? "-" + out : out;
}

std::string counted(int64_t n, const char* one, const char* many) { return thousands(n) + " " + (n == 1 ? one : many); }

std::string number_text(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

// The filter as the page and the CLI name it: "rating ≥ 3", "plays ≥ 10".
const char* value_name(const Dataset& data) {
  return is_movielens(data.format) ? "rating" : data.format == FileFormat::kLastFmPlays ? "plays" : "value";
}

std::string threshold_name(const Dataset& data) {
  return std::string("\"") + value_name(data) + " ≥ " + number_text(data.options.min_value) + "\"";
}

}  // namespace

std::optional<Untrainable> why_untrainable(const Dataset& data) {
  const DatasetStats& s = data.stats;
  const bool filtered = data.options.use_threshold && s.below_threshold > 0;
  if (s.kept_ratings == 0) {
    // Only the threshold empties a data set that had ratings.
    return Untrainable{"nothing left after " + threshold_name(data) + ": " +
                           counted(s.raw_ratings, "rating", "ratings") + " read, " +
                           (s.raw_ratings == 1 ? "below " : "all below ") + number_text(data.options.min_value),
                       true,
                       FaultCode{"untrainable.nothingKept"}
                           .text("valueName", value_name(data))
                           .number("min", data.options.min_value)
                           .number("count", static_cast<double>(s.raw_ratings))};
  }
  if (s.users >= 2 && s.items >= 2) return std::nullopt;
  std::string left = counted(s.users, "user", "users") + " and " + counted(s.items, "item", "items");
  std::string what =
      "only " + left + (filtered ? " left after " + threshold_name(data) : " in the data") + " (" +
      (filtered ? thousands(s.kept_ratings) + " of " + counted(s.raw_ratings, "rating", "ratings") + " kept"
                : counted(s.kept_ratings, "rating", "ratings")) +
      "): ALS needs at least 2 users and 2 items";
  FaultCode fault{filtered ? "untrainable.tooFewKept" : "untrainable.tooFew"};
  fault.number("users", s.users).number("items", s.items).number("kept", static_cast<double>(s.kept_ratings));
  if (filtered)
    fault.text("valueName", value_name(data))
        .number("min", data.options.min_value)
        .number("count", static_cast<double>(s.raw_ratings));
  return Untrainable{what, filtered, std::move(fault)};
}

std::vector<int32_t> most_popular_items(const Dataset& data, int32_t n) {
  std::vector<int32_t> order(data.item_count());
  std::iota(order.begin(), order.end(), 0);
  const int32_t keep = std::min<int32_t>(std::max(n, 0), data.item_count());
  std::partial_sort(order.begin(), order.begin() + keep, order.end(), [&](int32_t a, int32_t b) {
    const int64_t ca = data.item_users.row_size(a), cb = data.item_users.row_size(b);
    return ca > cb || (ca == cb && a < b);
  });
  order.resize(keep);
  return order;
}

Dataset with_added_user(const Dataset& data, const std::string& external_id, const std::vector<int32_t>& items,
                        const std::vector<float>& values) {
  if (items.size() != values.size()) throw std::invalid_argument("items and values differ in length");
  if (data.users.find(external_id) != IdMap::kMissing)
    throw std::invalid_argument("user id '" + external_id + "' is already in the data set");
  std::vector<std::pair<int32_t, float>> row;
  for (size_t k = 0; k < items.size(); ++k) {
    if (items[k] < 0 || items[k] >= data.item_count())
      throw std::out_of_range("with_added_user: item outside the data set");
    row.emplace_back(items[k], values[k]);
  }
  // Later duplicates win, then sort by item.
  std::stable_sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::pair<int32_t, float>> unique;
  for (const auto& e : row) {
    if (!unique.empty() && unique.back().first == e.first)
      unique.back().second = e.second;
    else
      unique.push_back(e);
  }
  Dataset out = data;
  out.users.intern(external_id);
  CsrMatrix& m = out.user_items;
  for (const auto& [i, v] : unique) {
    m.indices.push_back(i);
    m.values.push_back(out.options.value_mode == ValueMode::kBinary ? 1.0f : v);
  }
  m.indptr.push_back(m.nnz());
  m.rows += 1;
  out.item_users = transpose(m);
  out.stats.users = m.rows;
  out.stats.kept_ratings = m.nnz();
  out.stats.density = static_cast<double>(m.nnz()) / (static_cast<double>(m.rows) * std::max(m.cols, 1));
  return out;
}

}  // namespace als
