#include "support/cli_run.h"

#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>

namespace als::testing {

CliRun run_cli(const std::string& arguments, bool with_stderr) {
  const std::string command = std::string(ALS_CLI_PATH) + " " + arguments + (with_stderr ? " 2>&1" : " 2>/dev/null");
  CliRun run{-1, ""};
  std::FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string demo_folder() { return std::string(ALS_TEST_FIXTURES) + "/../../public/demo"; }

std::string section_after(const std::string& out, const std::string& heading, const std::string& until) {
  const size_t at = out.find(heading);
  if (at == std::string::npos) return "";
  size_t end = out.find("\n\n", at);
  if (!until.empty()) end = std::min(end, out.find(until, at));
  return out.substr(at, end - at);
}

}  // namespace als::testing
