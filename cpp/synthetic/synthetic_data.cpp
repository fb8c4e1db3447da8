#include "synthetic/synthetic_data.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "synthetic/genre_catalog.h"
#include "synthetic/taste_model.h"

namespace als {

namespace {

void visit_users(const TasteModel& model, const std::function<void(const std::vector<SyntheticRating>&)>& visit) {
  UserRatingSampler sampler(model);
  std::vector<SyntheticRating> ratings;
  for (int32_t user = 0; user < model.spec.users; ++user) {
    sampler.sample(user, ratings);
    visit(ratings);
  }
}

void write_ratings(const TasteModel& model, const TextSink& sink) {
  const SyntheticFormat format = model.spec.format;
  BufferedTextSink out(sink);
  out.buffer() += ratings_header(format);
  visit_users(model, [&](const std::vector<SyntheticRating>& ratings) {
    for (const SyntheticRating& rating : ratings) append_rating_line(out.buffer(), rating, format);
    out.maybe_flush();
  });
  out.flush();
}

void write_movies(const TasteModel& model, const TextSink& sink) {
  BufferedTextSink out(sink);
  out.buffer() += movies_header(model.spec.format);
  for (const SyntheticMovie& movie : build_movie_catalog(model)) {
    append_movie_line(out.buffer(), movie, model.spec.format);
    out.maybe_flush();
  }
  out.flush();
}

// Writes one file through a FILE* sink; errors become exceptions.
void write_file(const std::filesystem::path& path, const std::function<void(const TextSink&)>& produce) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.string().c_str(), "wb"), &std::fclose);
  if (!file) throw std::runtime_error("cannot create " + path.string());
  bool failed = false;
  produce([&](std::string_view text) {
    failed = failed || std::fwrite(text.data(), 1, text.size(), file.get()) != text.size();
  });
  if (failed || std::fclose(file.release()) != 0) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

int32_t SyntheticTruth::cluster_of_movie(int32_t movie_id) const {
  const auto it = std::lower_bound(movie_ids.begin(), movie_ids.end(), movie_id);
  if (it == movie_ids.end() || *it != movie_id) return -1;
  return movie_cluster[it - movie_ids.begin()];
}

std::vector<SyntheticRating> generate_ratings(const SyntheticSpec& spec) {
  std::vector<SyntheticRating> all;
  all.reserve(static_cast<size_t>(spec.ratings));
  for_each_user_ratings(spec, [&](const std::vector<SyntheticRating>& ratings) {
    all.insert(all.end(), ratings.begin(), ratings.end());
  });
  return all;
}

void for_each_user_ratings(const SyntheticSpec& spec,
                           const std::function<void(const std::vector<SyntheticRating>&)>& visit) {
  visit_users(build_taste_model(spec), visit);
}

std::vector<SyntheticMovie> generate_movies(const SyntheticSpec& spec) {
  return build_movie_catalog(build_taste_model(spec));
}

SyntheticTruth generate_truth(const SyntheticSpec& spec) {
  const TasteModel model = build_taste_model(spec);
  SyntheticTruth truth;
  truth.movie_ids = model.movie_ids;
  truth.movie_cluster.assign(model.item_cluster.begin(), model.item_cluster.end());
  truth.user_clusters.resize(spec.users);
  for (int32_t u = 0; u < spec.users; ++u)
    truth.user_clusters[u].assign(model.user_clusters[u].begin(),
                                  model.user_clusters[u].begin() + model.user_cluster_count[u]);
  for (int32_t c = 0; c < spec.clusters; ++c) truth.cluster_genres.push_back(cluster_genre(c).name);
  return truth;
}

void write_synthetic_ratings(const SyntheticSpec& spec, const TextSink& sink) {
  write_ratings(build_taste_model(spec), sink);
}

void write_synthetic_movies(const SyntheticSpec& spec, const TextSink& sink) {
  write_movies(build_taste_model(spec), sink);
}

std::string synthetic_readme(const SyntheticSpec& spec) {
  const auto number = [](int64_t value) { return std::to_string(value); };
  const int64_t min_ratings = std::min<int64_t>(spec.min_user_ratings, spec.ratings / spec.users);
  std::string text = spec.name + "\n" + std::string(spec.name.size(), '=') + "\n\n";
  text +=
      "GENERATED DATA. Every user, rating and movie title in this folder is\n"
      "synthetic, produced by the project's generator (cpp/synthetic), not\n"
      "collected from people. The genre names are real MovieLens genres; the\n"
      "movie titles and years are invented and do not name real films.\n\n";
  text += "Format: " + std::string(synthetic_format_name(spec.format)) + "\n";
  text +=
      "Users: " + number(spec.users) + "  Movies: " + number(spec.items) + "  Ratings: " + number(spec.ratings) + "\n";
  text += "Taste clusters: " + number(spec.clusters) + " (one genre each)  Seed: " + number(spec.seed) + "\n\n";
  text +=
      "How it is made: each movie belongs to one genre cluster, with a few\n"
      "blockbusters per cluster. Each user prefers 1-" +
      number(spec.max_preferred_clusters) + " clusters, takes about " + number(spec.preferred_share_permille / 10) +
      "% of their\nmovies from them and rates those higher. Every user has at least " + number(min_ratings) +
      "\nratings, every movie at least one.\n\n";
  text += "The same generator and seed always write exactly these bytes.\n";
  if (!spec.preset.empty()) text += "Regenerate with: als generate --preset " + spec.preset + " --out <folder>\n";
  return text;
}

void write_synthetic_dataset(const SyntheticSpec& spec, const std::string& folder) {
  const TasteModel model = build_taste_model(spec);
  const std::filesystem::path dir(folder);
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw std::runtime_error("cannot create folder " + folder + ": " + error.message());
  write_file(dir / ratings_file_name(spec.format), [&](const TextSink& sink) { write_ratings(model, sink); });
  write_file(dir / movies_file_name(spec.format), [&](const TextSink& sink) { write_movies(model, sink); });
  const std::string readme = synthetic_readme(spec);
  write_file(dir / "README.txt", [&](const TextSink& sink) { sink(readme); });
}

}  // namespace als
