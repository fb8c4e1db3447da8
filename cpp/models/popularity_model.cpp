#include "models/popularity_model.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <stdexcept>

#include "core/parallel.h"

namespace als {

namespace {
std::vector<int64_t> column_counts(const CsrMatrix& m) {
  std::vector<int64_t> counts(m.cols, 0);
  for (int32_t i : m.indices) ++counts[i];
  return counts;
}
}  // namespace

PopularityModel::PopularityModel(const CsrMatrix& user_items)
    : PopularityModel(column_counts(user_items), user_items.rows) {}

PopularityModel::PopularityModel(std::vector<int64_t> item_counts, int32_t users)
    : counts_(std::move(item_counts)), users_(users) {
  ranking_.resize(counts_.size());
  std::iota(ranking_.begin(), ranking_.end(), 0);
  std::stable_sort(ranking_.begin(), ranking_.end(), [&](int32_t a, int32_t b) { return counts_[a] > counts_[b]; });
}

std::vector<ScoredItem> PopularityModel::recommend(const UserItems& user, const RecommendOptions& options) const {
  const std::vector<bool> excluded = excluded_items(options, user.items);
  std::vector<ScoredItem> out;
  if (!options.candidates.empty()) {
    TopK top(options.count);
    for (int32_t i : options.candidates)
      if (i >= 0 && i < item_count() && !excluded[i]) top.offer(i, static_cast<float>(counts_[i]));
    return top.sorted();
  }
  for (int32_t i : ranking_) {
    if (static_cast<int>(out.size()) >= options.count) break;
    if (!excluded[i]) out.push_back({i, static_cast<float>(counts_[i])});
  }
  return out;
}

std::vector<ScoredItem> PopularityModel::recommend_for_user(int32_t /*user*/, const UserItems& liked,
                                                            const RecommendOptions& options) const {
  return recommend(liked, options);
}

std::vector<ScoredItem> PopularityModel::similar_items(int32_t /*item*/, const SimilarOptions& /*options*/) const {
  throw std::logic_error("popularity has no similarity between items");
}

float PopularityModel::score(const UserItems& /*user*/, int32_t item) const {
  if (item < 0 || item >= item_count()) throw std::out_of_range("score: item outside the model");
  return static_cast<float>(counts_[item]);
}

Explainability PopularityModel::explainability() const {
  return {false, "popular", "popularity gives everyone the same list: no favorite adds to a score"};
}

std::vector<Explanation> PopularityModel::explain(const UserItems& /*user*/,
                                                  const std::vector<int32_t>& /*items*/) const {
  throw std::logic_error(explainability().why_not);
}

std::vector<std::pair<std::string, std::string>> PopularityModel::file_sections() const {
  std::string bytes(counts_.size() * sizeof(int64_t), '\0');
  if (!counts_.empty()) std::memcpy(bytes.data(), counts_.data(), bytes.size());
  return {{"PCNT", bytes}};
}

namespace {
// Counting is one pass over the ratings: the first slice does it.
class PopularityTrainer : public ModelTrainer {
 public:
  explicit PopularityTrainer(const CsrMatrix& user_items) : user_items_(&user_items) { progress_.iterations = 1; }
  bool done() const override { return model_ != nullptr || taken_; }
  void advance(double /*budget_seconds*/) override {
    if (done()) return;
    model_ = std::make_unique<PopularityModel>(*user_items_);
    progress_.iterations_done = 1;
    progress_.fraction = 1;
  }
  const TrainingProgress& progress() const override { return progress_; }
  int threads() const override { return 1; }
  std::unique_ptr<RecommenderModel> take_model() override {
    if (!model_) throw std::logic_error("popularity: advance() first");
    taken_ = true;
    return std::move(model_);
  }

 private:
  const CsrMatrix* user_items_;
  std::unique_ptr<PopularityModel> model_;
  bool taken_ = false;
  TrainingProgress progress_;
};
}  // namespace

std::unique_ptr<ModelTrainer> make_popularity_trainer(const CsrMatrix& user_items) {
  return std::make_unique<PopularityTrainer>(user_items);
}

}  // namespace als
