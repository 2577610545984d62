#include "wasm/app/model/local_time.hpp"

#include <cstdio>

#include "shared/core/time.hpp"

namespace tirage::app {

std::optional<std::int64_t> parse_local_time(const std::string& text, int tz_offset_minutes, BareDate bare) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, used = 0;
  const int n = std::sscanf(text.c_str(), " %4d-%2d-%2d%n", &y, &mo, &d, &used);
  if (n != 3) return std::nullopt;
  int sec = 0;
  std::size_t at = static_cast<std::size_t>(used);
  const bool spaced = at < text.size() && text[at] == ' ';
  while (at < text.size() && text[at] == ' ') ++at;
  const std::string rest = text.substr(at);
  if (!rest.empty() && !spaced) return std::nullopt;
  if (rest.empty()) {
    if (bare == BareDate::not_allowed) return std::nullopt;
    if (bare == BareDate::end_of_day) h = 23, mi = 59, sec = 59;
  } else {
    char tail = 0;
    if (std::sscanf(rest.c_str(), "%2d:%2d %c", &h, &mi, &tail) != 2) return std::nullopt;
  }
  char iso[40];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h, mi, sec);
  auto local = parse_rfc3339(iso);
  if (!local) return std::nullopt;
  return *local + std::int64_t{tz_offset_minutes} * 60;
}

std::string local_minute(std::int64_t t, int tz_offset_minutes) {
  const std::string iso = format_rfc3339(t - std::int64_t{tz_offset_minutes} * 60);
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

}  // namespace tirage::app
