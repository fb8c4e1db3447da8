#include "models/knn_model.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "core/parallel.h"
#include "model/model_file.h"
#include "models/item_neighbours.h"
#include "models/item_weighting.h"
#include "models/model_sections.h"

namespace als {

KnnModel::KnnModel(const ModelSettings& settings, CsrMatrix similarity, int32_t users)
    : settings_(settings), similarity_(std::move(similarity)), users_(users) {}

std::vector<ScoredItem> KnnModel::recommend(const UserItems& user, const RecommendOptions& options) const {
  // scores = liked · S: each liked item's neighbour row into a dense array.
  std::vector<float> scores(item_count(), 0.0f);
  for (size_t k = 0; k < user.items.size(); ++k) {
    const int32_t j = user.items[k];
    if (j < 0 || j >= item_count()) continue;
    const float v = k < user.values.size() ? user.values[k] : 1.0f;
    for (int64_t e = similarity_.row_begin(j); e < similarity_.row_end(j); ++e)
      scores[similarity_.indices[e]] += v * similarity_.values[e];
  }
  const std::vector<bool> excluded = excluded_items(options, user.items);
  TopK top(options.count);
  if (!options.candidates.empty()) {
    for (int32_t i : options.candidates)
      if (i >= 0 && i < item_count() && !excluded[i]) top.offer(i, scores[i]);
  } else {
    for (int32_t i = 0; i < item_count(); ++i)
      if (!excluded[i]) top.offer(i, scores[i]);
  }
  return top.sorted();
}

std::vector<ScoredItem> KnnModel::recommend_for_user(int32_t /*user*/, const UserItems& liked,
                                                     const RecommendOptions& options) const {
  return recommend(liked, options);
}

std::vector<ScoredItem> KnnModel::similar_items(int32_t item, const SimilarOptions& options) const {
  if (item < 0 || item >= item_count()) throw std::out_of_range("similar_items: item outside the model");
  const std::vector<bool> supported = supported_items(options.min_support);
  std::vector<bool> candidate;
  if (!options.candidates.empty()) {
    candidate.assign(item_count(), false);
    for (int32_t i : options.candidates)
      if (i >= 0 && i < item_count()) candidate[i] = true;
  }
  const std::vector<float> weights = shrinkage_weights(options.support_shrinkage);
  TopK top(options.count);
  for (int64_t e = similarity_.row_begin(item); e < similarity_.row_end(item); ++e) {
    const int32_t j = similarity_.indices[e];
    if (j == item && !options.include_self) continue;
    if (!supported.empty() && !supported[j]) continue;
    if (!candidate.empty() && !candidate[j]) continue;
    top.offer(j, weights.empty() || j == item ? similarity_.values[e] : similarity_.values[e] * weights[j]);
  }
  return top.sorted();
}

float KnnModel::score(const UserItems& user, int32_t item) const {
  if (item < 0 || item >= item_count()) throw std::out_of_range("score: item outside the model");
  float sum = 0;
  for (size_t k = 0; k < user.items.size(); ++k) {
    const int32_t j = user.items[k];
    if (j < 0 || j >= item_count()) continue;
    sum += (k < user.values.size() ? user.values[k] : 1.0f) * similarity_.at(j, item);
  }
  return sum;
}

std::vector<Explanation> KnnModel::explain(const UserItems& user, const std::vector<int32_t>& items) const {
  std::vector<Explanation> out;
  for (int32_t i : items) {
    if (i < 0 || i >= item_count()) throw std::out_of_range("explain: item outside the model");
    Explanation e;
    for (size_t k = 0; k < user.items.size(); ++k) {
      const int32_t j = user.items[k];
      if (j < 0 || j >= item_count()) continue;
      // share of liked item j: v_j · S[j, i]
      const double share = static_cast<double>(k < user.values.size() ? user.values[k] : 1.0f) * similarity_.at(j, i);
      if (share == 0) continue;
      e.score += share;
      e.contributions.push_back({j, share});
    }
    std::sort(e.contributions.begin(), e.contributions.end(),
              [](const Contribution& a, const Contribution& b) { return a.contribution > b.contribution; });
    out.push_back(std::move(e));
  }
  return out;
}

namespace {
template <typename T>
std::string bytes_of(const std::vector<T>& v) {
  std::string bytes(v.size() * sizeof(T), '\0');
  if (!v.empty()) std::memcpy(bytes.data(), v.data(), bytes.size());
  return bytes;
}
template <typename T>
std::vector<T> vector_of(std::string_view bytes, const char* what) {
  if (bytes.size() % sizeof(T) != 0) throw corrupt_model_file(std::string("the ") + what + " have a partial entry");
  std::vector<T> v(bytes.size() / sizeof(T));
  if (!v.empty()) std::memcpy(v.data(), bytes.data(), bytes.size());
  return v;
}
}  // namespace

std::vector<std::pair<std::string, std::string>> KnnModel::file_sections() const {
  return {{"KPTR", bytes_of(similarity_.indptr)},
          {"KIDX", bytes_of(similarity_.indices)},
          {"KVAL", bytes_of(similarity_.values)}};
}

std::unique_ptr<RecommenderModel> knn_model_from_sections(const ModelSettings& settings,
                                                          const std::map<std::string, std::string_view>& sections,
                                                          int32_t users, int32_t items) {
  CsrMatrix s;
  s.rows = s.cols = items;
  s.indptr = vector_of<int64_t>(required_section(sections, "KPTR", "the neighbour rows"), "neighbour rows");
  s.indices = vector_of<int32_t>(required_section(sections, "KIDX", "the neighbours"), "neighbours");
  s.values = vector_of<float>(required_section(sections, "KVAL", "the similarities"), "similarities");
  if (s.indptr.size() != static_cast<size_t>(items) + 1 || s.indptr.front() != 0)
    throw corrupt_model_file("the neighbour rows do not match the items");
  if (s.indices.size() != s.values.size() || s.indptr.back() != static_cast<int64_t>(s.indices.size()))
    throw corrupt_model_file("the neighbours and their similarities do not match");
  for (int32_t r = 0; r < items; ++r) {
    if (s.indptr[r + 1] < s.indptr[r]) throw corrupt_model_file("a neighbour row ends before it starts");
    for (int64_t e = s.indptr[r]; e < s.indptr[r + 1]; ++e) {
      if (s.indices[e] < 0 || s.indices[e] >= items) throw corrupt_model_file("a neighbour outside the items");
      if (e > s.indptr[r] && s.indices[e] <= s.indices[e - 1]) throw corrupt_model_file("a neighbour row out of order");
      if (!std::isfinite(s.values[e])) throw corrupt_model_file("a similarity that is not a number");
    }
  }
  return std::make_unique<KnnModel>(settings, std::move(s), users);
}

namespace {
// Slice 0 weights X; each later slice computes one block of S's rows.
class KnnTrainer : public ModelTrainer {
 public:
  KnnTrainer(const CsrMatrix& user_items, const ModelSettings& settings)
      : user_items_(&user_items), settings_(settings), pool_(ThreadPool::for_job(settings.knn.threads)) {
    progress_.iterations = 1;
  }
  bool done() const override { return model_ != nullptr || taken_; }
  void advance(double budget_seconds) override {
    const auto start = std::chrono::steady_clock::now();
    const auto elapsed = [&] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    do {
      step();
    } while (!done() && elapsed() < budget_seconds);
    progress_.seconds += elapsed();
  }
  const TrainingProgress& progress() const override { return progress_; }
  int threads() const override { return pool_->size(); }
  std::unique_ptr<RecommenderModel> take_model() override {
    if (!model_) throw std::logic_error("knn: train until done() first");
    taken_ = true;
    model_->training_seconds = progress_.seconds;
    return std::move(model_);
  }

 private:
  static constexpr int32_t kItemsPerSlice = 512;

  void step() {
    if (done()) return;
    if (!weighted_) {
      weighted_ = true;
      CsrMatrix item_users = transpose(*user_items_, *pool_);
      if (settings_.kind == ModelKind::kKnnCosine)
        x_ = normalize_rows(std::move(item_users));
      else if (settings_.kind == ModelKind::kKnnTfidf)
        x_ = tfidf_weight(std::move(item_users));
      else
        x_ = bm25_weight(std::move(item_users), settings_.knn.bm25_k1, settings_.knn.bm25_b);
      xt_ = transpose(x_, *pool_);
      const int k = settings_.knn.neighbours;
      if (SymmetricNeighbourSearch::fits(x_.rows, k, pool_->size()))
        symmetric_ = std::make_unique<SymmetricNeighbourSearch>(x_, xt_, k, pool_->size());
      else
        rows_.resize(x_.rows);
    } else {
      const int32_t end = std::min(x_.rows, next_ + kItemsPerSlice);
      if (symmetric_) {
        symmetric_->add_rows(next_, end, *pool_);
      } else {
        std::vector<std::vector<ScoredItem>> block;
        item_neighbour_rows(x_, xt_, settings_.knn.neighbours, next_, end, *pool_, block);
        for (int32_t i = next_; i < end; ++i) rows_[i] = std::move(block[i - next_]);
      }
      next_ = end;
    }
    progress_.fraction = symmetric_    ? symmetric_->work_done(next_)
                         : x_.rows > 0 ? static_cast<double>(next_) / x_.rows
                                       : 1.0;
    if (next_ >= x_.rows) {
      if (symmetric_) {
        rows_ = symmetric_->take_rows(*pool_);
        symmetric_.reset();
      }
      progress_.iterations_done = 1;
      progress_.fraction = 1;
      model_ = std::make_unique<KnnModel>(settings_, csr_of_rows(x_.rows, rows_), user_items_->rows);
    }
  }

  const CsrMatrix* user_items_;
  ModelSettings settings_;
  std::shared_ptr<ThreadPool> pool_;
  bool weighted_ = false;
  CsrMatrix x_, xt_;
  std::unique_ptr<SymmetricNeighbourSearch> symmetric_;  // null: row by row
  std::vector<std::vector<ScoredItem>> rows_;
  int32_t next_ = 0;
  std::unique_ptr<KnnModel> model_;
  bool taken_ = false;
  TrainingProgress progress_;
};
}  // namespace

std::unique_ptr<ModelTrainer> make_knn_trainer(const CsrMatrix& user_items, const ModelSettings& settings) {
  validate_settings(settings);
  return std::make_unique<KnnTrainer>(user_items, settings);
}

}  // namespace als
