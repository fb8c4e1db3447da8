#include "cli/arguments.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace als::cli {

Arguments::Arguments(int argc, char** argv, int first, const std::set<std::string>& flags) {
  for (int k = first; k < argc; ++k) {
    std::string a = argv[k];
    if (a.rfind("--", 0) != 0 || a.size() == 2) {
      positional_.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value = "1";
    const size_t eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (!flags.count(name)) {
      if (k + 1 >= argc) throw UsageError("option --" + name + " needs a value");
      value = argv[++k];
    }
    options_[name] = value;
  }
}

bool Arguments::has(const std::string& name) const {
  used_.insert(name);
  return options_.count(name) > 0;
}

std::string Arguments::text(const std::string& name, const std::string& fallback) const {
  used_.insert(name);
  auto it = options_.find(name);
  return it == options_.end() ? fallback : it->second;
}

double Arguments::number(const std::string& name, double fallback) const {
  const std::string s = text(name, "");
  if (s.empty()) return fallback;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0' || errno != 0 || !std::isfinite(v))
    throw UsageError("--" + name + " expects a number, got '" + s + "'");
  return v;
}

long long Arguments::integer(const std::string& name, long long fallback) const {
  const double v = number(name, static_cast<double>(fallback));
  if (v != std::floor(v)) throw UsageError("--" + name + " expects a whole number");
  return static_cast<long long>(v);
}

std::vector<std::string> Arguments::list(const std::string& name) const {
  std::vector<std::string> out;
  std::stringstream ss(text(name, ""));
  std::string part;
  while (std::getline(ss, part, ','))
    if (!part.empty()) out.push_back(part);
  return out;
}

void Arguments::reject_unused() const {
  for (const auto& [name, value] : options_)
    if (!used_.count(name)) throw UsageError("unknown option --" + name);
}

}  // namespace als::cli
