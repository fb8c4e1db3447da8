// The `als` command line as the CLI tests run it: the built binary
// (ALS_CLI_PATH) through popen, its exit status and what it printed.
#pragma once

#include <string>

namespace als::testing {

struct CliRun {
  int status;
  std::string out;
};

// Runs `als ARGUMENTS` with stderr folded into the output (or dropped: stdout only).
CliRun run_cli(const std::string& arguments, bool with_stderr = true);

// The demo data set (public/demo), which every CLI test reads.
std::string demo_folder();

// The lines of `out` from `heading` up to the next blank line (or `until`, when it comes first).
std::string section_after(const std::string& out, const std::string& heading, const std::string& until = "");

}  // namespace als::testing
