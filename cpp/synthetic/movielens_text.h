// Text of the MovieLens file formats, line by line, and a buffered sink so a
// 650 MB ratings file streams through in 1 MB chunks instead of being held.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "synthetic/movie_catalog.h"
#include "synthetic/synthetic_spec.h"
#include "synthetic/user_ratings.h"

namespace als {

// Receives the output text in order, chunk by chunk.
using TextSink = std::function<void(std::string_view)>;

class BufferedTextSink {
 public:
  explicit BufferedTextSink(const TextSink& sink, size_t chunk_bytes = 1 << 20) : sink_(sink), chunk_(chunk_bytes) {
    buffer_.reserve(chunk_bytes + 4096);
  }
  std::string& buffer() { return buffer_; }  // append here, then maybe_flush(); flush() at the end
  void maybe_flush() {
    if (buffer_.size() >= chunk_) flush();
  }
  void flush() {
    if (!buffer_.empty()) sink_(buffer_);
    buffer_.clear();
  }

 private:
  const TextSink& sink_;
  size_t chunk_;
  std::string buffer_;
};

// RFC 4180: quoted (with "" for ") when the field holds , " CR or LF.
void append_csv_field(std::string& out, std::string_view field);

// Header line ("userId,movieId,rating,timestamp\n"), empty for headerless formats.
std::string ratings_header(SyntheticFormat format);
std::string movies_header(SyntheticFormat format);

void append_rating_line(std::string& out, const SyntheticRating& rating, SyntheticFormat format);
void append_movie_line(std::string& out, const SyntheticMovie& movie, SyntheticFormat format);

}  // namespace als
