// Protocol times: RFC 3339 UTC with a `Z` suffix, seconds precision
// ("2026-12-24T18:00:00Z"). Pure conversions; the clock is read at the edges.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shared/core/result.hpp"

namespace tirage {

// Seconds since the Unix epoch (may be negative before 1970).
using UnixSeconds = std::int64_t;

// Parses exactly "YYYY-MM-DDTHH:MM:SSZ"; anything else is an error.
Result<UnixSeconds> parse_rfc3339(std::string_view text);

// Seconds since the epoch of a UTC calendar date and time of day; nullopt
// when a field is out of range (month 1-12, day within the month, 23:59:59).
std::optional<UnixSeconds> unix_from_civil(std::int64_t year, unsigned month, unsigned day, unsigned hour,
                                           unsigned minute, unsigned second);

// Formats as "YYYY-MM-DDTHH:MM:SSZ".
std::string format_rfc3339(UnixSeconds t);

}  // namespace tirage
