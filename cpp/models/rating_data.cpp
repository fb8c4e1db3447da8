#include "models/rating_data.h"

#include <cmath>
#include <stdexcept>

namespace als {

std::string explain_why_not_ratings(const CsrMatrix& user_items) {
  if (user_items.nnz() == 0) return "this model learns from star ratings; these data hold no ratings — load ratings";
  for (float v : user_items.values)
    if (!std::isfinite(v)) return "a rating is not a finite number — check the ratings file";
  const float first = user_items.values.front();
  for (float v : user_items.values)
    if (v != first) return "";
  return "this model learns from star ratings; these data hold one value per interaction — load ratings, or choose "
         "an implicit model";
}

std::string explain_why_not_ratings(FileFormat format, const CsrMatrix& user_items) {
  if (format == FileFormat::kLastFmPlays)
    return "this model learns from star ratings; these data hold play counts, not stars — load ratings, or choose "
           "an implicit model";
  return explain_why_not_ratings(user_items);
}

void require_rating_data(const CsrMatrix& user_items) {
  const std::string why = explain_why_not_ratings(user_items);
  if (!why.empty()) throw std::invalid_argument(why);
}

}  // namespace als
