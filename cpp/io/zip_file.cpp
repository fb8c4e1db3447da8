#include "io/zip_file.h"

#include <unzip.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "io/text_encoding.h"

namespace als {
namespace {

constexpr uLong kUtf8NameFlag = 1u << 11;  // general purpose bit 11: the name is UTF-8

std::string lower(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

std::string ratio_text(double ratio) {
  char text[32];
  std::snprintf(text, sizeof text, ratio >= 10 ? "%.0f : 1" : "%.1f : 1", ratio);
  return text;
}

bool starts_like_zip(const char* bytes, size_t size) {
  return size >= 4 && bytes[0] == 'P' && bytes[1] == 'K' &&
         ((bytes[2] == 3 && bytes[3] == 4) || (bytes[2] == 5 && bytes[3] == 6));
}

}  // namespace

std::string byte_size_text(uint64_t bytes) {
  const char* units[] = {"bytes", "kB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1000 && unit < 4) {
    value /= 1000;
    ++unit;
  }
  char text[32];
  if (unit == 0) std::snprintf(text, sizeof text, "%llu bytes", static_cast<unsigned long long>(bytes));
  else std::snprintf(text, sizeof text, "%.1f %s", value, units[unit]);
  return text;
}

bool ZipEntry::escapes_archive() const {
  if (name.empty()) return false;
  if (name[0] == '/' || name[0] == '\\') return true;
  if (name.size() >= 2 && name[1] == ':') return true;  // "C:\..." or "C:x"
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find_first_of("/\\", start);
    if (end == std::string::npos) end = name.size();
    if (name.compare(start, end - start, "..") == 0) return true;
    start = end + 1;
  }
  return false;
}

bool ZipEntry::looks_like_zip() const {
  const std::string n = lower(name);
  return n.size() >= 4 && n.compare(n.size() - 4, 4, ".zip") == 0;
}

ZipError::ZipError(std::string archive, std::string entry, const std::string& reason)
    : std::runtime_error(archive + ": " + (entry.empty() ? "" : entry + ": ") + reason),
      archive_(std::move(archive)),
      entry_(std::move(entry)) {}

bool file_looks_like_zip(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return false;
  char head[4];
  const size_t got = std::fread(head, 1, sizeof head, file);
  std::fclose(file);
  return starts_like_zip(head, got);
}

struct ZipFile::Handle {
  unzFile file = nullptr;
  std::vector<unz64_file_pos> positions;  // where each entry's directory record is
  ~Handle() {
    if (file != nullptr) unzClose(file);
  }
};

ZipFile::ZipFile(const std::string& path, ZipLimits limits)
    : path_(path), limits_(limits), handle_(std::make_unique<Handle>()) {
  std::FILE* probe = std::fopen(path.c_str(), "rb");
  if (probe == nullptr) throw ZipError(path, "", std::string("cannot open the file: ") + std::strerror(errno));
  char head[4];
  const size_t got = std::fread(head, 1, sizeof head, probe);
  std::fclose(probe);
  handle_->file = unzOpen64(path.c_str());
  if (handle_->file == nullptr) {
    if (starts_like_zip(head, got))
      throw ZipError(path, "", "the zip is truncated or corrupt (its directory at the end is missing or damaged: "
                               "was the download complete?)");
    throw ZipError(path, "", "not a zip file");
  }
  unz_global_info64 global;
  if (unzGetGlobalInfo64(handle_->file, &global) != UNZ_OK) throw ZipError(path, "", "corrupt zip directory");
  std::vector<char> name(65536);
  int status = unzGoToFirstFile(handle_->file);
  for (uint64_t k = 0; k < global.number_entry; ++k) {
    if (status != UNZ_OK) throw ZipError(path, "", "corrupt zip directory (entry " + std::to_string(k + 1) + ")");
    unz_file_info64 info;
    if (unzGetCurrentFileInfo64(handle_->file, &info, name.data(), name.size(), nullptr, 0, nullptr, 0) != UNZ_OK)
      throw ZipError(path, "", "corrupt zip directory (entry " + std::to_string(k + 1) + ")");
    ZipEntry entry;
    const std::string_view raw_name(name.data(), std::min<size_t>(info.size_filename, name.size() - 1));
    // Names without the UTF-8 flag are CP437 by the spec; read as latin-1 they
    // stay readable (ASCII, which every MovieLens name is, is the same).
    entry.name = (info.flag & kUtf8NameFlag) || is_valid_utf8(raw_name) ? std::string(raw_name) : latin1_to_utf8(raw_name);
    entry.compressed_size = info.compressed_size;
    entry.uncompressed_size = info.uncompressed_size;
    entry.method = static_cast<uint16_t>(info.compression_method);
    entry.flags = static_cast<uint16_t>(info.flag);
    entry.crc = static_cast<uint32_t>(info.crc);
    unz64_file_pos position;
    unzGetFilePos64(handle_->file, &position);
    handle_->positions.push_back(position);
    entries_.push_back(std::move(entry));
    status = unzGoToNextFile(handle_->file);
  }
}

ZipFile::~ZipFile() = default;

int64_t ZipFile::find(const std::string& name) const {
  for (size_t k = 0; k < entries_.size(); ++k)
    if (entries_[k].name == name) return static_cast<int64_t>(k);
  return -1;
}

void ZipFile::read(size_t index, const std::function<bool(const char*, size_t)>& on_chunk, size_t chunk_bytes) {
  const ZipEntry& entry = entries_.at(index);
  auto refuse = [&](const std::string& reason) { return ZipError(path_, entry.name, reason); };
  if (entry.encrypted()) throw refuse("the entry is encrypted (password-protected zips cannot be read): unzip it first");
  if (entry.method != 0 && entry.method != Z_DEFLATED)
    throw refuse("uses compression method " + std::to_string(entry.method) + "; only stored and deflated entries can be read");
  const double declared_ratio =
      static_cast<double>(entry.uncompressed_size) / static_cast<double>(std::max<uint64_t>(entry.compressed_size, 1));
  // An honest bomb says so in the directory: refused before inflating a byte.
  if (entry.uncompressed_size >= limits_.ratio_checked_after && declared_ratio > limits_.max_ratio)
    throw refuse("declares " + byte_size_text(entry.uncompressed_size) + " inflated from " +
                 byte_size_text(entry.compressed_size) + " (" + ratio_text(declared_ratio) + ", more than the " +
                 ratio_text(limits_.max_ratio) + " a data file compresses): refused as a likely zip bomb");
  if (inflated_total_ + entry.uncompressed_size > limits_.max_total_bytes)
    throw refuse("would inflate to " + byte_size_text(inflated_total_ + entry.uncompressed_size) +
                 " from this archive in all, more than the " + byte_size_text(limits_.max_total_bytes) + " allowed");

  unzFile file = handle_->file;
  if (unzGoToFilePos64(file, &handle_->positions[index]) != UNZ_OK) throw refuse("corrupt zip directory");
  if (unzOpenCurrentFile(file) != UNZ_OK) throw refuse("corrupt zip (its local header does not match the directory)");
  struct Closer {
    unzFile file;
    bool open = true;
    ~Closer() {
      if (open) unzCloseCurrentFile(file);
    }
  } closer{file};
  const uint64_t data_start = unzGetCurrentFileZStreamPos64(file);
  std::vector<char> buffer(std::max<size_t>(chunk_bytes, 4));
  uint64_t produced = 0;
  for (;;) {
    const unsigned ask = static_cast<unsigned>(std::min<size_t>(buffer.size(), 1u << 30));
    const int got = unzReadCurrentFile(file, buffer.data(), ask);
    if (got < 0)
      throw refuse(got == Z_DATA_ERROR ? "corrupt compressed data" : "the zip is truncated or unreadable here (was the download complete?)");
    if (got == 0) break;
    if (produced == 0 && starts_like_zip(buffer.data(), static_cast<size_t>(got)))
      throw refuse("is itself a zip (a zip inside the zip): unzip the outer one and give the inner zip");
    produced += static_cast<uint64_t>(got);
    // Compressed bytes read so far (ahead by at most minizip's 16 kB buffer).
    const uint64_t consumed =
        std::clamp<uint64_t>(unzGetCurrentFileZStreamPos64(file) - data_start, 1, std::max<uint64_t>(entry.compressed_size, 1));
    const double ratio = static_cast<double>(produced) / static_cast<double>(consumed);
    if (produced >= limits_.ratio_checked_after && ratio > limits_.max_ratio)
      throw refuse("inflates " + ratio_text(ratio) + ", more than the " + ratio_text(limits_.max_ratio) +
                   " a data file compresses (" + byte_size_text(produced) + " inflated from " + byte_size_text(consumed) +
                   " of compressed data; the entry is " + byte_size_text(entry.compressed_size) + " compressed, declared " +
                   byte_size_text(entry.uncompressed_size) + "): refused as a likely zip bomb");
    if (inflated_total_ + produced > limits_.max_total_bytes)
      throw refuse("inflates past the " + byte_size_text(limits_.max_total_bytes) + " allowed from one archive");
    if (!on_chunk(buffer.data(), static_cast<size_t>(got))) {
      inflated_total_ += produced;
      return;  // the closer closes without the checksum check
    }
  }
  inflated_total_ += produced;
  closer.open = false;
  const int closed = unzCloseCurrentFile(file);
  if (closed == UNZ_CRCERROR) throw refuse("corrupt zip (the checksum does not match the data)");
  if (closed != UNZ_OK) throw refuse("corrupt zip");
  if (produced != entry.uncompressed_size)
    throw refuse("corrupt zip (expected " + std::to_string(entry.uncompressed_size) + " bytes, got " +
                 std::to_string(produced) + ")");
}

std::string ZipFile::read_all(size_t index) {
  std::string bytes;
  bytes.reserve(static_cast<size_t>(std::min<uint64_t>(entries_.at(index).uncompressed_size, limits_.max_total_bytes)));
  read(index, [&](const char* data, size_t size) {
    bytes.append(data, size);
    return true;
  });
  return bytes;
}

}  // namespace als
