#include "cli/data_arguments.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "cli/printing.h"
#include "io/dataset_loader.h"
#include "queries/item_support.h"

namespace als::cli {
namespace {

std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& in : inputs) {
    if (fs::is_directory(in)) {
      std::vector<std::string> found;
      for (const auto& e : fs::recursive_directory_iterator(in))
        if (e.is_regular_file()) found.push_back(e.path().string());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(in)) {
      files.push_back(in);
    } else {
      throw UsageError("no such file or folder: " + in);
    }
  }
  if (files.empty()) throw UsageError("no data given: name data files or a folder");
  return files;
}

}  // namespace

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Dataset read_dataset(const Arguments& args) {
  LoadOptions load;
  load.strict = args.has("strict");
  load.threads = static_cast<int>(args.integer("threads", 0));
  const auto start = std::chrono::steady_clock::now();
  RawInteractions raw = load_files(expand_inputs(args.positional()), load);
  const double read_seconds = seconds_since(start);
  PrepareOptions prepare = default_prepare_options(raw.ratings_format);
  if (args.has("min-rating")) {
    prepare.use_threshold = true;
    prepare.min_value = args.number("min-rating", 3);
  }
  if (args.has("no-threshold")) prepare.use_threshold = false;
  if (args.has("binary")) prepare.value_mode = ValueMode::kBinary;
  int64_t bytes = 0;
  for (const FileReport& f : raw.report.files) bytes += f.bytes;
  std::fprintf(stderr, "files:\n");
  print_load_report(raw.report);
  const auto prepare_start = std::chrono::steady_clock::now();
  const std::shared_ptr<ThreadPool> pool = ThreadPool::for_job(load.threads);
  Dataset data = prepare_dataset(raw, prepare, pool.get());
  std::fprintf(stderr, "read and parsed %s bytes in %.2f s (%.0f MB/s), prepared in %.2f s\n",
               with_thousands(bytes).c_str(), read_seconds, bytes / 1e6 / std::max(read_seconds, 1e-9),
               seconds_since(prepare_start));
  return data;
}

void require_trainable(const Dataset& data) {
  if (const std::optional<Untrainable> why = why_untrainable(data))
    throw UntrainableError(*why, why->threshold_helps ? "lower it (--min-rating R) or turn it off (--no-threshold)"
                                                      : "give a data set with more users and items");
}

Dataset load_dataset(const Arguments& args) {
  Dataset data = read_dataset(args);
  require_trainable(data);
  return data;
}

int32_t item_index(const Dataset& data, const std::string& id) {
  const int32_t i = data.items.find(id);
  if (i == IdMap::kMissing) throw UsageError("item " + id + " is not in the data set (after filtering)");
  return i;
}

UserItems liked_items(const Arguments& args, const Dataset& data) {
  UserItems liked;
  for (const std::string& entry : args.list("liked")) {
    const size_t colon = entry.find(':');
    liked.items.push_back(item_index(data, entry.substr(0, colon)));
    liked.values.push_back(colon == std::string::npos ? 5.0f : std::stof(entry.substr(colon + 1)));
  }
  if (liked.items.empty()) throw UsageError("--liked needs at least one item id");
  return liked;
}

int32_t min_support(const Arguments& args, const Dataset& data) {
  if (args.has("include-rare") && args.has("min-support"))
    throw UsageError("--include-rare and --min-support exclude each other");
  if (args.has("include-rare")) return 0;
  if (args.has("min-support")) {
    const long long n = args.integer("min-support", kDefaultMinSupport);
    if (n < 0) throw UsageError("--min-support must be 0 or more");
    return static_cast<int32_t>(std::min<long long>(n, INT32_MAX));
  }
  return default_min_support(item_support(data.item_users));
}

std::string support_note(const Dataset& data, int32_t minimum) {
  if (minimum <= 0) return "(every item, however few users kept it)";
  const int32_t below = items_below_support(item_support(data.item_users), minimum);
  return "(items with at least " + with_thousands(minimum) + " users: " + with_thousands(below) + " of " +
         with_thousands(data.item_count()) + " items left out; --include-rare lists them)";
}

std::string shrinkage_note(int32_t minimum) {
  const double beta = support_shrinkage_for(minimum);
  if (!(beta > 0)) return "(ranked by the raw similarity)";
  char text[160];
  std::snprintf(text, sizeof text,
                "(ranked by similarity x n/(n + %g), n the neighbour's users, so that few users' items do not lead; "
                "--include-rare: the raw similarity)",
                beta);
  return text;
}

}  // namespace als::cli
