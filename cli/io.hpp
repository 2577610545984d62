// The tool's I/O edge: reading whole files or stdin, splitting lines, and
// writing key files with safe permissions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"

namespace tirage::cli {

// Reads a whole file, or stdin when path is "-"; more than max_bytes is an error naming the limit.
Result<std::string> read_input(const std::string& path, std::size_t max_bytes = static_cast<std::size_t>(-1));

// Writes data to a file (replacing it), or to stdout when path is "-".
Status write_output(const std::string& path, std::string_view data);

// Splits text into lines without their '\n'; a final newline does not start a new line.
std::vector<std::string_view> split_lines(std::string_view text);

// Creates path with mode 0600 and writes data; refuses to overwrite an existing file.
Status write_new_private_file(const std::string& path, std::string_view data);

}  // namespace tirage::cli
