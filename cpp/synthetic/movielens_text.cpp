#include "synthetic/movielens_text.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include "synthetic/genre_catalog.h"

namespace als {

namespace {

void append_integer(std::string& out, int64_t value) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, result.ptr);
}

// "4.0" / "3.5" in csv (as MovieLens writes them), "4" in dat and 100K.
void append_stars(std::string& out, float rating, SyntheticFormat format) {
  const int half_stars = static_cast<int>(std::lround(rating * 2.0f));
  out += static_cast<char>('0' + half_stars / 2);
  if (format == SyntheticFormat::kMovieLensCsv) {
    out += '.';
    out += half_stars % 2 ? '5' : '0';
  }
}

// The 19 genre flags of u.item, in the ml-100k order ("unknown" first).
void append_100k_genre_flags(std::string& out, const SyntheticMovie& movie) {
  static const char* const kOrder[] = {"unknown",   "Action",   "Adventure",   "Animation", "Children's",
                                       "Comedy",    "Crime",    "Documentary", "Drama",     "Fantasy",
                                       "Film-Noir", "Horror",   "Musical",     "Mystery",   "Romance",
                                       "Sci-Fi",    "Thriller", "War",         "Western"};
  for (const char* flag_genre : kOrder) {
    bool has = false;
    for (int32_t g : movie.genres) has = has || std::strcmp(genre_catalog()[g].dat_name, flag_genre) == 0;
    out += '|';
    out += has ? '1' : '0';
  }
}

}  // namespace

void append_csv_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(field);
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string ratings_header(SyntheticFormat format) {
  return format == SyntheticFormat::kMovieLensCsv ? "userId,movieId,rating,timestamp\n" : "";
}

std::string movies_header(SyntheticFormat format) {
  return format == SyntheticFormat::kMovieLensCsv ? "movieId,title,genres\n" : "";
}

void append_rating_line(std::string& out, const SyntheticRating& rating, SyntheticFormat format) {
  const char* separator = format == SyntheticFormat::kMovieLensCsv   ? ","
                          : format == SyntheticFormat::kMovieLensDat ? "::"
                                                                     : "\t";
  append_integer(out, rating.user_id);
  out += separator;
  append_integer(out, rating.movie_id);
  out += separator;
  append_stars(out, rating.rating, format);
  out += separator;
  append_integer(out, rating.timestamp);
  out += '\n';
}

void append_movie_line(std::string& out, const SyntheticMovie& movie, SyntheticFormat format) {
  append_integer(out, movie.movie_id);
  switch (format) {
    case SyntheticFormat::kMovieLensCsv:
      out += ',';
      append_csv_field(out, movie.title);
      out += ',';
      append_csv_field(out, genre_list(movie, format));
      break;
    case SyntheticFormat::kMovieLensDat:  // no escaping: fields are split on "::"
      out += "::" + movie.title + "::" + genre_list(movie, format);
      break;
    case SyntheticFormat::kMovieLens100k:  // id|title|release date|video date|IMDb URL|flags
      out += '|' + movie.title + "|01-Jan-" + std::to_string(movie.year) + "||";
      append_100k_genre_flags(out, movie);
      break;
  }
  out += '\n';
}

}  // namespace als
