// Every test process keeps its temporary files in a directory of its own
// (TMPDIR, which std::filesystem::temp_directory_path() and the CLI runs it
// starts read), removed when the process ends. The tests name their files
// after themselves ("als_zip_test_ahead/big.zip"): without this, two runs at
// once on one machine (two checkouts, or ctest beside a direct run) removed
// each other's files.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace {

class OwnTemporaryDirectory {
 public:
  OwnTemporaryDirectory() {
    std::error_code error;
    const std::filesystem::path base = std::filesystem::temp_directory_path(error);
    if (error) return;
    dir_ = base / ("als-tests-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_, error);
    if (error || ::setenv("TMPDIR", dir_.c_str(), 1) != 0) dir_.clear();
  }
  ~OwnTemporaryDirectory() {
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
  }
  OwnTemporaryDirectory(const OwnTemporaryDirectory&) = delete;
  OwnTemporaryDirectory& operator=(const OwnTemporaryDirectory&) = delete;

 private:
  std::filesystem::path dir_;
};

const OwnTemporaryDirectory own_temporary_directory;

}  // namespace
