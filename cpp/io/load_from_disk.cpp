// load_files / load_folder (declared in dataset_loader.h): files, folders and
// zip archives on disk fed to the streaming loader chunk by chunk. Native
// only (the page reads its files and zips in JavaScript), so this is the one
// loader file that may use the zip reader.
#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
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
  std::error_code error;
  const uintmax_t size = std::filesystem::file_size(path, error);
  if (!error) loader.expect_file_bytes(size);
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

// Streams a zip entry to `consume` with the inflating done on a thread of its
// own, a few chunks ahead, so inflating and parsing overlap on two cores (as
// the page's inflate worker does). Chunks arrive in order; consume returns
// false to stop. An error of either side stops both and is rethrown here.
void read_entry_ahead(ZipFile& zip, size_t index, const std::function<bool(const char*, size_t)>& consume) {
  constexpr size_t kChunk = 4 << 20;
  constexpr int kBuffers = 3;  // one being inflated, one being parsed, one waiting
  struct Shared {
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::vector<char>> full;
    std::vector<std::vector<char>> spare;
    bool done = false, stop = false;
    std::exception_ptr error;
  } s;
  s.spare.resize(kBuffers - 1);
  std::thread inflater([&] {
    try {
      std::vector<char> current;
      zip.read(
          index,
          [&](const char* bytes, size_t size) {
            current.insert(current.end(), bytes, bytes + size);
            if (current.size() < kChunk) return true;
            std::unique_lock<std::mutex> lock(s.mutex);
            s.full.push_back(std::move(current));
            s.changed.notify_all();
            s.changed.wait(lock, [&] { return s.stop || !s.spare.empty(); });
            if (s.stop) return false;
            current = std::move(s.spare.back());
            s.spare.pop_back();
            current.clear();
            return true;
          },
          kChunk);
      std::lock_guard<std::mutex> lock(s.mutex);
      if (!current.empty()) s.full.push_back(std::move(current));
    } catch (...) {
      std::lock_guard<std::mutex> lock(s.mutex);
      s.error = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(s.mutex);
    s.done = true;
    s.changed.notify_all();
  });
  auto stop = [&] {
    std::lock_guard<std::mutex> lock(s.mutex);
    s.stop = true;
    s.changed.notify_all();
  };
  try {
    for (;;) {
      std::vector<char> chunk;
      {
        std::unique_lock<std::mutex> lock(s.mutex);
        s.changed.wait(lock, [&] { return !s.full.empty() || s.done; });
        if (s.full.empty()) break;  // inflated to the end (or failed) and all parsed
        chunk = std::move(s.full.front());
        s.full.pop_front();
      }
      const bool more = consume(chunk.data(), chunk.size());
      {
        std::lock_guard<std::mutex> lock(s.mutex);
        s.spare.push_back(std::move(chunk));
        s.changed.notify_all();
      }
      if (!more) {
        stop();
        break;
      }
    }
  } catch (...) {
    stop();
    inflater.join();
    throw;
  }
  inflater.join();
  if (s.error) std::rethrow_exception(s.error);
}

// Every entry of a zip, as if the archive were a folder named after it
// ("ml-1m.zip/ml-1m/ratings.dat"), in name order like load_folder. Entries
// that are not needed by name are reported but never inflated.
void feed_zip(DatasetLoader& loader, const std::string& path, const std::string& shown_as, const ZipLimits& limits,
              bool inflate_ahead) {
  ZipFile zip(path, limits);
  std::vector<size_t> order;
  for (size_t k = 0; k < zip.entries().size(); ++k) {
    const ZipEntry& entry = zip.entries()[k];
    if (entry.escapes_archive())
      throw ZipError(shown_as, entry.name,
                     "the entry's name leads out of the archive's folder (path traversal): "
                     "refused, the archive is not safe to unpack");
    if (!entry.is_directory()) order.push_back(k);
  }
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return zip.entries()[a].name < zip.entries()[b].name; });
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
    loader.expect_file_bytes(entry.uncompressed_size);
    auto feed = [&](const char* bytes, size_t size) {
      loader.feed(bytes, size);
      return !(size >= (1u << 16) && is_unused(loader));  // detection has seen enough
    };
    if (inflate_ahead)
      read_entry_ahead(zip, k, feed);
    else
      zip.read(k, feed);
    loader.end_file();
  }
}

void feed_path(DatasetLoader& loader, const std::string& path, const std::string& name, bool stop_when_unused,
               const ZipLimits& limits, bool inflate_ahead) {
  if (file_looks_like_zip(path)) {
    feed_zip(loader, path, name, limits, inflate_ahead);
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
  for (const std::string& path : paths) feed_path(loader, path, path, false, zip_limits, options.threads != 1);
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
    feed_path(loader, path.string(), path.lexically_relative(folder).generic_string(), true, zip_limits,
              options.threads != 1);
  }
  return loader.finish();
}

}  // namespace als
