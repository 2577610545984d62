#include "cli/io.hpp"

#include "cli/commands.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace tirage::cli {

Result<std::string> read_input(const std::string& path, std::size_t max_bytes) {
  const std::string name = path == "-" ? "stdin" : path;
  std::ifstream file;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return make_error("io", "cannot open " + path + ": " + std::strerror(errno));
  }
  std::istream& in = path == "-" ? std::cin : file;
  std::string data;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    if (data.size() + static_cast<std::size_t>(in.gcount()) > max_bytes)
      return make_error("too_large", name + " is larger than " + std::to_string(max_bytes >> 20) + " MiB, the limit");
    data.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return make_error("io", "cannot read " + name);
  return data;
}

Status write_output(const std::string& path, std::string_view data) {
  if (path == "-") {
    std::cout.write(data.data(), static_cast<std::streamsize>(data.size()));
    std::cout.flush();
    return std::cout ? Status() : make_error("io", "cannot write to stdout");
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return make_error("io", "cannot create " + path + ": " + std::strerror(errno));
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  out.close();
  if (!out) return make_error("io", "cannot write " + path);
  return {};
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

Status write_new_private_file(const std::string& path, std::string_view data) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return make_error("exists", path + " already exists; refusing to overwrite it");
    return make_error("io", "cannot create " + path + ": " + std::strerror(errno));
  }
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return make_error("io", "cannot write " + path + ": " + std::strerror(errno));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) return make_error("io", "cannot save " + path + ": " + std::strerror(errno));
  return {};
}

int bad_input(const std::string& command, const Error& error) {
  std::cerr << "tirage " << command << ": " << error.message << "\n";
  return kExitBadInput;
}

}  // namespace tirage::cli
