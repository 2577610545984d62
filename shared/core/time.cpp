#include "shared/core/time.hpp"

#include <cstdio>

namespace tirage {

namespace {
// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}
}  // namespace

Result<UnixSeconds> parse_rfc3339(std::string_view t) {
  auto bad = [&](const char* why) {
    return make_error("bad_time", "time \"" + std::string(t.substr(0, 40)) +
                                      "\" is not of the form YYYY-MM-DDTHH:MM:SSZ: " + why);
  };
  if (t.size() != 20) return bad("wrong length");
  static constexpr char kShape[] = "dddd-dd-ddTdd:dd:ddZ";
  for (std::size_t i = 0; i < 20; ++i) {
    if (kShape[i] == 'd') {
      if (t[i] < '0' || t[i] > '9') return bad("a digit is expected");
    } else if (t[i] != kShape[i]) {
      return bad("a separator is wrong");
    }
  }
  auto num = [&](std::size_t pos, std::size_t len) {
    unsigned v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + static_cast<unsigned>(t[i] - '0');
    return v;
  };
  const std::int64_t year = num(0, 4);
  const unsigned month = num(5, 2), day = num(8, 2), hour = num(11, 2), minute = num(14, 2),
                 second = num(17, 2);
  if (month < 1 || month > 12) return bad("month out of range");
  if (day < 1 || day > days_in_month(year, month)) return bad("day out of range");
  if (hour > 23 || minute > 59 || second > 59) return bad("time of day out of range");
  return *unix_from_civil(year, month, day, hour, minute, second);
}

std::optional<UnixSeconds> unix_from_civil(std::int64_t year, unsigned month, unsigned day, unsigned hour,
                                           unsigned minute, unsigned second) {
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  return days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

std::string format_rfc3339(UnixSeconds t) {
  std::int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
  std::int64_t secs = t - days * 86400;
  std::int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  // secs is in [0, 86400), so each time field has two digits.
  const unsigned hh = static_cast<unsigned>(secs / 3600), mm = static_cast<unsigned>(secs / 60 % 60),
                 ss = static_cast<unsigned>(secs % 60);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02uZ", static_cast<long long>(y), m, d, hh % 100,
                mm % 100, ss % 100);
  return buf;
}

}  // namespace tirage
