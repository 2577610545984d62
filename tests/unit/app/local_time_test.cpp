// Dates as the organizer types them (wasm/app/model/local_time): local time in,
// Unix seconds out, with the browser's offset passed in.
#include <gtest/gtest.h>

#include "shared/core/time.hpp"
#include "wasm/app/model/local_time.hpp"

namespace tirage::app {
namespace {

std::string utc(std::optional<std::int64_t> t) { return t ? format_rfc3339(*t) : "(none)"; }

TEST(LocalTime, MinutesAndBareDates) {
  // Paris in winter: UTC+1, getTimezoneOffset -60.
  EXPECT_EQ(utc(parse_local_time("2026-12-24 18:00", -60)), "2026-12-24T17:00:00Z");
  EXPECT_EQ(utc(parse_local_time("  2026-12-24   18:00  ", -60)), "2026-12-24T17:00:00Z");
  // New York: UTC-5, offset 300.
  EXPECT_EQ(utc(parse_local_time("2026-12-24 18:00", 300)), "2026-12-24T23:00:00Z");
  EXPECT_FALSE(parse_local_time("2026-12-24", 0));  // a time is required unless a bare date is allowed
  EXPECT_EQ(utc(parse_local_time("2026-12-24", 0, BareDate::start_of_day)), "2026-12-24T00:00:00Z");
  EXPECT_EQ(utc(parse_local_time("2026-12-24", 0, BareDate::end_of_day)), "2026-12-24T23:59:59Z");
  EXPECT_EQ(local_minute(*parse_local_time("2026-12-24 18:05", -60), -60), "2026-12-24 18:05");
}

TEST(LocalTime, RefusesWhatIsNotADate) {
  for (const char* bad : {"", "tomorrow", "2026-13-01 10:00", "2026-02-30 10:00", "2026-12-24 25:00", "2026-12-24 18:00 pm",
                          "2026-12-2418:00", "24/12/2026 18:00", "2026-12-24 18"})
    EXPECT_FALSE(parse_local_time(bad, 0, BareDate::start_of_day)) << bad;
}

TEST(LocalTime, UsesTheOffsetInForceAtTheTimeMeant) {
  // Paris: UTC+2 in summer (-120) until 2026-10-25 01:00 UTC, then UTC+1 (-60).
  const auto paris = [](std::int64_t t) { return t < 1792890000 ? -120 : -60; };
  const std::int64_t october = 1790000000;  // 2026-09-21, summer time
  // Typed in summer for a date in winter: the winter offset applies.
  EXPECT_EQ(utc(parse_local_time_at("2026-12-24 18:00", paris, october)), "2026-12-24T17:00:00Z");
  EXPECT_EQ(utc(parse_local_time_at("2026-09-30 18:00", paris, october)), "2026-09-30T16:00:00Z");
}

}  // namespace
}  // namespace tirage::app
