#include "server/secrets.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace tirage::server {

Result<std::optional<std::string>> read_secret(const std::string& env_name) {
  auto trimmed = [](std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
    return s;
  };
  if (const char* v = std::getenv(env_name.c_str()); v && *v) return std::optional<std::string>(trimmed(v));
  const std::string file_var = env_name + "_FILE";
  const char* path = std::getenv(file_var.c_str());
  if (!path || !*path) return std::optional<std::string>();
  struct stat st {};
  if (::stat(path, &st) != 0) return make_error("config", file_var + ": " + path + " does not exist");
  if ((st.st_mode & 077) != 0)
    return make_error("config", file_var + ": " + path + " is readable by group or others; chmod 600 it");
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string value = trimmed(ss.str());
  if (!in || value.empty()) return make_error("config", file_var + ": " + path + " is empty or unreadable");
  return std::optional<std::string>(std::move(value));
}

}  // namespace tirage::server
