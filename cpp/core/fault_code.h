// A failure the page words in the visitor's language: a code (the key
// fault.<code> in web/src/i18n) and the values its sentence needs. what() of
// the exception that carries it stays the English sentence (the CLI, logs,
// tests, and the page when it has no words for the code).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace als {

struct FaultCode {
  FaultCode() = default;
  explicit FaultCode(std::string code) : code(std::move(code)) {}

  std::string code;  // empty: no code, the English message is all there is
  std::vector<std::pair<std::string, double>> numbers;
  std::vector<std::pair<std::string, std::string>> texts;

  FaultCode& number(std::string name, double value) {
    numbers.emplace_back(std::move(name), value);
    return *this;
  }
  FaultCode& text(std::string name, std::string value) {
    texts.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

}  // namespace als
