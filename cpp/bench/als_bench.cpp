// The native half of `npm run bench` (scripts/bench.sh): times training and
// queries through the engine's public API and prints one JSON object per line
// (json_line.h) for scripts/bench/run.mjs, which builds the table. Progress
// for people goes to stderr. It measures; it never asserts.
//
//   als_bench train        --data DIR [--factors 64,128] [--solvers cg,cholesky] [--threads 1,2]
//                          [--repeat 3] [--iterations 15] [--quality 1]
//   als_bench profile      --data DIR [--factors 64] [--solvers cg,cholesky] [--threads 1,2] [--iterations 15]
//   als_bench latency-data --out DIR [--users 10000] [--items 59047] [--ratings 1000000]
//   als_bench latency      --data DIR [--factors 64] [--iterations 2] [--threads 2] [--calls 50]
//   als_bench cpu-probe    [--threads 2] [--seconds 0.5]   how many cores this process gets right now
//   als_bench parse        --data PATH[,PATH...] [--threads 1,2] [--repeat 3] [--reference 1]
//                          read + parse, then prepare, timed apart (PATH: a file, a folder or a zip);
//                          --reference 1 also times the line-by-line reference parser
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "als/als_trainer.h"
#include "als/confidence.h"
#include "als/gram.h"
#include "als/least_squares.h"
#include "als/row_partition.h"
#include "als/training_loss.h"
#include "bench/flop_model.h"
#include "bench/json_line.h"
#include "core/random.h"
#include "data/dataset.h"
#include "eval/evaluate.h"
#include "eval/split.h"
#include "io/dataset_loader.h"
#include "session/workspace.h"
#include "synthetic/synthetic_data.h"

namespace als::bench {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// CPU time of the whole process (all threads). CPU time / wall time = cores
// kept busy: below the thread count when threads wait (barriers, imbalance)
// or when other processes on the machine take the cores.
double process_cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// CPU time of every process on the machine (Linux /proc/stat: user, nice,
// system, irq, softirq, steal; in USER_HZ = 1/100 s ticks), NaN elsewhere.
// Minus our own CPU time: what other processes took while we were timed.
double machine_busy_seconds() {
  std::ifstream stat("/proc/stat");
  std::string cpu;
  double user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
  if (!(stat >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal) || cpu != "cpu") return NAN;
  return (user + nice + system + irq + softirq + steal) / 100.0;
}

// Cores kept busy by this process and by all the others during a timed section.
struct CpuShare {
  double own_cores = 0, other_cores = 0;
};

class CpuMeter {
 public:
  CpuMeter() : own_(process_cpu_seconds()), machine_(machine_busy_seconds()), start_(Clock::now()) {}
  CpuShare share() const {
    const double wall = seconds_since(start_);
    const double own = process_cpu_seconds() - own_;
    return {own / wall, std::max(0.0, machine_busy_seconds() - machine_ - own) / wall};
  }

 private:
  double own_, machine_;
  Clock::time_point start_;
};

// ---- command line: --key value pairs, lists separated by commas ----

class Options {
 public:
  Options(int argc, char** argv) {
    for (int k = 2; k < argc; ++k) {
      std::string key = argv[k];
      if (key.rfind("--", 0) != 0) throw std::invalid_argument("unexpected argument: " + key);
      const bool has_value = k + 1 < argc && std::string(argv[k + 1]).rfind("--", 0) != 0;
      values_[key.substr(2)] = has_value ? argv[++k] : "1";
    }
  }
  std::string text(const std::string& key, const std::string& fallback = "") const {
    auto it = values_.find(key);
    return it == values_.end() ? fallback : it->second;
  }
  std::string required(const std::string& key) const {
    std::string value = text(key);
    if (value.empty()) throw std::invalid_argument("missing --" + key);
    return value;
  }
  int64_t number(const std::string& key, int64_t fallback) const {
    const std::string value = text(key);
    return value.empty() ? fallback : std::stoll(value);
  }
  std::vector<std::string> list(const std::string& key, const std::string& fallback) const {
    std::vector<std::string> out;
    std::stringstream in(text(key, fallback));
    for (std::string part; std::getline(in, part, ',');)
      if (!part.empty()) out.push_back(part);
    return out;
  }
  std::vector<int> numbers(const std::string& key, const std::string& fallback) const {
    std::vector<int> out;
    for (const std::string& part : list(key, fallback)) out.push_back(std::stoi(part));
    return out;
  }

 private:
  std::map<std::string, std::string> values_;
};

Solver solver_of(const std::string& name) {
  if (name == "cg") return Solver::kConjugateGradient;
  if (name == "cholesky") return Solver::kCholesky;
  throw std::invalid_argument("unknown solver: " + name + " (cg or cholesky)");
}

FlopSolver flop_solver(Solver solver) {
  return solver == Solver::kCholesky ? FlopSolver::kCholesky : FlopSolver::kConjugateGradient;
}

// The benchmark's model: implicit's reference settings, loss off while timed.
AlsConfig bench_config(int factors, Solver solver, int threads, int iterations) {
  AlsConfig config;
  config.factors = factors;
  config.solver = solver;
  config.threads = threads;
  config.iterations = iterations;
  config.regularization = 0.01f;
  config.confidence.alpha = 1.0f;
  config.cg_steps = 3;
  config.compute_loss = false;
  return config;
}

// Every rating of a MovieLens folder, no threshold (the full matrix).
Dataset load_all_ratings(const std::string& folder) {
  const auto start = Clock::now();
  const RawInteractions raw = load_folder(folder);
  PrepareOptions options = default_prepare_options(raw.ratings_format);
  options.use_threshold = false;
  Dataset data = prepare_dataset(raw, options);
  std::fprintf(stderr, "loaded %s: %d users x %d items, %lld ratings (%.2f s)\n", folder.c_str(), data.user_count(),
               data.item_count(), static_cast<long long>(data.user_items.nnz()), seconds_since(start));
  JsonLine("data")
      .add("folder", folder)
      .add("users", data.user_count())
      .add("items", data.item_count())
      .add("ratings", data.user_items.nnz())
      .add("load_seconds", seconds_since(start))
      .print();
  return data;
}

// ---- train: timed runs, interleaved, then loss and precision@10 once ----

struct TimedRun {
  double setup_seconds = 0;  // confidences, transpose, task partition
  double total_seconds = 0;  // setup + iterations
  CpuShare cpu;              // cores used by us / by other processes meanwhile
  AlsModel model;
};

TimedRun timed_training(const CsrMatrix& user_items, const AlsConfig& config) {
  TimedRun run;
  const CpuMeter meter;
  const auto start = Clock::now();
  AlsTrainer trainer(user_items, config);
  run.setup_seconds = seconds_since(start);
  while (!trainer.done()) trainer.advance(1e9);
  run.total_seconds = seconds_since(start);
  run.cpu = meter.share();
  run.model = trainer.take_model();
  return run;
}

int command_train(const Options& options) {
  const Dataset data = load_all_ratings(options.required("data"));
  const std::vector<int> factor_list = options.numbers("factors", "64,128");
  const std::vector<std::string> solver_list = options.list("solvers", "cg,cholesky");
  const std::vector<int> thread_list = options.numbers("threads", "1,2");
  const int repeat = static_cast<int>(options.number("repeat", 3));
  const int iterations = static_cast<int>(options.number("iterations", 15));
  const int max_threads = *std::max_element(thread_list.begin(), thread_list.end());

  std::map<std::string, bool> loss_reported;
  for (int rep = 1; rep <= repeat; ++rep) {
    for (int factors : factor_list) {
      for (const std::string& solver_name : solver_list) {
        for (int threads : thread_list) {
          const AlsConfig config = bench_config(factors, solver_of(solver_name), threads, iterations);
          const TimedRun run = timed_training(data.user_items, config);
          const double flops = iterations * iteration_flops(data.user_items, data.item_users, factors,
                                                            flop_solver(config.solver), config.cg_steps);
          std::fprintf(stderr, "  rep %d  %3d factors  %-8s  %d thread(s)  %7.2f s  %6.1f GFLOP/s\n", rep, factors,
                       solver_name.c_str(), threads, run.total_seconds, flops / run.total_seconds / 1e9);
          JsonLine("train")
              .add("rep", rep)
              .add("factors", factors)
              .add("solver", solver_name)
              .add("threads", threads)
              .add("iterations", iterations)
              .add("seconds", run.total_seconds)
              .add("setup_seconds", run.setup_seconds)
              .add("cores", run.cpu.own_cores)
              .add("other_cores", run.cpu.other_cores)
              .add("gflop", flops / 1e9)
              .add("gflops", flops / run.total_seconds / 1e9)
              .print();
          // The loss does not depend on the thread count (README: same seed, same model).
          const std::string key = std::to_string(factors) + solver_name;
          if (!loss_reported[key]) {
            loss_reported[key] = true;
            ThreadPool pool(max_threads);
            const CsrMatrix confidences = run.model.confidence.apply(data.user_items);
            const auto start = Clock::now();
            const double loss =
                training_loss(confidences, run.model.user_factors, run.model.item_factors, config.regularization, pool);
            JsonLine("loss")
                .add("factors", factors)
                .add("solver", solver_name)
                .add("loss", loss)
                .add("seconds", seconds_since(start))
                .print();
          }
        }
      }
    }
  }

  if (options.number("quality", 1) == 0) return 0;
  // precision@10 on an 80/20 split, the model trained on the 80 %.
  const TrainTestSplit split = train_test_split(data.user_items, 0.8, 42);
  ThreadPool pool(max_threads);
  const RankingMetrics popularity = evaluate_popularity(split, 10, pool);
  for (int factors : factor_list) {
    for (const std::string& solver_name : solver_list) {
      const AlsConfig config = bench_config(factors, solver_of(solver_name), max_threads, iterations);
      const TimedRun run = timed_training(split.train, config);
      const RankingMetrics m = evaluate_model(run.model, split, 10, pool);
      std::fprintf(stderr, "  quality %3d factors %-8s precision@10 %.4f (popularity %.4f)\n", factors,
                   solver_name.c_str(), m.precision, popularity.precision);
      JsonLine("quality")
          .add("factors", factors)
          .add("solver", solver_name)
          .add("k", 10)
          .add("precision", m.precision)
          .add("map", m.map)
          .add("ndcg", m.ndcg)
          .add("auc", m.auc)
          .add("popularity_precision", popularity.precision)
          .add("train_ratings", split.train.nnz())
          .add("test_ratings", split.test.nnz())
          .print();
    }
  }
  return 0;
}

// ---- profile: the trainer's loop rebuilt from gram_matrix and solve_rows, timed per step ----

int command_profile(const Options& options) {
  const Dataset data = load_all_ratings(options.required("data"));
  const int iterations = static_cast<int>(options.number("iterations", 15));
  for (int factors : options.numbers("factors", "64")) {
    for (const std::string& solver_name : options.list("solvers", "cg,cholesky")) {
      for (int threads : options.numbers("threads", "1,2")) {
        const AlsConfig config = bench_config(factors, solver_of(solver_name), threads, iterations);
        const bool use_cg = config.solver == Solver::kConjugateGradient;
        const ConfidenceWeights weights(data.user_items, config.confidence);
        const CsrMatrix user_conf = weights.apply(data.user_items);
        const CsrMatrix item_conf = transpose(user_conf);
        // The trainer's task size (als_trainer.cpp: nnz / 512, clamped to 2048..65536 entries).
        auto task_size = [](const CsrMatrix& m) { return std::clamp<int64_t>(m.nnz() / 512, 2048, 65536); };
        const std::vector<RowRange> user_tasks = partition_rows(user_conf, task_size(user_conf));
        const std::vector<RowRange> item_tasks = partition_rows(item_conf, task_size(item_conf));
        FactorMatrix X(data.user_count(), factors), Y(data.item_count(), factors);
        SplitMix64 rng(config.seed);  // implicit's start: uniform in [0, 0.01)
        for (FactorMatrix* M : {&X, &Y})
          for (int64_t r = 0; r < M->rows(); ++r)
            for (int k = 0; k < factors; ++k) (*M)(r, k) = rng.uniform_float() * 0.01f;

        ThreadPool pool(threads);
        double gram_seconds = 0, user_seconds = 0, item_seconds = 0;
        auto half_step = [&](const CsrMatrix& C, const std::vector<RowRange>& tasks, const FactorMatrix& fixed,
                             FactorMatrix& solved, double& solve_seconds) {
          auto start = Clock::now();
          const GramMatrix G = gram_matrix(fixed, config.regularization, pool);
          gram_seconds += seconds_since(start);
          start = Clock::now();
          // One parallel_for over all tasks (the trainer slices them to stay responsive).
          pool.parallel_for(static_cast<int64_t>(tasks.size()), [&](int64_t t) {
            solve_rows(C, G, fixed, use_cg, config.cg_steps, tasks[t].begin, tasks[t].end, solved);
          });
          solve_seconds += seconds_since(start);
        };
        const CpuMeter meter;
        const auto start = Clock::now();
        for (int it = 0; it < iterations; ++it) {
          half_step(user_conf, user_tasks, Y, X, user_seconds);
          half_step(item_conf, item_tasks, X, Y, item_seconds);
        }
        const double total = seconds_since(start);
        const CpuShare cpu = meter.share();
        // The AlsTrainer on the same settings right after, so the two compare on the same machine state.
        const TimedRun trainer = timed_training(data.user_items, config);
        const double gram_flops = iterations * 2.0 * factors * factors * (data.user_count() + data.item_count());
        const double flops = iterations * iteration_flops(data.user_items, data.item_users, factors,
                                                          flop_solver(config.solver), config.cg_steps);
        std::fprintf(
            stderr,
            "  profile %3d factors %-8s %d thread(s): gram %.3f s, users %.2f s, items %.2f s; trainer %.2f s\n",
            factors, solver_name.c_str(), threads, gram_seconds, user_seconds, item_seconds, trainer.total_seconds);
        JsonLine("profile")
            .add("factors", factors)
            .add("solver", solver_name)
            .add("threads", threads)
            .add("iterations", iterations)
            .add("seconds", total)
            .add("cores", cpu.own_cores)
            .add("other_cores", cpu.other_cores)
            .add("trainer_seconds", trainer.total_seconds)
            .add("trainer_cores", trainer.cpu.own_cores)
            .add("trainer_other_cores", trainer.cpu.other_cores)
            .add("gram_seconds", gram_seconds)
            .add("solve_user_seconds", user_seconds)
            .add("solve_item_seconds", item_seconds)
            .add("gram_gflops", gram_flops / gram_seconds / 1e9)
            .add("solve_gflops", (flops - gram_flops) / (user_seconds + item_seconds) / 1e9)
            .add("user_tasks", static_cast<int64_t>(user_tasks.size()))
            .add("item_tasks", static_cast<int64_t>(item_tasks.size()))
            .print();
      }
    }
  }
  return 0;
}

// ---- latency: queries on a model with ml-25m's item count ----

// ml-25m's 59,047 items (and its id gaps and 18 genre clusters) with fewer
// users and ratings, so a short training gives a model of the size whose
// queries the app answers.
SyntheticSpec latency_spec(const Options& options) {
  SyntheticSpec spec = *synthetic_preset("ml-25m");
  spec.name = "Generated, ml-25m item count, fewer users (fictional titles)";
  spec.preset.clear();
  spec.users = static_cast<int32_t>(options.number("users", 10000));
  spec.items = static_cast<int32_t>(options.number("items", 59047));
  spec.ratings = options.number("ratings", 1000000);
  return spec;
}

int command_latency_data(const Options& options) {
  const SyntheticSpec spec = latency_spec(options);
  const std::string out = options.required("out");
  const auto start = Clock::now();
  write_synthetic_dataset(spec, out);
  std::fprintf(stderr, "wrote %s (%d users, %d items, %lld ratings) in %.1f s\n", out.c_str(), spec.users, spec.items,
               static_cast<long long>(spec.ratings), seconds_since(start));
  JsonLine("latency-data")
      .add("folder", out)
      .add("file", ratings_file_name(spec.format))
      .add("users", spec.users)
      .add("items", spec.items)
      .add("ratings", spec.ratings)
      .print();
  return 0;
}

// Median and minimum of `calls` timed calls (after one untimed warm-up), in ms.
void time_calls(const std::string& what, int calls, const std::function<void()>& call) {
  call();
  std::vector<double> ms;
  for (int k = 0; k < calls; ++k) {
    const auto start = Clock::now();
    call();
    ms.push_back(seconds_since(start) * 1e3);
  }
  std::sort(ms.begin(), ms.end());
  std::fprintf(stderr, "  %-28s median %.3f ms (min %.3f)\n", what.c_str(), ms[ms.size() / 2], ms.front());
  JsonLine("latency")
      .add("what", what)
      .add("calls", calls)
      .add("median_ms", ms[ms.size() / 2])
      .add("min_ms", ms.front())
      .print();
}

// Loads, trains and queries through the Workspace, as the web worker does.
int command_latency(const Options& options) {
  const std::string folder = options.required("data");
  Workspace workspace;
  auto start = Clock::now();
  workspace.begin_load(LoadOptions{});
  for (const char* name : {"ratings.csv", "ratings.dat"}) {
    std::ifstream in(folder + "/" + name, std::ios::binary);
    if (!in) continue;
    workspace.begin_file(name);
    std::vector<char> chunk(1 << 22);
    while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || in.gcount() > 0)
      workspace.feed(chunk.data(), static_cast<size_t>(in.gcount()));
    workspace.end_file();
  }
  workspace.finish_load();
  PrepareOptions prepare = workspace.data().options;
  prepare.use_threshold = false;
  workspace.prepare(prepare);
  const double load_seconds = seconds_since(start);

  const int factors = static_cast<int>(options.number("factors", 64));
  const int iterations = static_cast<int>(options.number("iterations", 2));
  const int threads = static_cast<int>(options.number("threads", 2));
  start = Clock::now();
  workspace.start_training(bench_config(factors, Solver::kConjugateGradient, threads, iterations));
  while (!workspace.advance_training(1e9)) {
  }
  const double train_seconds = seconds_since(start);
  const Dataset& data = workspace.model_data();
  std::fprintf(stderr, "latency model: %d users x %d items, %lld ratings; load %.2f s, train %.2f s\n",
               data.user_count(), data.item_count(), static_cast<long long>(data.user_items.nnz()), load_seconds,
               train_seconds);
  JsonLine("latency-model")
      .add("users", data.user_count())
      .add("items", data.item_count())
      .add("ratings", data.user_items.nnz())
      .add("factors", factors)
      .add("iterations", iterations)
      .add("load_seconds", load_seconds)
      .add("train_seconds", train_seconds)
      .print();

  // The five most popular movies, rated 5, 5, 4, 4, 5.
  Favorites favorites;
  favorites.items = most_popular_items(data, 5);
  favorites.values = {5, 5, 4, 4, 5};
  favorites.values.resize(favorites.items.size());
  const int calls = static_cast<int>(options.number("calls", 50));
  const int32_t other = data.item_count() / 2;  // any item that is not a favorite
  time_calls("fold-in", calls, [&] { workspace.predicted_preference(favorites, other); });
  time_calls("similar-items", calls, [&] { workspace.similar_items(favorites.items[0], 10); });
  RecommendOptions top10;
  top10.count = 10;
  time_calls("recommend-explain", calls, [&] { workspace.recommend(favorites, top10); });
  return 0;
}

// ---- cpu-probe: spin `threads` threads for a moment; CPU time / wall time =
// the cores this process actually got (2 on an idle 2-core machine) ----

int command_cpu_probe(const Options& options) {
  const int threads = static_cast<int>(options.number("threads", 2));
  const double seconds = std::stod(options.text("seconds", "0.5"));
  const CpuMeter meter;
  const auto start = Clock::now();
  std::atomic<bool> stop{false};
  std::vector<std::thread> spinners;
  for (int t = 0; t < threads; ++t)
    spinners.emplace_back([&] {
      volatile double x = 1;
      while (!stop.load(std::memory_order_relaxed)) x = x * 1.0000001 + 1e-9;
    });
  while (seconds_since(start) < seconds) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  stop = true;
  for (std::thread& t : spinners) t.join();
  const CpuShare cpu = meter.share();
  JsonLine("cpu-probe").add("threads", threads).add("cores", cpu.own_cores).add("other_cores", cpu.other_cores).print();
  return 0;
}

// ---- parse: read + parse (load_files) and prepare (prepare_dataset), apart ----

int command_parse(const Options& options) {
  const std::vector<std::string> paths = options.list("data", "");
  const std::vector<int> thread_list = options.numbers("threads", "1,2");
  const int repeat = static_cast<int>(options.number("repeat", 3));
  std::vector<bool> scanners = {true};
  if (options.number("reference", 0) != 0) scanners.push_back(false);
  for (const std::string& path : paths) {  // once untimed: the page cache holds the file afterwards
    const std::vector<std::string> files =
        std::filesystem::is_directory(path) ? std::vector<std::string>{} : std::vector<std::string>{path};
    if (files.empty())
      load_folder(path);
    else
      load_files(files);
  }
  for (int r = 0; r < repeat; ++r) {
    for (const std::string& path : paths) {
      const bool folder = std::filesystem::is_directory(path);
      uint64_t on_disk = 0;
      if (folder) {
        for (const auto& e : std::filesystem::recursive_directory_iterator(path))
          if (e.is_regular_file()) on_disk += e.file_size();
      } else {
        on_disk = std::filesystem::file_size(path);
      }
      for (bool block_scanner : scanners) {
        for (int threads : thread_list) {
          if (!block_scanner && threads != thread_list.front()) continue;  // the reference is one thread
          LoadOptions load;
          load.block_scanner = block_scanner;
          load.threads = threads;
          const CpuMeter meter;
          const auto start = Clock::now();
          const RawInteractions raw = folder ? load_folder(path, load) : load_files({path}, load);
          const double read_seconds = seconds_since(start);
          const CpuShare cpu = meter.share();
          const auto prepare_start = Clock::now();
          const std::shared_ptr<ThreadPool> pool = ThreadPool::for_job(threads);
          const Dataset data = prepare_dataset(raw, default_prepare_options(raw.ratings_format), pool.get());
          const double prepare_seconds = seconds_since(prepare_start);
          int64_t bytes = 0;
          for (const FileReport& f : raw.report.files) bytes += f.bytes;
          std::string phases;  // "merge 0.41 s, threshold 0.10 s, ..."
          for (const PreparePhase& p : data.prepare_phases)
            phases += (phases.empty() ? "" : ", ") + std::string(p.name) + " " +
                      std::to_string(p.seconds).substr(0, 4) + " s";
          std::fprintf(stderr, "parse %s (%s, %d thread%s): read + parse %.2f s = %.0f MB/s, prepare %.2f s (%s)\n",
                       path.c_str(), block_scanner ? "block scanner" : "reference", threads, threads == 1 ? "" : "s",
                       read_seconds, bytes / 1e6 / read_seconds, prepare_seconds, phases.c_str());
          JsonLine("parse")
              .add("path", path)
              .add("zip", !folder && file_looks_like_zip(path))
              .add("scanner", block_scanner ? "block" : "reference")
              .add("threads", threads)
              .add("bytes", bytes)
              .add("file_bytes", static_cast<int64_t>(on_disk))
              .add("ratings", static_cast<int64_t>(raw.ratings.size()))
              .add("kept", data.user_items.nnz())
              .add("read_seconds", read_seconds)
              .add("prepare_seconds", prepare_seconds)
              .add("prepare_phases", phases)
              .add("cores", cpu.own_cores)
              .add("other_cores", cpu.other_cores)
              .print();
        }
      }
    }
  }
  return 0;
}

int usage() {
  std::fprintf(stderr,
               "usage: als_bench train|profile|latency-data|latency|cpu-probe|parse [--key value ...]\n"
               "  (see the comment at the top of cpp/bench/als_bench.cpp)\n");
  return 2;
}

}  // namespace
}  // namespace als::bench

int main(int argc, char** argv) {
  using namespace als::bench;
  if (argc < 2) return usage();
  try {
    const std::string command = argv[1];
    const Options options(argc, argv);
    if (command == "train") return command_train(options);
    if (command == "profile") return command_profile(options);
    if (command == "latency-data") return command_latency_data(options);
    if (command == "latency") return command_latency(options);
    if (command == "cpu-probe") return command_cpu_probe(options);
    if (command == "parse") return command_parse(options);
    return usage();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "als_bench: %s\n", e.what());
    return 1;
  }
}
