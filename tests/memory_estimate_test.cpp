// Memory estimates: the breakdown adds up, grows with the input, and — on a
// generated MovieLens 1M set (1,000,209 ratings) loaded and trained for
// real — lands near the measured peak of the process's resident memory.
//
// Why resident memory is a fair yardstick, and the tolerance: the parts that
// dominate are a handful of large vectors. The measuring child process makes
// glibc serve every block of 64 KB or more with its own mmap and unmap it on
// free (no reuse of freed pages, no dynamic threshold), so resident pages
// follow live bytes to within a page and the peak resident size is the peak
// of live heap. What the estimate cannot see is malloc's per-allocation
// overhead on small blocks; what it assumes but reality may not reach is a
// generous number of ids and, from a file size alone, the line count. The
// estimate must never be low by more than 10 % — the app refuses data by it —
// and not more than 2x high, or it would refuse data sets that fit.
#include "session/memory_estimate.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "als/least_squares.h"
#include "models/model_trainer.h"
#include "session/workspace.h"
#include "synthetic/synthetic_data.h"

#if defined(__linux__)
#include <malloc.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#if defined(__SANITIZE_ADDRESS__)
#define ALS_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ALS_UNDER_ASAN 1
#endif
#endif

namespace als {
namespace {

uint64_t sum_of(const MemoryEstimate& e, bool retained_only) {
  uint64_t total = 0;
  for (const MemoryPart& p : e.parts)
    if (!retained_only || p.retained) total += p.bytes;
  return total;
}

void expect_consistent(const MemoryEstimate& e) {
  EXPECT_FALSE(e.parts.empty());
  EXPECT_EQ(e.peak_bytes, sum_of(e, false));
  EXPECT_EQ(e.retained_bytes, sum_of(e, true));
  EXPECT_LE(e.retained_bytes, e.peak_bytes);
  for (const MemoryPart& p : e.parts) EXPECT_FALSE(p.name.empty());
}

constexpr double kMB = 1024.0 * 1024.0;

TEST(MemoryEstimate, BreakdownsAddUpAndGrowWithTheInput) {
  for (FileFormat format : {FileFormat::kMovieLensDatRatings, FileFormat::kMovieLensCsvRatings,
                            FileFormat::kMovieLens100kData, FileFormat::kLastFmPlays, FileFormat::kGenericRatings}) {
    const MemoryEstimate small = estimate_load_bytes(1 << 20, format);
    const MemoryEstimate large = estimate_load_bytes(100 << 20, format, 3 << 20);
    expect_consistent(small);
    expect_consistent(large);
    EXPECT_LT(small.peak_bytes, large.peak_bytes) << format_name(format);
    EXPECT_LT(small.retained_bytes, large.retained_bytes) << format_name(format);
  }
  const MemoryEstimate few = estimate_training_bytes(1000, 500, 50000, 16, 1);
  const MemoryEstimate more_factors = estimate_training_bytes(1000, 500, 50000, 128, 1);
  const MemoryEstimate more_threads = estimate_training_bytes(1000, 500, 50000, 16, 8);
  expect_consistent(few);
  EXPECT_LT(few.peak_bytes, more_factors.peak_bytes);
  EXPECT_LT(few.peak_bytes, more_threads.peak_bytes);
  EXPECT_EQ(few.retained_bytes, more_threads.retained_bytes);  // scratch is not kept
  // CG gathers one row per thread (in wasm): a known longest row bounds it (16 f = 16 floats a row).
  const MemoryEstimate short_rows = estimate_training_bytes(1000, 500, 50000, 16, 8, 100);
  EXPECT_EQ(more_threads.peak_bytes - short_rows.peak_bytes,
            kCgGatherBytes > 0 ? 8u * 16 * sizeof(float) * (1000 - 100) : 0u);
  expect_consistent(estimate_load_bytes(0, FileFormat::kGenericRatings));
  expect_consistent(estimate_training_bytes(0, 0, 0, 0, 0));
}

TEST(MemoryEstimate, HandCountedShapes) {
  // 1M ratings in a vector grown by doubling: 2^20 slots of 12 bytes.
  const MemoryEstimate load = estimate_load_bytes_for_ratings(1000000, 6000, 4000, false);
  EXPECT_EQ(load.parts.front().bytes, 12u << 20);
  // CSR of 6000 rows and 1M entries: 8 x 6001 + 8 x 1M.
  bool found = false;
  for (const MemoryPart& p : load.parts)
    if (p.name.find("prepared user x item") != std::string::npos) {
      EXPECT_EQ(p.bytes, 8u * 6001 + 8u * 1000000);
      found = true;
    }
  EXPECT_TRUE(found);
  // 100 factors are stored as 112 floats a row.
  const MemoryEstimate train = estimate_training_bytes(6000, 4000, 1000000, 100, 2);
  for (const MemoryPart& p : train.parts) {
    if (p.name.find("user factors") != std::string::npos) {
      EXPECT_EQ(p.bytes, 4u * 112 * 6000);
    }
  }
  // MovieLens 25M (678 MB ratings.csv, 3 MB movies.csv) fits a 4 GB wasm heap,
  // with 100 factors: ~1 GB to load, ~0.5 GB more to train.
  const MemoryEstimate ml25m = estimate_load_bytes(678260987, FileFormat::kMovieLensCsvRatings, 3038099);
  const MemoryEstimate ml25m_train = estimate_training_bytes(162541, 59047, 25000095, 100, 4);
  EXPECT_GT(ml25m.peak_bytes, 25000095ull * 36);
  EXPECT_LT(ml25m.peak_bytes, 2048 * kMB);
  EXPECT_LT(ml25m.retained_bytes + ml25m_train.peak_bytes, 3072 * kMB);
  std::printf("[ note     ] ml-25m: load peak %.0f MB (%.0f MB kept), training peak %.0f MB\n", ml25m.peak_bytes / kMB,
              ml25m.retained_bytes / kMB, ml25m_train.peak_bytes / kMB);
}

#if defined(__linux__)

// VmRSS / VmHWM of this process, in bytes.
uint64_t status_bytes(const char* field) {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind(field, 0) == 0) return std::stoull(line.substr(std::string(field).size() + 1)) * 1024;
  return 0;
}

// Resets the peak (VmHWM) to the current resident size; false when the kernel cannot.
bool reset_peak() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
  clear.flush();
  return static_cast<bool>(clear);
}

// The other model kinds, trained after ALS on the same data (few iterations:
// the memory does not grow with them; popularity's 30 KB are below what
// resident pages can tell).
const ModelKind kOtherKinds[] = {ModelKind::kExplicitAls, ModelKind::kBpr, ModelKind::kLmf, ModelKind::kKnnCosine,
                                 ModelKind::kKnnBm25};
constexpr int kOtherKindCount = sizeof kOtherKinds / sizeof kOtherKinds[0];

ModelSettings measured_settings(ModelKind kind, int threads) {
  ModelSettings s = ModelSettings::of(kind);
  s.set_threads(threads);
  s.explicit_als.iterations = 1;
  s.bpr.iterations = 1;
  s.lmf.iterations = 1;
  return s;
}

struct Measured {
  int64_t ratings = 0, users = 0, items = 0, nnz = 0;  // of the data, to estimate from counts
  uint64_t load_peak = 0, load_retained = 0, training_peak = 0;
  uint64_t kind_peak[kOtherKindCount] = {};  // training each of kOtherKinds, its model included
  bool ok = false;
};

// Loads the file the way the app does (4 MB chunks through the Workspace),
// then trains; peaks are resident growth over the moment before each step.
Measured measure(const std::string& ratings_path, int factors, int threads) {
  Measured m;
  mallopt(M_MMAP_THRESHOLD, 64 << 10);  // fixed: large blocks always mmapped, unmapped on free
  mallopt(M_TRIM_THRESHOLD, 64 << 10);
  malloc_trim(0);
  if (!reset_peak()) return m;
  const uint64_t before_load = status_bytes("VmRSS:");
  Workspace ws;
  ws.begin_load({});
  ws.begin_file("ratings.dat");
  {
    std::ifstream in(ratings_path, std::ios::binary);
    std::vector<char> chunk(4 << 20);
    while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || in.gcount() > 0)
      ws.feed(chunk.data(), static_cast<size_t>(in.gcount()));
  }
  ws.end_file();
  ws.finish_load();
  m.load_peak = status_bytes("VmHWM:") - before_load;
  m.load_retained = status_bytes("VmRSS:") - before_load;
  m.ratings = static_cast<int64_t>(ws.raw().ratings.size());
  m.users = ws.raw().users.size();
  m.items = ws.raw().items.size();
  m.nnz = ws.data().user_items.nnz();

  malloc_trim(0);
  reset_peak();
  const uint64_t before_training = status_bytes("VmRSS:");
  AlsConfig config;
  config.factors = factors;
  config.iterations = 2;
  config.threads = threads;
  ws.start_training(config);
  while (!ws.advance_training(1e9)) {
  }
  m.training_peak = status_bytes("VmHWM:") - before_training;
  for (int k = 0; k < kOtherKindCount; ++k) {
    malloc_trim(0);
    reset_peak();
    const uint64_t before = status_bytes("VmRSS:");
    const std::unique_ptr<RecommenderModel> model =
        train_model(ws.data().user_items, measured_settings(kOtherKinds[k], threads));
    m.kind_peak[k] = status_bytes("VmHWM:") - before;
  }
  m.ok = true;
  return m;
}

// Runs measure() in a child process, so the peaks are this work's alone.
Measured measure_in_child(const std::string& ratings_path, int factors, int threads) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return {};
  const pid_t child = fork();
  if (child == 0) {
    close(pipe_fds[0]);
    Measured m = measure(ratings_path, factors, threads);
    const ssize_t written = write(pipe_fds[1], &m, sizeof m);
    _exit(written == static_cast<ssize_t>(sizeof m) ? 0 : 1);
  }
  close(pipe_fds[1]);
  Measured m;
  const ssize_t got = read(pipe_fds[0], &m, sizeof m);
  close(pipe_fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  if (got != static_cast<ssize_t>(sizeof m) || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return {};
  return m;
}

void expect_close(const char* what, uint64_t measured, uint64_t estimated) {
  const double ratio = static_cast<double>(estimated) / static_cast<double>(std::max<uint64_t>(measured, 1));
  std::printf("[ note     ] %-34s measured %7.1f MB, estimated %7.1f MB (x%.2f)\n", what, measured / kMB,
              estimated / kMB, ratio);
  EXPECT_GE(ratio, 0.9) << what << ": the estimate is too low";
  EXPECT_LE(ratio, 2.0) << what << ": the estimate is too high";
}

TEST(MemoryEstimate, CloseToTheMeasuredPeakOnAGeneratedMovieLens1M) {
#if defined(ALS_UNDER_ASAN)
  GTEST_SKIP() << "AddressSanitizer's shadow memory and quarantine make resident memory meaningless";
#endif
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("als-memory-estimate-" + std::to_string(getpid()));
  SyntheticSpec spec = *synthetic_preset("ml-1m");
  write_synthetic_dataset(spec, folder.string());
  const std::filesystem::path ratings = folder / ratings_file_name(spec.format);
  const uint64_t file_bytes = std::filesystem::file_size(ratings);
  const int factors = 64, threads = 2;
  const Measured m = measure_in_child(ratings.string(), factors, threads);
  std::filesystem::remove_all(folder);
  if (!m.ok) GTEST_SKIP() << "this kernel cannot reset the peak resident size (/proc/self/clear_refs)";
  ASSERT_EQ(m.ratings, 1000209);
  std::printf("[ note     ] %s: %.1f bytes per line; %lld users, %lld items, %lld kept\n",
              ratings.filename().string().c_str(), static_cast<double>(file_bytes) / m.ratings,
              static_cast<long long>(m.users), static_cast<long long>(m.items), static_cast<long long>(m.nnz));

  const MemoryEstimate from_size = estimate_load_bytes(file_bytes, FileFormat::kMovieLensDatRatings);
  const MemoryEstimate from_counts = estimate_load_bytes_for_ratings(m.ratings, m.users, m.items, false);
  const MemoryEstimate training = estimate_training_bytes(m.users, m.items, m.nnz, factors, threads);
  expect_close("load peak (from the file size)", m.load_peak, from_size.peak_bytes);
  expect_close("load peak (from the counts)", m.load_peak, from_counts.peak_bytes);
  expect_close("kept after loading (from the counts)", m.load_retained, from_counts.retained_bytes);
  // Training: the estimate assumes every rating kept, so give it the kept count.
  expect_close("training peak", m.training_peak, training.peak_bytes);
  for (int k = 0; k < kOtherKindCount; ++k) {
    const ModelSettings settings = measured_settings(kOtherKinds[k], threads);
    const MemoryEstimate e = estimate_model_training_bytes(settings, m.users, m.items, m.nnz, threads);
    expect_consistent(e);
    expect_close((std::string("training peak, ") + model_kind_name(kOtherKinds[k])).c_str(), m.kind_peak[k],
                 e.peak_bytes);
  }
}

#endif  // __linux__

}  // namespace
}  // namespace als
