// RFC 3339 times and hex: the small pure helpers every statement relies on.
#include <gtest/gtest.h>

#include "shared/core/hex.hpp"
#include "shared/core/time.hpp"

namespace tirage {
namespace {

TEST(Time, RoundTrips) {
  for (const char* t : {"1970-01-01T00:00:00Z", "2026-12-24T18:00:00Z", "2000-02-29T23:59:59Z", "1969-12-31T23:59:59Z",
                        "2100-03-01T00:00:00Z"}) {
    auto s = parse_rfc3339(t);
    ASSERT_TRUE(s.ok()) << t;
    EXPECT_EQ(format_rfc3339(*s), t);
  }
  EXPECT_EQ(*parse_rfc3339("2026-12-24T18:00:00Z"), 1798135200);
  EXPECT_EQ(*parse_rfc3339("1970-01-01T00:00:00Z"), 0);
}

TEST(Time, RejectsOtherShapes) {
  for (const char* t : {"2026-12-24T18:00:00", "2026-12-24 18:00:00Z", "2026-12-24T18:00:00.5Z", "2026-12-24T18:00:00+01:00",
                        "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-12-24T24:00:00Z", ""}) {
    EXPECT_FALSE(parse_rfc3339(t).ok()) << t;
  }
}

TEST(Hex, LowercaseOutStrictIn) {
  Bytes b = {0x00, 0xab, 0xff};
  EXPECT_EQ(to_hex(b), "00abff");
  EXPECT_EQ(*from_hex("00ABff"), b);
  auto odd = from_hex("abc");
  ASSERT_FALSE(odd.ok());
  auto bad = from_hex("00zz");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("position 3"), std::string::npos) << bad.error().message;
  EXPECT_FALSE(hash_from_hex("00").ok());
  EXPECT_TRUE(hash_from_hex(std::string(64, 'f')).ok());
}

}  // namespace
}  // namespace tirage
