// Maps external ids (as written in the data files: "1193", or a Last.fm sha1)
// to dense indices 0..n-1 and back. Small non-negative integer ids, by far the
// common case, take a direct-indexed fast path instead of hashing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace als {

class IdMap {
 public:
  static constexpr int32_t kMissing = -1;

  // Index of an id, adding it when new.
  int32_t intern(std::string_view external_id);
  // Index of an id, or kMissing.
  int32_t find(std::string_view external_id) const;

  int32_t size() const { return static_cast<int32_t>(external_.size()); }
  const std::string& external_id(int32_t index) const { return external_[index]; }
  const std::vector<std::string>& external_ids() const { return external_; }

  // A new map holding only the given indices, renumbered in that order.
  IdMap subset(const std::vector<int32_t>& keep) const;

 private:
  // Ids that are canonical decimal integers below kDirectLimit use by_number_.
  static constexpr int64_t kDirectLimit = 1 << 24;
  static int64_t as_small_number(std::string_view id);

  std::vector<int32_t> by_number_;
  std::unordered_map<std::string, int32_t> by_text_;
  std::vector<std::string> external_;
};

}  // namespace als
