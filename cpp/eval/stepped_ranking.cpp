#include "eval/stepped_ranking.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <stdexcept>

#include "core/random.h"
#include "eval/block_top_k.h"
#include "eval/evaluate.h"

namespace als {

namespace {
constexpr int64_t kUsersPerTask = 64;   // as ranking_metrics_at_k
constexpr int64_t kTasksPerThread = 2;  // per slice
}  // namespace

SteppedRanking::SteppedRanking(RecommendFunction recommend, const CsrMatrix& test, int k, std::vector<int32_t> users)
    : SteppedRanking(
          [recommend = std::move(recommend)](const int32_t* users, int n, int k,
                                             std::vector<std::vector<int32_t>>& ids) {
            ids.resize(n);
            for (int j = 0; j < n; ++j) {
              ids[j].clear();
              recommend(users[j], k, ids[j]);
            }
          },
          test, k, std::move(users)) {}

SteppedRanking::SteppedRanking(BlockRecommendFunction recommend, const CsrMatrix& test, int k,
                               std::vector<int32_t> users)
    : recommend_(std::move(recommend)), test_(&test), k_(k), users_(std::move(users)) {
  if (k < 1) throw std::invalid_argument("K must be at least 1");
  if (users_.empty())
    for (int32_t u = 0; u < test.rows; ++u)
      if (test.row_size(u) > 0) users_.push_back(u);
  per_user_.resize(users_.size());
}

void SteppedRanking::advance(double budget_seconds, ThreadPool& pool) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const CsrMatrix& test = *test_;
  while (!done()) {
    const size_t first = next_;
    const size_t count =
        std::min(users_.size() - first, static_cast<size_t>(kUsersPerTask * kTasksPerThread * pool.size()));
    const int64_t tasks = (static_cast<int64_t>(count) + kUsersPerTask - 1) / kUsersPerTask;
    pool.parallel_for(tasks, [&](int64_t t) {
      std::vector<std::vector<int32_t>> ids;
      std::vector<int32_t> test_items;
      const size_t begin = first + static_cast<size_t>(t * kUsersPerTask);
      const size_t end = std::min(first + count, begin + static_cast<size_t>(kUsersPerTask));
      recommend_(users_.data() + begin, static_cast<int>(end - begin), k_, ids);
      for (size_t j = begin; j < end; ++j) {
        const int32_t u = users_[j];
        test_items.assign(test.indices.begin() + test.indptr[u], test.indices.begin() + test.indptr[u + 1]);
        per_user_[j] = rank_user(ids[j - begin], test_items, k_, test.cols);
      }
    });
    next_ += count;
    if (std::chrono::duration<double>(Clock::now() - start).count() >= budget_seconds) break;
  }
}

RankingMetrics SteppedRanking::result() const {
  if (!done()) throw std::logic_error("SteppedRanking::result: not every user is ranked yet");
  // Summed in user order, exactly as ranking_metrics_at_k: any slicing and
  // thread count give the same bits.
  return pooled_metrics(per_user_, k_);
}

RecommendFunction model_ranking(const Recommender& recommender, const CsrMatrix& train) {
  return [&recommender, &train](int32_t user, int count, std::vector<int32_t>& ids) {
    RecommendOptions options;
    options.count = count;
    options.exclude.assign(train.indices.begin() + train.indptr[user], train.indices.begin() + train.indptr[user + 1]);
    for (const ScoredItem& s : recommender.recommend(recommender.user_vector(user), options)) ids.push_back(s.id);
  };
}

RecommendFunction popularity_ranking(const CsrMatrix& train) {
  RecommendOptions all;
  all.count = train.cols;
  auto ranking = std::make_shared<const std::vector<ScoredItem>>(Recommender::popular(item_user_counts(train), all));
  return [ranking, &train](int32_t user, int count, std::vector<int32_t>& ids) {
    const auto begin = train.indices.begin() + train.indptr[user];
    const auto end = train.indices.begin() + train.indptr[user + 1];
    for (const ScoredItem& s : *ranking) {
      if (static_cast<int>(ids.size()) >= count) break;
      if (!std::binary_search(begin, end, s.id)) ids.push_back(s.id);
    }
  };
}

BlockRecommendFunction block_model_ranking(const BlockTopK& scorer, const CsrMatrix& train) {
  return [&scorer, &train](const int32_t* users, int n, int k, std::vector<std::vector<int32_t>>& ids) {
    scorer.recommend(train, users, n, k, ids);
  };
}

std::vector<int32_t> sample_test_users(const CsrMatrix& test, int max_users, uint64_t seed) {
  std::vector<int32_t> users;
  for (int32_t u = 0; u < test.rows; ++u)
    if (test.row_size(u) > 0) users.push_back(u);
  if (max_users < 0 || static_cast<int64_t>(users.size()) <= max_users) return users;
  // A partial Fisher–Yates shuffle picks max_users of them, then back in order.
  SplitMix64 rng(seed);
  for (int j = 0; j < max_users; ++j) std::swap(users[j], users[j + rng.below(users.size() - j)]);
  users.resize(max_users);
  std::sort(users.begin(), users.end());
  return users;
}

}  // namespace als
