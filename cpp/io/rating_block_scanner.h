// The loader's fast path for the MovieLens rating layouts: a block of whole
// lines ("user SEP movie SEP rating SEP timestamp\n", SEP one of ',' '\t'
// "::") scanned in one tight loop, ids read straight to numbers, nothing
// allocated per line. A line of exactly that shape, with small canonical ids
// (what IdMap indexes directly) and a plain decimal rating in 0.5..5, becomes
// a ScannedRating with the same value RecordParser gives it; every other line
// (a header, a blank or malformed line, big or zero-padded ids, an over-long
// line) is handed back untouched for RecordParser, the readable reference,
// in its place in the file. Scanning is pure, so parts of a block can be
// scanned on several threads and merged in order (DatasetLoader does).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace als {

class IdMap;

struct ScannedRating {
  static constexpr uint32_t kOtherLine = 0xFFFFFFFFu;
  // Set by resolve_known_ids: the field holds the id's index in the id map
  // (with this bit), not the id.
  static constexpr uint32_t kIndexBit = 0x80000000u;
  uint32_t user;  // the user id as a number, or kOtherLine: item indexes other_lines
  uint32_t item;  // the movie id as a number
  float value;
};

struct ScannedBlock {
  std::vector<ScannedRating> lines;           // one per line of the block, in order
  std::vector<std::string_view> other_lines;  // without their '\n' (a '\r' is kept), into the block
  bool integer_values = true;                 // every scanned rating is whole
  bool half_star_values = true;               // every scanned rating is a multiple of 0.5
  bool first_line_pending = false;            // first_line_is_other, and no line here was that first line

  void clear() {
    lines.clear();
    other_lines.clear();
    integer_values = half_star_values = true;
    first_line_pending = false;
  }
};

struct BlockScanOptions {
  char separator = ',';             // ':' means "::"
  size_t max_line_bytes = 1 << 20;  // longer lines go to the reference path (which reports them)
  // The file's first line (a possible header) is yet to come: left to the
  // reference, and so are the blank and over-long lines before it, which
  // RecordParser does not count as the first.
  bool first_line_is_other = false;
};

// Scans `block`, whole lines each ending in '\n', appending to `out`.
void scan_rating_block(std::string_view block, const BlockScanOptions& options, ScannedBlock& out);

// Replaces the ids already in the maps by their indices (kIndexBit set), so
// that merging a part needs no lookup for them. Read only on the maps: parts
// of a block can be resolved on several threads while nothing is added.
void resolve_known_ids(ScannedBlock& block, const IdMap& users, const IdMap& items);

// Ids the fast path reads as numbers: no sign, no leading zero, below this
// (IdMap's directly indexed range, so the number is the id).
constexpr uint32_t kScannedIdLimit = 1u << 21;

}  // namespace als
