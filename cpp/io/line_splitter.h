// Cuts a byte stream that arrives in arbitrary chunks into lines. Lines that
// lie inside one chunk are handed out without copying; only a line cut by a
// chunk boundary is carried over. A UTF-8 byte order mark at the start is
// dropped, "\r\n" and "\n" both end a line, and a last line without newline
// is handed out by finish(). A line longer than the limit is never buffered
// whole: only its start is kept (for the error report) and it is flagged.
//
//   LineSplitter lines(max_line_bytes);
//   lines.feed(chunk, size, on_line);   // on_line(std::string_view text, int64_t number, bool too_long)
//   lines.finish(on_line);
//
// feed_blocks() hands the whole lines inside a chunk out as one block instead,
// for a scanner that reads many lines in one loop (see rating_block_scanner.h).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace als {

class LineSplitter {
 public:
  // Bytes of an over-long line kept for its excerpt (fewer when the limit is lower).
  static constexpr size_t kKeptPrefix = 256;

  explicit LineSplitter(size_t max_line_bytes = size_t{1} << 20)
      : max_line_bytes_(max_line_bytes), kept_prefix_(std::min(kKeptPrefix, max_line_bytes)) {}

  template <class OnLine>
  void feed(const char* data, size_t size, OnLine&& on_line) {
    if (size == 0) return;
    if (!bom_checked_ && !skip_bom(data, size)) return;
    while (size > 0) {
      const char* newline = static_cast<const char*>(std::memchr(data, '\n', size));
      if (newline == nullptr) {
        carry(data, size);
        return;
      }
      size_t length = static_cast<size_t>(newline - data);
      if (carried_.empty() && !overflowed_) {
        emit(std::string_view(data, length), on_line);
      } else {
        carry(data, length);
        emit_carried(on_line);
      }
      data = newline + 1;
      size -= length + 1;
    }
  }

  // Like feed(), but the whole lines inside the chunk go to
  // on_block(std::string_view block, int64_t first_line_number) as one block
  // that ends with '\n'; on_block returns how many lines the block held
  // (and hands each out itself, see line_as_handed_out). Only the line cut
  // by a chunk boundary goes through on_line.
  template <class OnLine, class OnBlock>
  void feed_blocks(const char* data, size_t size, OnLine&& on_line, OnBlock&& on_block) {
    if (size == 0) return;
    if (!bom_checked_ && !skip_bom(data, size)) return;
    if (!carried_.empty() || overflowed_) {
      const char* newline = static_cast<const char*>(std::memchr(data, '\n', size));
      if (newline == nullptr) {
        carry(data, size);
        return;
      }
      size_t length = static_cast<size_t>(newline - data);
      carry(data, length);
      emit_carried(on_line);
      data = newline + 1;
      size -= length + 1;
    }
    size_t block = size;
    while (block > 0 && data[block - 1] != '\n') --block;
    if (block > 0) {
      const int64_t first = line_number_ + 1;
      line_number_ += on_block(std::string_view(data, block), first);
    }
    if (block < size) carry(data + block, size - block);
  }

  // A line of a block as feed() would hand it out: without its "\r", and cut
  // to its kept start when longer than the limit (too_long).
  std::string_view line_as_handed_out(std::string_view line, bool& too_long) const {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    too_long = line.size() > max_line_bytes_;
    return too_long ? line.substr(0, kept_prefix_) : line;
  }

  // Hands out the last line when the stream did not end with a newline.
  template <class OnLine>
  void finish(OnLine&& on_line) {
    if (!bom_checked_) {
      carried_.append(reinterpret_cast<const char*>(kBom), bom_matched_);
      bom_checked_ = true;
      bom_matched_ = 0;
    }
    if (!carried_.empty() || overflowed_) emit_carried(on_line);
  }

  // Lines handed out so far (the number of the last one).
  int64_t lines() const { return line_number_; }

 private:
  static constexpr unsigned char kBom[3] = {0xEF, 0xBB, 0xBF};

  // Consumes the byte order mark (possibly split over chunks); false when all
  // of this chunk was consumed and more bytes are needed to decide.
  bool skip_bom(const char*& data, size_t& size) {
    while (size > 0 && bom_matched_ < 3) {
      if (static_cast<unsigned char>(*data) != kBom[bom_matched_]) {
        carried_.append(reinterpret_cast<const char*>(kBom), bom_matched_);  // not a BOM: content
        bom_checked_ = true;
        bom_matched_ = 0;
        return true;
      }
      ++bom_matched_;
      ++data;
      --size;
    }
    if (bom_matched_ == 3) {
      bom_checked_ = true;
      bom_matched_ = 0;
      return true;
    }
    return false;
  }

  // Appends part of an unfinished line, keeping only its start once it is known
  // to be too long (max + 2 bytes: the line may still end in "\r"). The start
  // kept is the same however the chunks were cut, and never holds that "\r".
  void carry(const char* data, size_t size) {
    if (overflowed_) return;
    if (carried_.size() + size <= max_line_bytes_ + 1) {
      carried_.append(data, size);
      return;
    }
    overflowed_ = true;
    if (carried_.size() < kept_prefix_)
      carried_.append(data, std::min(size, kept_prefix_ - carried_.size()));
    else
      carried_.resize(kept_prefix_);
  }

  template <class OnLine>
  void emit(std::string_view line, OnLine& on_line) {
    bool too_long;
    line = line_as_handed_out(line, too_long);
    on_line(line, ++line_number_, too_long);
  }

  template <class OnLine>
  void emit_carried(OnLine& on_line) {
    if (overflowed_) {
      on_line(std::string_view(carried_), ++line_number_, true);
    } else {
      emit(std::string_view(carried_), on_line);
    }
    carried_.clear();
    overflowed_ = false;
  }

  size_t max_line_bytes_;
  size_t kept_prefix_;
  std::string carried_;  // the unfinished line (or the kept start of an over-long one)
  bool overflowed_ = false;
  bool bom_checked_ = false;
  size_t bom_matched_ = 0;
  int64_t line_number_ = 0;
};

}  // namespace als
