// .npz archives on disk (numpy.savez: a zip of .npy members, stored, with
// ZIP64 extra fields), for the CLI and the tests. Native only: it reads with
// cpp/io/zip_file (libzip + zlib) and writes with libzip; in the browser the
// page unzips with fflate and hands the .npy bytes to the engine.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace als {

// Every member's bytes, by name. Throws std::runtime_error naming the file on
// a missing, truncated or corrupt archive (and on an encrypted member).
std::map<std::string, std::string> read_npz_file(const std::string& path);

// Writes the members, stored (as numpy.savez does), in the order given.
void write_npz_file(const std::string& path, const std::vector<std::pair<std::string, std::string>>& members);

}  // namespace als
