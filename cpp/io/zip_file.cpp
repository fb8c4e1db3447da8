#include "io/zip_file.h"

#include <zip.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "io/text_encoding.h"

namespace als {
namespace {

constexpr size_t kCompressedChunk = 256 * 1024;  // compressed bytes read from the archive at a time

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
  if (unit == 0)
    std::snprintf(text, sizeof text, "%llu bytes", static_cast<unsigned long long>(bytes));
  else
    std::snprintf(text, sizeof text, "%.1f %s", value, units[unit]);
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
  zip_t* zip = nullptr;
  ~Handle() {
    if (zip != nullptr) zip_discard(zip);  // read only: nothing to write back
  }
};

ZipFile::ZipFile(const std::string& path, ZipLimits limits)
    : path_(path), limits_(limits), handle_(std::make_unique<Handle>()) {
  std::FILE* probe = std::fopen(path.c_str(), "rb");
  if (probe == nullptr) throw ZipError(path, "", std::string("cannot open the file: ") + std::strerror(errno));
  char head[4];
  const size_t got = std::fread(head, 1, sizeof head, probe);
  std::fclose(probe);
  int error = 0;
  // Without ZIP_CHECKCONS: like unzip, it accepts archives whose local headers
  // differ in harmless ways (minizip writes such); each read checks size and CRC.
  handle_->zip = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (handle_->zip == nullptr) {
    if (error == ZIP_ER_NOZIP || error == ZIP_ER_INCONS) {
      if (starts_like_zip(head, got))
        throw ZipError(path, "",
                       "the zip is truncated or corrupt (its directory at the end is missing or damaged: "
                       "was the download complete?)");
      throw ZipError(path, "", "not a zip file");
    }
    zip_error_t why;
    zip_error_init_with_code(&why, error);
    const std::string text = zip_error_strerror(&why);
    zip_error_fini(&why);
    throw ZipError(path, "", "cannot read the zip: " + text);
  }
  const zip_int64_t count = zip_get_num_entries(handle_->zip, 0);
  for (zip_int64_t k = 0; k < count; ++k) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(handle_->zip, static_cast<zip_uint64_t>(k), 0, &stat) != 0 || stat.name == nullptr)
      throw ZipError(path, "", "corrupt zip directory (entry " + std::to_string(k + 1) + ")");
    ZipEntry entry;
    // libzip hands names out as UTF-8 (names without the UTF-8 flag are read as CP437).
    entry.name = stat.name;
    entry.compressed_size = stat.comp_size;
    entry.uncompressed_size = stat.size;
    entry.method = static_cast<uint16_t>(stat.comp_method);
    entry.encrypted = stat.encryption_method != ZIP_EM_NONE;
    entry.crc = stat.crc;
    entries_.push_back(std::move(entry));
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
  if (entry.encrypted) throw refuse("the entry is encrypted (password-protected zips cannot be read): unzip it first");
  if (entry.method != ZIP_CM_STORE && entry.method != ZIP_CM_DEFLATE)
    throw refuse("uses compression method " + std::to_string(entry.method) +
                 "; only stored and deflated entries can be read");
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

  // The compressed bytes as stored; zlib inflates them here (raw deflate).
  zip_file_t* file = zip_fopen_index(handle_->zip, index, ZIP_FL_COMPRESSED);
  if (file == nullptr) throw refuse(std::string("cannot read the entry: ") + zip_strerror(handle_->zip));
  struct Closer {
    zip_file_t* file;
    z_stream* inflater = nullptr;
    ~Closer() {
      if (inflater != nullptr) inflateEnd(inflater);
      zip_fclose(file);
    }
  } closer{file};
  const bool deflated = entry.method == ZIP_CM_DEFLATE;
  z_stream z{};
  if (deflated) {
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) throw refuse("cannot start inflating (out of memory)");
    closer.inflater = &z;
  }
  std::vector<char> in(deflated ? kCompressedChunk : 0);
  std::vector<char> out(std::max<size_t>(chunk_bytes, 4));
  uint64_t read_in = 0, produced = 0;
  uLong crc = crc32(0, nullptr, 0);
  bool stream_end = !deflated;
  // Hands out one chunk after the checks; false when the caller stopped.
  auto deliver = [&](const char* bytes, size_t size, uint64_t consumed) {
    if (produced == 0 && starts_like_zip(bytes, size))
      throw refuse("is itself a zip (a zip inside the zip): unzip the outer one and give the inner zip");
    produced += size;
    const double ratio = static_cast<double>(produced) / static_cast<double>(std::max<uint64_t>(consumed, 1));
    if (produced >= limits_.ratio_checked_after && ratio > limits_.max_ratio)
      throw refuse("inflates " + ratio_text(ratio) + ", more than the " + ratio_text(limits_.max_ratio) +
                   " a data file compresses (" + byte_size_text(produced) + " inflated from " +
                   byte_size_text(consumed) + " of compressed data; the entry is " +
                   byte_size_text(entry.compressed_size) + " compressed, declared " +
                   byte_size_text(entry.uncompressed_size) + "): refused as a likely zip bomb");
    if (produced > entry.uncompressed_size)
      throw refuse("inflates beyond its declared " + byte_size_text(entry.uncompressed_size) +
                   ": corrupt, or a zip bomb");
    if (inflated_total_ + produced > limits_.max_total_bytes)
      throw refuse("inflates past the " + byte_size_text(limits_.max_total_bytes) + " allowed from one archive");
    crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes), static_cast<uInt>(size));
    return on_chunk(bytes, size);
  };
  auto read_compressed = [&](char* into, size_t size) {
    const zip_int64_t got = zip_fread(file, into, size);
    if (got < 0) {
      if (zip_error_code_zip(zip_file_get_error(file)) == ZIP_ER_CRC)
        throw refuse("corrupt zip (the checksum does not match the data)");
      throw refuse(std::string("the zip is truncated or unreadable here (was the download complete?): ") +
                   zip_file_strerror(file));
    }
    read_in += static_cast<uint64_t>(got);
    return static_cast<size_t>(got);
  };
  bool stopped = false;
  if (!deflated) {
    for (size_t got; !stopped && (got = read_compressed(out.data(), out.size())) > 0;)
      stopped = !deliver(out.data(), got, read_in);
  } else {
    bool input_done = false;
    while (!stopped && !stream_end) {
      if (z.avail_in == 0 && !input_done) {
        const size_t got = read_compressed(in.data(), in.size());
        input_done = got == 0;
        z.next_in = reinterpret_cast<Bytef*>(in.data());
        z.avail_in = static_cast<uInt>(got);
      }
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = static_cast<uInt>(out.size());
      const int status = inflate(&z, Z_NO_FLUSH);
      if (status == Z_STREAM_END)
        stream_end = true;
      else if (status == Z_BUF_ERROR && input_done)
        throw refuse("the compressed data end too early: the zip is truncated or corrupt");
      else if (status != Z_OK && status != Z_BUF_ERROR)
        throw refuse(std::string("corrupt compressed data (") + (z.msg ? z.msg : "inflate failed") + ")");
      const size_t made = out.size() - z.avail_out;
      if (made > 0) stopped = !deliver(out.data(), made, read_in - z.avail_in);
    }
  }
  inflated_total_ += produced;
  if (stopped) return;
  if (produced != entry.uncompressed_size)
    throw refuse("corrupt zip (expected " + std::to_string(entry.uncompressed_size) + " bytes, got " +
                 std::to_string(produced) + ")");
  if (static_cast<uint32_t>(crc) != entry.crc) throw refuse("corrupt zip (the checksum does not match the data)");
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
