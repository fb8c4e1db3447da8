// Streaming loader: files arrive as byte chunks (the browser reads File slices),
// lines are parsed as they complete, and no file is ever held whole in memory.
//
//   DatasetLoader loader;
//   loader.begin_file("ml-1m/ratings.dat");
//   loader.feed(chunk, size);  ... as many times as needed
//   loader.end_file();
//   ... more files ...
//   RawInteractions raw = loader.finish();
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "io/raw_interactions.h"
#include "io/zip_file.h"

namespace als {

struct LoadOptions {
  bool strict = false;              // stop (throw ParseError) at the first malformed line
  size_t max_line_bytes = 1 << 20;  // longer lines are malformed (and never buffered whole)
  // MovieLens ratings are scanned a block of lines at a time (rating_block_scanner.h);
  // false sends every line through RecordParser, the reference the fast path is tested against.
  bool block_scanner = true;
  // Threads that scan a block's parts (merged in file order, so the result is
  // the same for any count); <= 0: ThreadPool::for_job's default (all cores,
  // or the page's shared pool in WebAssembly).
  int threads = 1;
  // A block is cut into parts for several threads only when each part gets at
  // least this much: below it, waking the threads costs more than it saves.
  // (Tests and the fuzzer lower it to cut small inputs too.)
  size_t min_part_bytes = 512 * 1024;
};

class DatasetLoader {
 public:
  explicit DatasetLoader(LoadOptions options = {});
  ~DatasetLoader();
  DatasetLoader(DatasetLoader&&) noexcept;
  DatasetLoader& operator=(DatasetLoader&&) noexcept;

  // Starts a file; its format is detected from the name and its first bytes.
  // A forced kind (e.g. from the UI) skips detection.
  void begin_file(std::string name);
  void begin_file(std::string name, const FileKind& forced_kind);
  // The current file's size, when known (optional): room for its ratings is
  // made once, instead of the ratings vector growing (and being copied) by
  // doubling — which in WebAssembly took a fifth of the parsing time.
  void expect_file_bytes(uint64_t bytes);
  void feed(const char* bytes, size_t size);
  void feed(std::string_view bytes) { feed(bytes.data(), bytes.size()); }
  // Ends the current file and returns its report.
  const FileReport& end_file();

  // The kind of the current file (known once enough bytes arrived or at end_file).
  const FileKind& current_kind() const;
  int64_t ratings_so_far() const;

  // Hands over what was read; the loader is empty afterwards.
  // Throws ParseError when nothing usable was read (no ratings file, ...).
  RawInteractions finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// For the CLI and the tests (native only, cpp/io/load_from_disk.cpp): loads
// files from disk chunk by chunk. A zip archive (known by its first bytes) is
// read like a folder named after it, every entry streamed through the
// archive limits (cpp/io/zip_file.h).
RawInteractions load_files(const std::vector<std::string>& paths, LoadOptions options = {}, ZipLimits zip_limits = {});
// Loads every recognised file in a folder (e.g. an unzipped ml-1m/).
RawInteractions load_folder(const std::string& folder, LoadOptions options = {}, ZipLimits zip_limits = {});

}  // namespace als
