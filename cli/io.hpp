// The tool's I/O edge: reading whole files or stdin, splitting lines, and
// writing key files with safe permissions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"

namespace tirage::cli {

// Reads a whole file, or stdin when path is "-".
Result<std::string> read_input(const std::string& path);

// Splits text into lines without their '\n'; a final newline does not start a new line.
std::vector<std::string_view> split_lines(std::string_view text);

// Creates path with mode 0600 and writes data; refuses to overwrite an existing file.
Status write_new_private_file(const std::string& path, std::string_view data);

}  // namespace tirage::cli
