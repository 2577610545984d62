// Dates as the organizer reads and types them: "YYYY-MM-DD HH:MM" (or a bare
// "YYYY-MM-DD") in the browser's local time. The browser's offset is passed
// in (JS getTimezoneOffset: minutes to add to local time for UTC), so this is
// pure and tested natively.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace tirage::app {

// How a bare date reads: its first minute or its last second (the end of a window).
enum class BareDate { not_allowed, start_of_day, end_of_day };

// "YYYY-MM-DD HH:MM" (or, when allowed, "YYYY-MM-DD") local time -> Unix seconds; nullopt when malformed.
std::optional<std::int64_t> parse_local_time(const std::string& text, int tz_offset_minutes,
                                             BareDate bare = BareDate::not_allowed);

// t as the organizer types it: "YYYY-MM-DD HH:MM" local time.
std::string local_minute(std::int64_t t, int tz_offset_minutes);

// parse_local_time with the offset in force at the time meant, not now's (they differ across a
// daylight-saving change): tz_at(t) gives the offset at t.
template <class TzAt>
std::optional<std::int64_t> parse_local_time_at(const std::string& text, TzAt tz_at, std::int64_t now,
                                                BareDate bare = BareDate::not_allowed) {
  auto guess = parse_local_time(text, tz_at(now), bare);
  if (!guess) return guess;
  return parse_local_time(text, tz_at(*guess), bare);
}

}  // namespace tirage::app
