// Whether a data set can be the input of a model of star ratings (explicit
// ALS): a rating model fits the values themselves, so values that carry no
// rating — one value per interaction (binary data) or play counts — would
// train a model that predicts nothing meaningful.
#pragma once

#include <string>

#include "core/csr_matrix.h"
#include "io/file_format.h"

namespace als {

// Why these data cannot train a rating model, in a sentence that says what to
// change; "" when they can. `format` is the ratings file's (Last.fm's play
// counts are refused whatever their values).
std::string explain_why_not_ratings(FileFormat format, const CsrMatrix& user_items);
// The same from the values alone (no ratings, one value, non-finite values).
std::string explain_why_not_ratings(const CsrMatrix& user_items);

// Throws std::invalid_argument with explain_why_not_ratings(user_items) when it is not "".
void require_rating_data(const CsrMatrix& user_items);

}  // namespace als
