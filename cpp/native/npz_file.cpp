#include "native/npz_file.h"

#include <minizip/unzip.h>
#include <minizip/zip.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace als {

namespace {

constexpr uint64_t kMaxMemberBytes = uint64_t(8) << 30;  // a member claiming more is corrupt here

struct UnzipCloser {
  void operator()(void* z) const { unzClose(z); }
};
struct ZipCloser {
  void operator()(void* z) const { zipClose(z, nullptr); }
};

}  // namespace

std::map<std::string, std::string> read_npz_file(const std::string& path) {
  std::unique_ptr<void, UnzipCloser> zip(unzOpen64(path.c_str()));
  if (!zip) throw std::runtime_error(path + ": not a readable .npz (a zip archive): missing, truncated or not a zip");
  std::map<std::string, std::string> members;
  for (int status = unzGoToFirstFile(zip.get()); status == UNZ_OK; status = unzGoToNextFile(zip.get())) {
    unz_file_info64 info;
    char name[1024];
    if (unzGetCurrentFileInfo64(zip.get(), &info, name, sizeof name, nullptr, 0, nullptr, 0) != UNZ_OK)
      throw std::runtime_error(path + ": corrupt zip directory");
    if (info.flag & 1) throw std::runtime_error(path + ": " + name + " is encrypted");
    if (info.uncompressed_size > kMaxMemberBytes)
      throw std::runtime_error(path + ": " + name + " claims " + std::to_string(info.uncompressed_size) + " bytes");
    if (unzOpenCurrentFile(zip.get()) != UNZ_OK) throw std::runtime_error(path + ": cannot read " + name);
    std::string bytes(static_cast<size_t>(info.uncompressed_size), '\0');
    size_t done = 0;
    while (done < bytes.size()) {
      const unsigned chunk = static_cast<unsigned>(std::min<size_t>(bytes.size() - done, 1u << 30));
      const int got = unzReadCurrentFile(zip.get(), &bytes[done], chunk);
      if (got <= 0) break;
      done += static_cast<size_t>(got);
    }
    // unzCloseCurrentFile checks the CRC once the whole member was read.
    const int closed = unzCloseCurrentFile(zip.get());
    if (done != bytes.size()) throw std::runtime_error(path + ": " + name + " is truncated (the archive ends inside it)");
    if (closed == UNZ_CRCERROR) throw std::runtime_error(path + ": " + name + " is corrupt (checksum mismatch)");
    members.emplace(name, std::move(bytes));
  }
  return members;
}

void write_npz_file(const std::string& path, const std::vector<std::pair<std::string, std::string>>& members) {
  std::unique_ptr<void, ZipCloser> zip(zipOpen64(path.c_str(), APPEND_STATUS_CREATE));
  if (!zip) throw std::runtime_error("cannot write " + path);
  for (const auto& [name, bytes] : members) {
    zip_fileinfo info{};
    const int zip64 = bytes.size() >= 0xffffffffu ? 1 : 0;
    bool ok = zipOpenNewFileInZip64(zip.get(), name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, 0, 0, zip64) == ZIP_OK;
    for (size_t at = 0; ok && at < bytes.size(); at += 1u << 30) {
      const unsigned chunk = static_cast<unsigned>(std::min<size_t>(bytes.size() - at, 1u << 30));
      ok = zipWriteInFileInZip(zip.get(), bytes.data() + at, chunk) == ZIP_OK;
    }
    if (!ok || zipCloseFileInZip(zip.get()) != ZIP_OK) throw std::runtime_error("cannot write " + name + " into " + path);
  }
  if (zipClose(zip.release(), nullptr) != ZIP_OK) throw std::runtime_error("cannot finish " + path);
}

}  // namespace als
