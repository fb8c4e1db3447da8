// Splits the rows of a CSR matrix into tasks of about the same number of
// entries, so one heavy user does not leave the other threads idle. The split
// depends only on the matrix, never on the thread count.
#pragma once

#include <cstdint>
#include <vector>

#include "core/csr_matrix.h"

namespace als {

struct RowRange {
  int32_t begin;
  int32_t end;
};

// Tasks of about `entries_per_task` entries (a row counts as at least
// `row_cost` entries, so empty rows are not free), consecutive and covering all rows.
std::vector<RowRange> partition_rows(const CsrMatrix& m, int64_t entries_per_task, int64_t row_cost = 16);

}  // namespace als
