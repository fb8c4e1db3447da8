// Builds zip archives for the tests with minizip's writer (the same library
// the engine reads with): ordinary GroupLens-like zips, ZIP64 entries, and
// the hostile ones — bombs, nested zips, traversal names, encrypted entries.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace als::testing {

struct ZipInput {
  ZipInput(std::string name, std::string content, bool deflate = true, bool zip64 = false, std::string password = "")
      : name(std::move(name)),
        content(std::move(content)),
        deflate(deflate),
        zip64(zip64),
        password(std::move(password)) {}
  std::string name;
  std::string content;
  bool deflate;
  bool zip64;            // ZIP64 extra fields in the local header (as numpy's force_zip64)
  std::string password;  // "" unencrypted
};

// Writes the entries; throws std::runtime_error when minizip fails.
void write_zip(const std::string& path, const std::vector<ZipInput>& entries);

// A deflated entry of `head` followed by `newlines` '\n' bytes, streamed (never
// held whole). padding > 0 adds that many bytes after the deflate stream and
// counts them in the compressed size, so the directory declares a modest
// ratio while the data inflate far more (only reading can tell).
void write_newline_bomb(const std::string& path, const std::string& entry_name, const std::string& head,
                        uint64_t newlines, uint64_t padding = 0);

// Every entry of a folder, names relative to `top_parent` (so "ml-1m/ratings.dat").
std::vector<ZipInput> folder_entries(const std::string& folder, const std::string& top_parent);

std::string read_file_bytes(const std::string& path);

}  // namespace als::testing
