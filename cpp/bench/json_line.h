// One JSON object per line on stdout: what the bench runner
// (scripts/bench/run.mjs) collects. Keys and strings here are plain ASCII
// chosen by the bench, so escaping covers only quotes and backslashes.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

namespace als::bench {

class JsonLine {
 public:
  explicit JsonLine(const std::string& type) { add("type", type); }

  JsonLine& add(const std::string& key, const std::string& value) {
    std::string quoted = "\"";
    for (char c : value) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    return raw(key, quoted + "\"");
  }
  JsonLine& add(const std::string& key, const char* value) { return add(key, std::string(value)); }
  JsonLine& add(const std::string& key, double value) {
    if (!std::isfinite(value)) return raw(key, "null");
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", value);  // exact: results are compared across engines
    return raw(key, text);
  }
  JsonLine& add(const std::string& key, int value) { return add(key, static_cast<double>(value)); }
  JsonLine& add(const std::string& key, int64_t value) { return add(key, static_cast<double>(value)); }
  JsonLine& add(const std::string& key, bool value) { return raw(key, value ? "true" : "false"); }

  // Prints the line and flushes, so the runner sees progress as it happens.
  void print() const {
    std::printf("%s}\n", body_.c_str());
    std::fflush(stdout);
  }

 private:
  JsonLine& raw(const std::string& key, const std::string& value) {
    body_ += body_.empty() ? "{" : ",";
    body_ += "\"" + key + "\":" + value;
    return *this;
  }
  std::string body_;
};

}  // namespace als::bench
