// Does a model trained elsewhere belong to the data set loaded here? The one
// place that decides it, for implicit's .npz (rows matched by a convention)
// and Spark's ALSModel (rows matched by id) alike.
//
// Two kinds of evidence: the ids (how many of the data's users and items have
// a row in the model) and the scores (a model ranks the items a user rated
// above random other items: for rows matched to the wrong ids that happens
// about half the time, for the right ones far more often).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "data/dataset.h"

namespace als {

struct ModelFit {
  int64_t model_users = 0, model_items = 0;      // rows in the model's files
  int32_t data_users = 0, data_items = 0;        // the data set's
  int32_t users_matched = 0, items_matched = 0;  // data users / items with a row in the model
  // P(x_u·y_i > x_u·y_j) for a rated item i and an unrated item j of a user u
  // (ties count half), over pairs_checked sampled pairs; 0.5 = chance.
  double rated_pair_auc = 0.5;
  int64_t pairs_checked = 0;
  bool fits = false;       // enough of the data's items have rows to answer with it
  bool plausible = false;  // fits, and the scores look like a model of these ratings
  std::string message;     // what is wrong, or "" when it fits and is plausible
};

// score(user, item): x_u·y_i for data indices, NaN when either has no row.
ModelFit judge_model_fit(const Dataset& data, int64_t model_users, int64_t model_items, int32_t users_matched,
                         int32_t items_matched, const std::function<double(int32_t, int32_t)>& score);

}  // namespace als
