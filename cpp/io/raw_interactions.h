// Everything read from the files, before any filtering: ratings as (user,
// item, value) with dense indices into the two id maps, and item titles and
// genres. Preparation (threshold, duplicates, CSR) works from this, so the
// threshold can change without reading the files again.
#pragma once

#include <string>
#include <vector>

#include "core/csr_matrix.h"
#include "core/id_map.h"
#include "io/file_format.h"
#include "io/parse_report.h"

namespace als {

struct RawInteractions {
  IdMap users;
  IdMap items;                           // items seen in ratings or titles files
  std::vector<Triplet> ratings;          // row = user index, col = item index
  std::vector<std::string> item_titles;  // by item index; "" when unknown (UTF-8)
  std::vector<std::string> item_genres;  // by item index; "Action|Comedy", "" when unknown
  FileFormat ratings_format = FileFormat::kUnknown;
  LoadReport report;

  bool integer_values = true;    // every value an integer (plays, 1..5 stars)
  bool half_star_values = true;  // every value a multiple of 0.5

  // Keeps item_titles/item_genres as long as the id map.
  void sync_item_columns() {
    item_titles.resize(items.size());
    item_genres.resize(items.size());
  }
};

}  // namespace als
