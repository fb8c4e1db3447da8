// Ratings files are grouped by user, so the same user id repeats line after
// line. Remembering the last id answers those repeats with one compare instead
// of an IdMap lookup, which for text ids (Last.fm sha1 users) would also build
// a std::string each time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/id_map.h"

namespace als {

class LastIdCache {
 public:
  int32_t intern(IdMap& map, std::string_view id) {
    if (last_index_ >= 0 && id == last_id_) return last_index_;
    last_index_ = map.intern(id);
    last_id_.assign(id);
    return last_index_;
  }

 private:
  std::string last_id_;
  int32_t last_index_ = -1;
};

}  // namespace als
