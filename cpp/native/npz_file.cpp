#include "native/npz_file.h"

#include <zip.h>

#include <memory>
#include <stdexcept>

#include "io/zip_file.h"

namespace als {

namespace {

// numpy.savez stores its members; savez_compressed deflates them, and an
// array of zeros deflates far past the bomb ratio of data zips, so only the
// total is limited here (a member's size is also judged by the .npy reader).
ZipLimits npz_limits() {
  ZipLimits limits;
  limits.max_ratio = 1e12;
  limits.max_total_bytes = uint64_t(8) << 30;
  return limits;
}

struct ZipDiscarder {
  void operator()(zip_t* z) const { zip_discard(z); }
};

}  // namespace

std::map<std::string, std::string> read_npz_file(const std::string& path) {
  std::unique_ptr<ZipFile> zip;
  try {
    zip = std::make_unique<ZipFile>(path, npz_limits());
  } catch (const ZipError& e) {
    throw std::runtime_error(path + ": not a readable .npz (a zip archive): missing, truncated or not a zip (" +
                             e.what() + ")");
  }
  std::map<std::string, std::string> members;
  for (size_t k = 0; k < zip->entries().size(); ++k) {
    if (zip->entries()[k].is_directory()) continue;
    members.emplace(zip->entries()[k].name, zip->read_all(k));  // ZipError: encrypted, truncated, corrupt (CRC)
  }
  return members;
}

void write_npz_file(const std::string& path, const std::vector<std::pair<std::string, std::string>>& members) {
  int error = 0;
  std::unique_ptr<zip_t, ZipDiscarder> zip(zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error));
  if (!zip) throw std::runtime_error("cannot write " + path);
  for (const auto& [name, bytes] : members) {
    // The bytes stay where they are until zip_close writes the archive.
    zip_source_t* source = zip_source_buffer(zip.get(), bytes.data(), bytes.size(), 0);
    const zip_int64_t index =
        source ? zip_file_add(zip.get(), name.c_str(), source, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) {
      if (source) zip_source_free(source);
      throw std::runtime_error("cannot write " + name + " into " + path + ": " + zip_strerror(zip.get()));
    }
    if (zip_set_file_compression(zip.get(), static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0) != 0)
      throw std::runtime_error("cannot store " + name + " in " + path + ": " + zip_strerror(zip.get()));
  }
  if (zip_close(zip.get()) != 0) throw std::runtime_error("cannot finish " + path + ": " + zip_strerror(zip.get()));
  static_cast<void>(zip.release());  // closed: zip_close freed it
}

}  // namespace als
