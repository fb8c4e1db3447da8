#include "cli/neighbours_command.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "als/als_trainer.h"
#include "als/factor_kernels.h"
#include "cli/printing.h"
#include "eval/neighbour_quality.h"
#include "eval/split.h"
#include "queries/item_support.h"
#include "queries/recommender.h"

namespace als::cli {
namespace {

struct Rule {
  std::string name;
  int32_t min_support;
  double shrinkage;
};

std::vector<Rule> rules_of(const Arguments& args, int32_t minimum) {
  std::vector<Rule> rules = {{"every item, the raw cosine", 0, 0.0}};
  if (minimum <= 0) return rules;  // a toy set: no minimum, so no rule to compare
  rules.push_back({"at least " + std::to_string(minimum) + " users", minimum, 0.0});
  std::vector<std::string> betas = args.list("shrinkage");
  if (betas.empty()) betas = {"2", "5", "10", "20"};
  for (const std::string& text : betas) {
    char* end = nullptr;
    const double beta = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || *end != 0 || !(beta > 0))
      throw UsageError("--shrinkage takes numbers above 0, not \"" + text + "\"");
    char name[96];
    std::snprintf(name, sizeof name, "at least %d, x n/(n + %g)%s", minimum, beta,
                  beta == kDefaultSupportShrinkage ? " (the page's)" : "");
    rules.push_back({name, minimum, beta});
  }
  return rules;
}

// The raw cosine of two items' factor vectors.
double cosine(const FactorMatrix& Y, int32_t a, int32_t b) {
  const double ab = kernels::dot(Y.row(a), Y.row(b), Y.stride());
  const double aa = kernels::dot(Y.row(a), Y.row(a), Y.stride()), bb = kernels::dot(Y.row(b), Y.row(b), Y.stride());
  return aa > 0 && bb > 0 ? ab / std::sqrt(aa * bb) : 0.0;
}

}  // namespace

int run_neighbours(const Arguments& args, const Dataset& data, const AlsConfig& als) {
  const int most_popular = static_cast<int>(args.integer("most-popular", 50));
  const int count = static_cast<int>(args.integer("count", 10));
  const double test_fraction = args.number("test-fraction", 0.2);
  if (!(test_fraction > 0 && test_fraction < 1)) throw UsageError("--test-fraction must be between 0 and 1");
  const TrainTestSplit split = train_test_split(data.user_items, 1.0 - test_fraction, als.seed);
  std::fprintf(stderr, "training ALS (%d factors, %d iterations) on %s of %s ratings\n", als.factors, als.iterations,
               with_thousands(split.train.nnz()).c_str(), with_thousands(data.user_items.nnz()).c_str());
  AlsConfig config = als;
  config.compute_loss = false;
  AlsTrainer trainer(split.train, config);
  while (!trainer.done()) trainer.advance(1.0);
  const AlsModel model = trainer.take_model();

  const std::vector<int32_t> train_support = item_support(transpose(split.train));
  const std::vector<int32_t> all_support = item_support(data.item_users);
  const CsrMatrix test_item_users = transpose(split.test);
  const Recommender recommender(model, train_support);
  const std::vector<int32_t> items = most_supported_items(all_support, most_popular);
  const int32_t minimum = default_min_support(train_support);

  std::printf(
      "held-out neighbour quality: ALS on %.0f%% of the ratings (seed %llu), the %d most popular items' "
      "top %d similar\n",
      (1 - test_fraction) * 100, static_cast<unsigned long long>(als.seed), static_cast<int>(items.size()), count);
  std::printf("(held-out: of the users who kept an item in the test part, the share who kept each neighbour there)\n");
  std::printf("(cosine: the mean raw cosine of the listed neighbours, what a rule gives up of similarity)\n\n");
  std::printf("%-44s %8s %14s %14s %10s %8s\n", "rule", "listed", "< 10 users", "< 20 users", "held-out", "cosine");
  for (const Rule& rule : rules_of(args, minimum)) {
    SimilarOptions options;
    options.count = count;
    options.include_self = false;
    options.min_support = rule.min_support;
    options.support_shrinkage = rule.shrinkage;
    std::vector<std::vector<ScoredItem>> lists;
    for (int32_t item : items) lists.push_back(recommender.similar_items(item, options));
    const NeighbourQuality q = neighbour_quality(items, lists, all_support, test_item_users);
    const double listed = q.listed ? static_cast<double>(q.listed) : 1.0;
    double cosines = 0;
    for (size_t k = 0; k < items.size(); ++k)
      for (const ScoredItem& s : lists[k]) cosines += cosine(model.item_factors, items[k], s.id);
    std::printf("%-44s %8lld %6lld (%4.1f%%) %6lld (%4.1f%%) %10.4f %8.4f\n", rule.name.c_str(),
                static_cast<long long>(q.listed), static_cast<long long>(q.under_10), 100.0 * q.under_10 / listed,
                static_cast<long long>(q.under_20), 100.0 * q.under_20 / listed, q.held_out, cosines / listed);
  }
  return 0;
}

}  // namespace als::cli
