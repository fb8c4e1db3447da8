#include "support/zip_writer.h"

#include <minizip/zip.h>  // minizip's writer (not libzip's zip.h, which the engine reads with)
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace als::testing {
namespace {

void check(int status, const char* what) {
  if (status != ZIP_OK)
    throw std::runtime_error(std::string("minizip: ") + what + " failed (" + std::to_string(status) + ")");
}

}  // namespace

void write_zip(const std::string& path, const std::vector<ZipInput>& entries) {
  zipFile zip = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  if (zip == nullptr) throw std::runtime_error("minizip: cannot create " + path);
  for (const ZipInput& e : entries) {
    zip_fileinfo info{};
    const uLong crc = crc32(0, reinterpret_cast<const Bytef*>(e.content.data()), static_cast<uInt>(e.content.size()));
    check(
        zipOpenNewFileInZip3_64(zip, e.name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, e.deflate ? Z_DEFLATED : 0,
                                e.deflate ? Z_DEFAULT_COMPRESSION : 0, 0, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                                e.password.empty() ? nullptr : e.password.c_str(), crc, e.zip64 ? 1 : 0),
        "open entry");
    check(zipWriteInFileInZip(zip, e.content.data(), static_cast<unsigned>(e.content.size())), "write");
    check(zipCloseFileInZip(zip), "close entry");
  }
  check(zipClose(zip, nullptr), "close");
}

void write_newline_bomb(const std::string& path, const std::string& entry_name, const std::string& head,
                        uint64_t newlines, uint64_t padding) {
  zipFile zip = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  if (zip == nullptr) throw std::runtime_error("minizip: cannot create " + path);
  zip_fileinfo info{};
  // raw = 1: the deflate stream is ours, so padding can follow it.
  check(zipOpenNewFileInZip2_64(zip, entry_name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, 9, 1, 1),
        "open entry");
  z_stream z{};
  if (deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2");
  std::string block(1 << 20, '\n');
  std::vector<unsigned char> out(1 << 16);
  uLong crc = crc32(0, reinterpret_cast<const Bytef*>(head.data()), static_cast<uInt>(head.size()));
  auto pump = [&](const std::string& bytes, size_t size, int flush) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z.avail_in = static_cast<uInt>(size);
    do {
      z.next_out = out.data();
      z.avail_out = static_cast<uInt>(out.size());
      deflate(&z, flush);
      const size_t produced = out.size() - z.avail_out;
      if (produced > 0) check(zipWriteInFileInZip(zip, out.data(), static_cast<unsigned>(produced)), "write");
    } while (z.avail_out == 0);
  };
  pump(head, head.size(), Z_NO_FLUSH);
  for (uint64_t left = newlines; left > 0;) {
    const size_t size = static_cast<size_t>(std::min<uint64_t>(left, block.size()));
    crc = crc32(crc, reinterpret_cast<const Bytef*>(block.data()), static_cast<uInt>(size));
    pump(block, size, Z_NO_FLUSH);
    left -= size;
  }
  pump(block, 0, Z_FINISH);
  deflateEnd(&z);
  const std::string zeros(1 << 16, '\0');
  for (uint64_t left = padding; left > 0;) {
    const unsigned size = static_cast<unsigned>(std::min<uint64_t>(left, zeros.size()));
    check(zipWriteInFileInZip(zip, zeros.data(), size), "pad");
    left -= size;
  }
  check(zipCloseFileInZipRaw64(zip, head.size() + newlines, crc), "close entry");
  check(zipClose(zip, nullptr), "close");
}

std::string read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::vector<ZipInput> folder_entries(const std::string& folder, const std::string& top_parent) {
  namespace fs = std::filesystem;
  std::vector<ZipInput> entries;
  const fs::path parent = fs::weakly_canonical(top_parent);
  for (const auto& e : fs::recursive_directory_iterator(folder))
    if (e.is_regular_file())
      entries.push_back({fs::weakly_canonical(e.path()).lexically_relative(parent).generic_string(),
                         read_file_bytes(e.path().string())});
  std::sort(entries.begin(), entries.end(), [](const ZipInput& a, const ZipInput& b) { return a.name < b.name; });
  return entries;
}

}  // namespace als::testing
