#include "io/title_key.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace als {
namespace {

// ---- UTF-8 ----

// The next code point of `text` from `at` (advanced); an invalid byte is
// returned as U+FFFD so that it separates words instead of joining them.
char32_t next_code_point(std::string_view text, size_t& at) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(at);
  int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || at + length > text.size()) {
    ++at;
    return 0xFFFD;
  }
  char32_t c = length == 1 ? lead : lead & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    const unsigned char b = byte(at + k);
    if ((b & 0xC0) != 0x80) {
      ++at;
      return 0xFFFD;
    }
    c = (c << 6) | (b & 0x3F);
  }
  at += length;
  return c;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Lowercase for the scripts data sets use with case: ASCII, Latin-1,
// Latin Extended-A, Greek and Cyrillic capitals.
char32_t lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c < 0xC0) return c;
  if (c <= 0xDE) return c == 0xD7 ? c : c + 0x20;
  if (c >= 0x100 && c <= 0x17F) {
    if (c == 0x130) return 'i';
    if (c == 0x178) return 0xFF;
    // Pairs (capital, small): even-odd up to U+0137 and from U+014A to U+0177,
    // odd-even from U+0139 to U+0148 and from U+0179 to U+017E.
    const bool odd_pairs = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    const bool capital = odd_pairs ? (c % 2 == 1) : (c % 2 == 0 && c != 0x138 && c != 0x149 && c != 0x17F);
    return capital ? c + 1 : c;
  }
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 0x20;  // Greek
  if (c == 0x386) return 0x3AC;                                 // Greek capitals with tonos
  if (c >= 0x388 && c <= 0x38A) return c + 0x25;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 0x3F;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;  // Cyrillic А-Я
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;  // Ѐ-Џ
  return c;
}

// The base letters of U+00C0..U+017F ('*': several letters, ' ': × and ÷).
constexpr std::string_view kLatinBase =
    "aaaaaa*ceeeeiiiidnooooo ouuuuy**"   // U+00C0
    "aaaaaa*ceeeeiiiidnooooo ouuuuy*y"   // U+00E0
    "aaaaaaccccccccddddeeeeeeeeeegggg"   // U+0100
    "gggghhhhiiiiiiiiii**jjkkklllllll"   // U+0120
    "lllnnnnnnnnnoooooo**rrrrrrssssss"   // U+0140
    "ssttttttuuuuuuuuuuuuwwyyyzzzzzzs";  // U+0160

std::string_view latin_base(char32_t c) {
  switch (c) {
    case 0xC6:
    case 0xE6:
      return "ae";
    case 0xDE:
    case 0xFE:
      return "th";
    case 0xDF:
      return "ss";
    case 0x132:
    case 0x133:
      return "ij";
    case 0x152:
    case 0x153:
      return "oe";
    default:
      return kLatinBase.substr(c - 0xC0, 1);
  }
}

bool is_separator(char32_t c) {
  if (c < 0x80) return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
  return c < 0xC0 || (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) || c == 0xFFFD || c == 0xD7 ||
         c == 0xF7;
}

bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x2018 || c == '`' || c == 0xB4; }

// "Amélie & the Bug's Life: L'Homme" -> "amelie and the bugs life l homme": lowercase,
// accents dropped, '&' as "and", an apostrophe joins ("bug's") except after a
// lone letter ("l'homme", French elision), anything else that is not a letter
// or digit separates words. Letters of other scripts are kept as they are.
std::string fold_words(std::string_view text) {
  std::string out;
  bool space = true;  // the last thing written was a word break (or nothing)
  size_t word_start = 0;
  auto separate = [&] {
    if (!space) out += ' ';
    space = true;
  };
  for (size_t at = 0; at < text.size();) {
    const char32_t c = next_code_point(text, at);
    if (c == '&') {
      separate();
      out += "and";
      space = false;
      separate();
      continue;
    }
    if (is_apostrophe(c)) {
      if (!space && out.size() - word_start == 1) separate();  // "l'", "d'"
      continue;
    }
    if (is_separator(c)) {
      separate();
      continue;
    }
    if (space) word_start = out.size();
    space = false;
    const char32_t l = lower(c);
    if (l >= 0xC0 && l <= 0x17F)
      out += latin_base(l);
    else
      append_utf8(out, l);
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string_view trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Articles MovieLens moves behind a comma, folded ("L'" -> "l").
bool is_article(std::string_view folded) {
  static constexpr std::string_view kArticles[] = {"the", "a",   "an",  "les", "la",  "le",  "l",   "il",  "lo",
                                                   "i",   "gli", "el",  "los", "las", "das", "der", "die", "den",
                                                   "det", "de",  "het", "een", "en",  "et",  "ett", "o",   "os",
                                                   "as",  "um",  "uma", "un",  "una", "une", "ein", "eine"};
  return std::find(std::begin(kArticles), std::end(kArticles), folded) != std::end(kArticles);
}

// Leading articles that are dropped from the main key (English), and foreign
// ones that give an alternative key without them.
bool is_english_article(std::string_view w) { return w == "the" || w == "a" || w == "an"; }
bool is_foreign_leading_article(std::string_view w) {
  static constexpr std::string_view kLeading[] = {"la",  "le",  "les", "l",    "il",  "lo",  "gli", "el",
                                                  "los", "las", "das", "der",  "det", "het", "een", "un",
                                                  "una", "une", "ein", "eine", "os",  "uma"};
  return std::find(std::begin(kLeading), std::end(kLeading), w) != std::end(kLeading);
}

// The folded forms of one name ("Haine, La" -> "haine", "la haine"), main form first.
std::vector<std::string> name_forms(std::string_view name) {
  name = trim(name);
  std::string article;
  const size_t comma = name.rfind(',');
  if (comma != std::string_view::npos) {
    const std::string tail = fold_words(name.substr(comma + 1));
    if (is_article(tail) && !trim(name.substr(0, comma)).empty()) {
      article = tail;
      name = trim(name.substr(0, comma));
    }
  }
  std::string words = fold_words(name);
  if (words.empty()) return {};
  std::vector<std::string> forms;
  const size_t first_space = words.find(' ');
  const std::string first = words.substr(0, first_space);
  const std::string rest = first_space == std::string::npos ? "" : words.substr(first_space + 1);
  if (article.empty() && !rest.empty() && is_english_article(first)) {
    forms.push_back(rest);  // "The Matrix" = "Matrix, The" = "matrix"
  } else {
    forms.push_back(words);
    if (!article.empty())
      forms.push_back(article + " " + words);
    else if (!rest.empty() && is_foreign_leading_article(first))
      forms.push_back(rest);
  }
  return forms;
}

// "(1995)", "(2010-2012)", "(2010-)" at the end of a title -> "1995" and the title before it.
std::string take_year(std::string_view& title) {
  title = trim(title);
  if (title.empty() || title.back() != ')') return "";
  const size_t open = title.rfind('(');
  if (open == std::string_view::npos) return "";
  std::string_view inside = trim(title.substr(open + 1, title.size() - open - 2));
  if (inside.size() < 4 || !std::all_of(inside.begin(), inside.begin() + 4, is_digit)) return "";
  std::string_view after = trim(inside.substr(4));
  if (!after.empty()) {
    // A range: "-", "–" (UTF-8 E2 80 93), then optionally four digits.
    if (after.front() == '-')
      after.remove_prefix(1);
    else if (after.substr(0, 3) == "\xE2\x80\x93")
      after.remove_prefix(3);
    else
      return "";
    after = trim(after);
    if (!after.empty() && !(after.size() == 4 && std::all_of(after.begin(), after.end(), is_digit))) return "";
  }
  std::string year(inside.substr(0, 4));
  title = trim(title.substr(0, open));
  return year;
}

// Removes one trailing "(...)" group (balanced) and returns its text; empty when none.
bool take_parenthesised(std::string_view& title, std::string_view& inside) {
  title = trim(title);
  if (title.empty() || title.back() != ')') return false;
  int depth = 0;
  for (size_t k = title.size(); k-- > 0;) {
    if (title[k] == ')')
      ++depth;
    else if (title[k] == '(' && --depth == 0) {
      if (trim(title.substr(0, k)).empty()) return false;  // the whole title is in brackets
      inside = trim(title.substr(k + 1, title.size() - k - 2));
      title = trim(title.substr(0, k));
      return true;
    }
  }
  return false;
}

// "a.k.a. Se7en" -> "Se7en"
std::string_view without_aka(std::string_view alternative) {
  for (std::string_view prefix : {"a.k.a.", "a.k.a", "aka "}) {
    if (alternative.size() <= prefix.size()) continue;
    bool same = true;
    for (size_t k = 0; k < prefix.size() && same; ++k) same = static_cast<char>(lower(alternative[k])) == prefix[k];
    if (same) return trim(alternative.substr(prefix.size()));
  }
  return alternative;
}

// "Episode IV - A New Hope" -> "A New Hope"
std::string_view without_episode(std::string_view part) {
  const std::string folded = fold_words(part);
  if (folded.rfind("episode ", 0) != 0) return part;
  for (std::string_view dash : {" - ", " \xE2\x80\x93 "}) {
    const size_t at = part.find(dash);
    if (at != std::string_view::npos) return trim(part.substr(at + dash.size()));
  }
  return part;
}

void add_keys(std::vector<std::string>& keys, std::string_view name, const std::string& year) {
  for (const std::string& form : name_forms(name)) {
    std::string key = form + "|" + year;
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
  }
}

}  // namespace

std::vector<std::string> title_keys(std::string_view title) {
  std::string_view main = trim(title);
  const std::string year = take_year(main);
  std::vector<std::string_view> alternatives;
  std::string_view inside;
  while (take_parenthesised(main, inside))
    if (!inside.empty()) alternatives.insert(alternatives.begin(), without_aka(inside));
  std::vector<std::string> keys;
  add_keys(keys, main, year);
  if (keys.empty()) return keys;  // no letters or digits in the main title
  const size_t colon = main.find(':');
  if (colon != std::string_view::npos) {
    const std::string_view before = trim(main.substr(0, colon)), after = trim(main.substr(colon + 1));
    if (!before.empty() && !after.empty()) {
      add_keys(keys, before, year);
      add_keys(keys, without_episode(after), year);
    }
  }
  for (std::string_view alternative : alternatives) add_keys(keys, alternative, year);
  return keys;
}

std::vector<std::string> artist_keys(std::string_view name) {
  std::vector<std::string> keys;
  add_keys(keys, name, "");
  const std::string words = fold_words(name);  // "The Beatles" also as "the beatles"
  if (!words.empty() && std::find(keys.begin(), keys.end(), words + "|") == keys.end()) keys.push_back(words + "|");
  return keys;
}

std::string fold_name(std::string_view name) {
  std::string out;
  bool space = false;
  for (size_t at = 0; at < name.size();) {
    const char32_t c = next_code_point(name, at);
    if (c == ' ' || c == '\t' || c == 0xA0) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    if (c == 0xFFFD)
      out += "\xEF\xBF\xBD";
    else
      append_utf8(out, lower(c));
  }
  return out;
}

}  // namespace als
