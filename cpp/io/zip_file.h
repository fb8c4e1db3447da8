// Reads .zip archives on disk (GroupLens MovieLens zips for the CLI, numpy
// .npz files): libzip (Debian's libzip-dev) reads the archive's directory —
// each entry's sizes, method and encryption, ZIP64 fields included (sizes
// or counts past 32 bits, numpy's force_zip64 headers) — and hands out an
// entry's compressed bytes, which zlib inflates here chunk by chunk, so the
// ratio guard counts exactly how much compressed data went in. Native only:
// the page reads zips in JavaScript.
//
// (Debian's minizip 1.1 was the first choice, but it cannot read ZIP64 sizes
// from the central directory on 64-bit Linux: it compares them with
// (ZPOS64_T)(unsigned long)-1, which is 2^64 - 1 there, not 0xFFFFFFFF.)
//
// A hostile archive is refused with a message of its own: an entry that
// inflates more than max_ratio : 1 once ratio_checked_after bytes came out of
// it (a zip bomb), archives that inflate past max_total_bytes in all, nested
// zips, entry names that climb out of the archive ("../x", "/etc/x"),
// encrypted entries, and truncated or corrupt archives.
//
//   ZipFile zip("ml-25m.zip");
//   for (const ZipEntry& e : zip.entries()) ...
//   zip.read(k, [](const char* bytes, size_t size) { ...; return true; });
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace als {

struct ZipLimits {
  double max_ratio = 100;                      // inflated : compressed, per entry (MovieLens: 3-5 : 1)
  uint64_t ratio_checked_after = 64ull << 20;  // the ratio is judged once this much came out of an entry
  uint64_t max_total_bytes = 16ull << 30;      // inflated from one archive in all
};

struct ZipEntry {
  std::string name;                // as stored ("ml-25m/ratings.csv"), UTF-8
  uint64_t compressed_size = 0;    // from the central directory (ZIP64 sizes included)
  uint64_t uncompressed_size = 0;  // declared; a read never goes past it
  uint16_t method = 0;             // 0 stored, 8 deflated
  bool encrypted = false;          // any encryption (traditional PKWARE, AES)
  uint32_t crc = 0;

  bool is_directory() const { return !name.empty() && (name.back() == '/' || name.back() == '\\'); }
  // "../x", "/x", "C:\x", "a/../../x": a name that would land outside the folder it is unpacked into.
  bool escapes_archive() const;
  // By name: "inner.zip" (a zip inside the zip is also caught by its first bytes when read).
  bool looks_like_zip() const;
};

// What is wrong with an archive or one of its entries; what() names both.
class ZipError : public std::runtime_error {
 public:
  ZipError(std::string archive, std::string entry, const std::string& reason);
  const std::string& archive() const { return archive_; }
  const std::string& entry() const { return entry_; }  // "" for the archive as a whole

 private:
  std::string archive_, entry_;
};

class ZipFile {
 public:
  // Opens the archive and lists it; throws ZipError when it is not a zip,
  // truncated, or its directory is corrupt.
  explicit ZipFile(const std::string& path, ZipLimits limits = {});
  ~ZipFile();
  ZipFile(const ZipFile&) = delete;
  ZipFile& operator=(const ZipFile&) = delete;

  const std::string& path() const { return path_; }
  const std::vector<ZipEntry>& entries() const { return entries_; }
  // Index of the entry with this exact name, or -1.
  int64_t find(const std::string& name) const;

  // Streams entry `index` to on_chunk in chunks of at most chunk_bytes, with
  // the limits above; checks the size and CRC at the end. on_chunk returns
  // false to stop early (the rest is not inflated, nor checked). Throws
  // ZipError (encrypted, unsupported method, a zip inside, a bomb, corrupt or
  // truncated data) and lets the callback's exceptions through.
  void read(size_t index, const std::function<bool(const char* bytes, size_t size)>& on_chunk,
            size_t chunk_bytes = 4 << 20);
  // The whole entry (for small ones: numpy arrays, model parts), same checks.
  std::string read_all(size_t index);

  // Bytes inflated from this archive so far, all entries together.
  uint64_t inflated_total() const { return inflated_total_; }

 private:
  std::string path_;
  ZipLimits limits_;
  std::vector<ZipEntry> entries_;
  struct Handle;
  std::unique_ptr<Handle> handle_;
  uint64_t inflated_total_ = 0;
};

// True when the file starts with a zip signature (a local header or an empty archive).
bool file_looks_like_zip(const std::string& path);

// "64.0 MB", "2.1 kB": sizes in messages.
std::string byte_size_text(uint64_t bytes);

}  // namespace als
