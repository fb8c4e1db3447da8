// load_files / load_folder (declared in dataset_loader.h): files, folders and
// zip archives on disk fed to the streaming loader chunk by chunk. Native
// only (the page reads its files and zips in JavaScript), so this is the one
// loader file that may use the zip reader.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

#include "io/dataset_loader.h"
#include "io/zip_file.h"

namespace als {
namespace {

// Big enough that a read is cheap next to parsing it, small enough to stay in cache.
constexpr size_t kReadChunkBytes = 4 << 20;

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

bool is_unused(const DatasetLoader& loader) {
  const FileRole role = loader.current_kind().role;
  return role == FileRole::kIgnored || role == FileRole::kUnknown;
}

// Feeds a file from disk to the loader chunk by chunk. With stop_when_unused,
// files found to be ignored or unknown are not read to the end.
void feed_file(DatasetLoader& loader, const std::string& path, const std::string& name, bool stop_when_unused) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) throw ParseError(path, 0, std::string("cannot open the file: ") + std::strerror(errno));
  loader.begin_file(name);
  std::vector<char> buffer(kReadChunkBytes);
  while (true) {
    size_t got = std::fread(buffer.data(), 1, buffer.size(), file.get());
    if (got > 0) loader.feed(buffer.data(), got);
    if (got < buffer.size()) {
      if (std::ferror(file.get())) throw ParseError(path, 0, "read error");
      break;
    }
    // A full chunk is more than detection needs, so the kind is known here.
    if (stop_when_unused && is_unused(loader)) break;
  }
  loader.end_file();
}

// Every entry of a zip, as if the archive were a folder named after it
// ("ml-1m.zip/ml-1m/ratings.dat"), in name order like load_folder. Entries
// that are not needed by name are reported but never inflated.
void feed_zip(DatasetLoader& loader, const std::string& path, const std::string& shown_as, const ZipLimits& limits) {
  ZipFile zip(path, limits);
  std::vector<size_t> order;
  for (size_t k = 0; k < zip.entries().size(); ++k) {
    const ZipEntry& entry = zip.entries()[k];
    if (entry.escapes_archive())
      throw ZipError(shown_as, entry.name, "the entry's name leads out of the archive's folder (path traversal): "
                                       "refused, the archive is not safe to unpack");
    if (!entry.is_directory()) order.push_back(k);
  }
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return zip.entries()[a].name < zip.entries()[b].name; });
  for (size_t k : order) {
    const ZipEntry& entry = zip.entries()[k];
    const std::string name = shown_as + "/" + entry.name;
    std::optional<FileKind> named = kind_from_name(name);
    if (named && named->role == FileRole::kIgnored) {
      loader.begin_file(name, *named);  // reported, not inflated
      loader.end_file();
      continue;
    }
    if (entry.looks_like_zip())
      throw ZipError(shown_as, entry.name, "is a zip inside the zip: unzip the outer one and give the inner zip");
    loader.begin_file(name);
    zip.read(k, [&](const char* bytes, size_t size) {
      loader.feed(bytes, size);
      return !(size >= (1u << 16) && is_unused(loader));  // detection has seen enough
    });
    loader.end_file();
  }
}

void feed_path(DatasetLoader& loader, const std::string& path, const std::string& name, bool stop_when_unused,
               const ZipLimits& limits) {
  if (file_looks_like_zip(path)) {
    feed_zip(loader, path, name, limits);
    return;
  }
  std::optional<FileKind> named = kind_from_name(name);
  if (named && named->role == FileRole::kIgnored) {
    loader.begin_file(name, *named);  // reported, never read (tag genomes are hundreds of MB)
    loader.end_file();
  } else {
    feed_file(loader, path, name, stop_when_unused);
  }
}

}  // namespace

RawInteractions load_files(const std::vector<std::string>& paths, LoadOptions options, ZipLimits zip_limits) {
  DatasetLoader loader(options);
  for (const std::string& path : paths) feed_path(loader, path, path, false, zip_limits);
  return loader.finish();
}

RawInteractions load_folder(const std::string& folder, LoadOptions options, ZipLimits zip_limits) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  std::error_code error;
  for (fs::recursive_directory_iterator it(folder, error), end; !error && it != end; it.increment(error))
    if (it->is_regular_file(error)) files.push_back(it->path());
  if (error) throw ParseError(folder, 0, "cannot read the folder: " + error.message());
  std::sort(files.begin(), files.end());
  DatasetLoader loader(options);
  for (const fs::path& path : files) {
    feed_path(loader, path.string(), path.lexically_relative(folder).generic_string(), true, zip_limits);
  }
  return loader.finish();
}

}  // namespace als
