#include "server/log/event_log.hpp"

#include <chrono>
#include <cstdio>
#include <mutex>

#include "shared/core/time.hpp"

namespace tirage::server {

namespace {
bool looks_secret(const std::string& name) {
  for (const char* word : {"password", "token", "secret", "key", "cookie", "authorization", "csrf"})
    if (name.find(word) != std::string::npos && name != "key_id") return true;
  return false;
}
}  // namespace

void log_event(std::string_view level, std::string_view event, nlohmann::json fields) {
  static std::mutex mu;
  const auto now = std::chrono::system_clock::now();
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  nlohmann::json line = {{"ts", format_rfc3339(secs)}, {"level", level}, {"event", event}};
  for (auto it = fields.begin(); it != fields.end(); ++it)
    line[it.key()] = looks_secret(it.key()) ? nlohmann::json("[redacted]") : it.value();
  const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::lock_guard lock(mu);
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

}  // namespace tirage::server
