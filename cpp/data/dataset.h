// The prepared data set the model trains on: ratings filtered by a threshold,
// duplicates merged by a documented rule, users and items that kept at least
// one rating renumbered densely, and the user x item matrix in CSR form with
// its transpose. Shape = (distinct users, distinct items) after filtering.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/csr_matrix.h"
#include "core/fault_code.h"
#include "core/id_map.h"
#include "io/raw_interactions.h"

namespace als {

class ThreadPool;

enum class ValueMode {
  kRaw,     // the matrix holds the rating / play count itself
  kBinary,  // the matrix holds 1 for every kept interaction
};

struct PrepareOptions {
  bool use_threshold = true;
  double min_value = 3.0;  // keep ratings >= min_value (the tutorial keeps >= 3)
  // Same (user, item) twice: MovieLens never has it; for ratings the later line
  // wins (a re-rating), for play counts (Last.fm) they add up.
  DuplicateRule duplicates = DuplicateRule::kLast;
  ValueMode value_mode = ValueMode::kRaw;
};

// The defaults that suit a data format (threshold 3 for star ratings, none and
// summed duplicates for play counts, ...).
PrepareOptions default_prepare_options(FileFormat ratings_format);

struct HistogramBin {
  double low = 0, high = 0;  // values v with low <= v < high (or == low for exact bins)
  int64_t count = 0;
  std::string label;  // "4.5", "8-15"
};

struct DatasetStats {
  int64_t raw_ratings = 0;                              // lines read as ratings
  int64_t duplicates_merged = 0;                        // ratings folded into an earlier (user, item)
  int64_t below_threshold = 0;                          // distinct (user, item) dropped by the threshold
  int64_t kept_ratings = 0;                             // non-zeros of the matrix
  int32_t raw_users = 0;                                // users with a rating before filtering
  int32_t raw_items = 0;                                // items with a rating before filtering
  int32_t users = 0;                                    // rows after filtering
  int32_t items = 0;                                    // columns after filtering
  int32_t titled_items_without_ratings = 0;             // in the titles file, never rated (not in the model)
  int32_t items_without_titles = 0;                     // in the model, no title known (shown by id)
  double density = 0;                                   // kept / (users * items)
  double kept_share = 0;                                // kept / raw
  double min_value = 0, max_value = 0, mean_value = 0;  // of the raw ratings
  double median_kept_value = 0;         // of the matrix values (a typical play count: what an artist "like" stands for)
  std::vector<HistogramBin> histogram;  // of the raw ratings
};

// How long each step of prepare_dataset took (the benchmark prints them:
// which step rewrites the whole set, and at what cost).
struct PreparePhase {
  const char* name;
  double seconds;
};

struct Dataset {
  IdMap users;
  IdMap items;
  std::vector<std::string> item_titles;  // by item index, UTF-8, "" when unknown
  std::vector<std::string> item_genres;  // by item index, "Action|Comedy"
  CsrMatrix user_items;                  // users x items
  CsrMatrix item_users;                  // its transpose
  DatasetStats stats;
  // Indices in the order each user / item first appears in the ratings file,
  // among the ratings the threshold keeps: how a notebook numbers rows with
  // pandas' unique() (models trained elsewhere are matched by it).
  std::vector<int32_t> users_in_first_seen_order;
  std::vector<int32_t> items_in_first_seen_order;
  FileFormat format = FileFormat::kUnknown;
  PrepareOptions options;
  std::vector<PreparePhase> prepare_phases;  // in the order they ran

  int32_t user_count() const { return user_items.rows; }
  int32_t item_count() const { return user_items.cols; }
  // The title, or "Item <external id>" when the titles file did not name it.
  std::string title(int32_t item) const;
};

// pool: threads for the transposes (the result is the same without).
Dataset prepare_dataset(const RawInteractions& raw, const PrepareOptions& options, ThreadPool* pool = nullptr);

// Why a prepared data set cannot be trained: ALS needs at least 2 users and 2
// items with a kept rating. `what` says what is left and after which filter
// ('nothing left after "rating ≥ 3": 1,234 ratings read, all below 3');
// threshold_helps: a lower threshold, or none, would keep more. Each caller
// adds how to change it in its own words (a form on the page, flags in the CLI).
// fault: the same for the page (untrainable.nothingKept | untrainable.tooFew).
struct Untrainable {
  std::string what;
  bool threshold_helps = false;
  FaultCode fault;
};
std::optional<Untrainable> why_untrainable(const Dataset& data);
// Refused as a training set, with the caller's advice appended to `what`.
class UntrainableError : public std::invalid_argument {
 public:
  UntrainableError(const Untrainable& why, const std::string& advice)
      : std::invalid_argument(why.what + " — " + advice), threshold_helps(why.threshold_helps), fault(why.fault) {}
  bool threshold_helps;
  FaultCode fault;  // the page adds its own advice
};

// The median (the lower middle one of an even count); 0 for none. Counts half
// steps when every value is a multiple of 0.5 below 65,536 (ratings, plays),
// so no copy of the values is made for them.
double median_value(const std::vector<float>& values);

// Items by number of users who kept them, most popular first (ties: lower index).
std::vector<int32_t> most_popular_items(const Dataset& data, int32_t n);

// The tutorial's way to add yourself: a copy of the data set with one more user
// (a new last row) holding the given (item index, value) pairs.
Dataset with_added_user(const Dataset& data, const std::string& external_id, const std::vector<int32_t>& items,
                        const std::vector<float>& values);

// The histogram shown for a set of values: one bin per half star for ratings,
// power-of-two bins for counts.
// integer_values: every value is whole (then bins are whole stars).
std::vector<HistogramBin> value_histogram(const std::vector<Triplet>& ratings, bool half_star_values,
                                          bool integer_values);

}  // namespace als
