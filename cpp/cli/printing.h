// How the CLI shows things: aligned tables with titles, like the tutorial's
// printouts, and a progress bar on stderr while training.
#pragma once

#include <string>
#include <vector>

#include "als/als_trainer.h"
#include "data/dataset.h"
#include "eval/ranking_metrics.h"
#include "io/parse_report.h"
#include "queries/recommender.h"

namespace als::cli {

void print_load_report(const LoadReport& report);
void print_stats(const Dataset& data, int top);
void print_scored_items(const std::string& heading, const Dataset& data, const std::vector<ScoredItem>& items);
void print_explanation(const Dataset& data, int32_t item, const Explanation& e);
void print_metrics(const std::string& name, const RankingMetrics& m);
void print_progress(const TrainingProgress& p);  // one redrawn line on stderr
std::string with_thousands(long long n);

}  // namespace als::cli
