// A tiny command-line parser: positional arguments and --name value options,
// with clear errors for unknown options or bad numbers.
#pragma once

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace als::cli {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Arguments {
 public:
  // flags: options that take no value (e.g. "one-plus").
  Arguments(int argc, char** argv, int first, const std::set<std::string>& flags);

  const std::vector<std::string>& positional() const { return positional_; }
  bool has(const std::string& name) const;
  std::string text(const std::string& name, const std::string& fallback) const;
  double number(const std::string& name, double fallback) const;
  long long integer(const std::string& name, long long fallback) const;
  // Comma-separated list ("1,2,3").
  std::vector<std::string> list(const std::string& name) const;
  // Fails on options that no command read (typos).
  void reject_unused() const;

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::string> options_;
  mutable std::set<std::string> used_;
};

}  // namespace als::cli
