// Maps external ids (as written in the data files: "1193", or a Last.fm sha1)
// to dense indices 0..n-1 and back. Small non-negative integer ids, by far the
// common case, take a direct-indexed fast path instead of hashing; text ids are
// looked up without allocating (the map's keys view strings that never move).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace als {

class IdMap {
 public:
  static constexpr int32_t kMissing = -1;
  // Canonical decimal integers below kDirectLimit use by_number_ (at most
  // 8 MB however large the ids); anything else is text.
  static constexpr int64_t kDirectLimit = 1 << 21;

  IdMap() = default;
  IdMap(const IdMap& other);
  IdMap& operator=(const IdMap& other);
  IdMap(IdMap&&) noexcept = default;
  IdMap& operator=(IdMap&&) noexcept = default;

  // Index of an id, adding it when new.
  int32_t intern(std::string_view external_id);
  // intern() of a canonical small number id (0 <= number < kDirectLimit, its
  // text the plain decimal), without reading the text: the loader's fast path.
  int32_t intern_number(int64_t number) {
    if (static_cast<size_t>(number) < by_number_.size() && by_number_[number] != kMissing) return by_number_[number];
    return intern(std::to_string(number));
  }
  // find() of a canonical small number id (as intern_number), read only.
  int32_t find_number(int64_t number) const {
    return static_cast<size_t>(number) < by_number_.size() ? by_number_[number] : kMissing;
  }
  // Index of an id, or kMissing.
  int32_t find(std::string_view external_id) const;

  int32_t size() const { return static_cast<int32_t>(external_.size()); }
  const std::string& external_id(int32_t index) const { return external_[index]; }
  const std::deque<std::string>& external_ids() const { return external_; }

  // A new map holding only the given indices, renumbered in that order.
  IdMap subset(const std::vector<int32_t>& keep) const;

 private:
  static int64_t as_small_number(std::string_view id);

  std::vector<int32_t> by_number_;
  std::unordered_map<std::string_view, int32_t> by_text_;  // keys view external_
  std::deque<std::string> external_;                       // a deque: elements never move
};

}  // namespace als
