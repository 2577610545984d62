// RFC 3797: the worked example of its section 6 and the canonical forms.
#include "shared/protocol/rfc3797.hpp"

#include <gtest/gtest.h>

namespace tirage {
namespace {

TEST(Rfc3797, WorkedExample) {
  std::vector<std::string> sources = {"9319", "2 5 12 8 10", "9 18 26 34 41 45"};
  auto key = rfc3797_key(sources);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(*key, "9319./2.5.8.10.12./9.18.26.34.41.45./");
  auto picks = rfc3797_select(*key, 25, 11);
  ASSERT_TRUE(picks.ok());
  // Lee, Doc, Mary, Charity, Kasczynski, Envy, Sneazy, Anger, Chastity, Pandora (+ Sloth).
  EXPECT_EQ(*picks, (std::vector<std::uint64_t>{17, 7, 2, 16, 25, 23, 8, 24, 19, 13, 22}));
}

TEST(Rfc3797, CanonicalSourceStrings) {
  EXPECT_EQ(*rfc3797_source_string("007 3"), "3.7./");
  EXPECT_EQ(*rfc3797_source_string("1.250"), "1.25/");
  EXPECT_EQ(*rfc3797_source_string("10.0 2.5"), "2.510./");
  EXPECT_EQ(*rfc3797_source_string("0"), "0./");
  EXPECT_EQ(*rfc3797_source_string("Ma\xc5\xbe\xc5\x88\xc3\xa1k"), "MAZNAK/");
  EXPECT_EQ(*rfc3797_source_string("W 4-1"), "W41/");
  EXPECT_FALSE(rfc3797_source_string("  ").ok());
  EXPECT_FALSE(rfc3797_source_string("--").ok());
}

TEST(Rfc3797, SelectsEveryPositionOnceWhenAllAreTaken) {
  auto picks = rfc3797_select("1./", 40, 40);
  ASSERT_TRUE(picks.ok());
  std::vector<std::uint64_t> sorted = *picks;
  std::sort(sorted.begin(), sorted.end());
  for (std::uint64_t i = 0; i < 40; ++i) EXPECT_EQ(sorted[i], i + 1);
}

TEST(Rfc3797, RejectsImpossibleRequests) {
  EXPECT_FALSE(rfc3797_select("1./", 0, 0).ok());
  EXPECT_FALSE(rfc3797_select("1./", 3, 4).ok());
  EXPECT_FALSE(rfc3797_select("1./", 100000, 65537).ok());
  std::vector<std::string> none;
  EXPECT_FALSE(rfc3797_key(none).ok());
}

}  // namespace
}  // namespace tirage
