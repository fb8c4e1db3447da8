#include "core/id_map.h"

#include <algorithm>

namespace als {

IdMap::IdMap(const IdMap& other) {
  for (const std::string& id : other.external_) intern(id);
}

IdMap& IdMap::operator=(const IdMap& other) {
  if (this != &other) {
    IdMap copy(other);
    *this = std::move(copy);
  }
  return *this;
}

int64_t IdMap::as_small_number(std::string_view id) {
  // Canonical only: no sign, no leading zero (so "007" and "7" stay distinct ids).
  if (id.empty() || id.size() > 7 || (id.size() > 1 && id[0] == '0')) return -1;
  int64_t v = 0;
  for (char c : id) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v < kDirectLimit ? v : -1;
}

int32_t IdMap::intern(std::string_view external_id) {
  const int64_t n = as_small_number(external_id);
  if (n >= 0) {
    if (static_cast<size_t>(n) >= by_number_.size()) {
      const size_t grown = std::max<size_t>(static_cast<size_t>(n) + 1, by_number_.size() * 2);
      by_number_.resize(std::min<size_t>(grown, kDirectLimit), kMissing);
    }
    int32_t& slot = by_number_[n];
    if (slot == kMissing) {
      slot = size();
      external_.emplace_back(external_id);
    }
    return slot;
  }
  auto it = by_text_.find(external_id);
  if (it != by_text_.end()) return it->second;
  const int32_t index = size();
  external_.emplace_back(external_id);
  by_text_.emplace(std::string_view(external_.back()), index);
  return index;
}

int32_t IdMap::find(std::string_view external_id) const {
  const int64_t n = as_small_number(external_id);
  if (n >= 0) return static_cast<size_t>(n) < by_number_.size() ? by_number_[n] : kMissing;
  auto it = by_text_.find(external_id);
  return it == by_text_.end() ? kMissing : it->second;
}

IdMap IdMap::subset(const std::vector<int32_t>& keep) const {
  IdMap m;
  for (int32_t index : keep) m.intern(external_[index]);
  return m;
}

}  // namespace als
