#include "als/row_partition.h"

namespace als {

std::vector<RowRange> partition_rows(const CsrMatrix& m, int64_t entries_per_task, int64_t row_cost) {
  std::vector<RowRange> tasks;
  int32_t begin = 0;
  int64_t load = 0;
  for (int32_t r = 0; r < m.rows; ++r) {
    load += m.row_size(r) + row_cost;
    if (load >= entries_per_task) {
      tasks.push_back({begin, r + 1});
      begin = r + 1;
      load = 0;
    }
  }
  if (begin < m.rows) tasks.push_back({begin, m.rows});
  return tasks;
}

}  // namespace als
