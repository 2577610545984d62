// Issue 13's attacks, built here each run: a bundle anyone can make alone
// (a fresh Ed25519 key, their own log, a local beacon ground until a friend
// wins), and a commitment that entered the log only once its beacon existed.
// Both hold every other check; the trusted keys and the commit-time log head
// are what refuse them.
#include <gtest/gtest.h>

#include "shared/protocol/bundle.hpp"
#include "tests/support/example_bundle.hpp"
#include "tests/support/forged_bundle.hpp"

namespace {

using tirage::Json;
using tirage::testing::ExampleOptions;

std::vector<tirage::PublishedKey> service_keys() {
  return *tirage::keyset_from_json(tirage::testing::example_trusted_keys());
}

TEST(BundleForgery, ASelfSignedBundleWithAGroundBeaconIsRefused) {
  // Participant 12 is not a winner of the honest example draw: the forger makes them one.
  const Json honest = tirage::testing::make_example_bundle();
  for (const auto& w : honest["result"]["statement"]["winners"]) ASSERT_NE(w["entry"]["id"], "participant12");

  auto forgery = tirage::testing::forge_bundle("participant12");
  EXPECT_EQ(forgery.bundle["result"]["statement"]["winners"][0]["entry"]["id"], "participant12");
  auto own = tirage::keyset_from_json(forgery.keys);
  ASSERT_TRUE(own.ok());
  ASSERT_NE((*own)[0].key_id, service_keys()[0].key_id);
  // Self-consistent: under the key set it brings, every check holds.
  auto self = tirage::verify_bundle(forgery.bundle, *own);
  EXPECT_TRUE(self.ok()) << (self.first_failure() ? self.first_failure()->detail : "");

  auto report = tirage::verify_bundle(forgery.bundle, service_keys());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_failure()->step, 1);
  EXPECT_EQ(report.first_failure()->id, "commitment_signed");
  EXPECT_NE(report.first_failure()->detail.find("key " + (*own)[0].key_id + " is offered by the bundle but not trusted"),
            std::string::npos)
      << report.first_failure()->detail;
}

TEST(BundleForgery, TwoForgeriesUseTwoFreshKeys) {
  auto a = tirage::testing::forge_bundle("participant3");
  auto b = tirage::testing::forge_bundle("participant3");
  EXPECT_NE(a.keys, b.keys);
}

TEST(BundleForgery, ACommitmentLoggedWhenItsBeaconAppearedFails) {
  // The local beacon is published at committed_at + 30: a head signed then is not before it.
  for (tirage::UnixSeconds after : {30, 31, 3600}) {
    auto report = tirage::verify_bundle(tirage::testing::make_example_bundle({.committed_head_after = after}), service_keys());
    ASSERT_FALSE(report.ok()) << after;
    EXPECT_EQ(report.first_failure()->id, "logged_before_beacon") << after;
    EXPECT_EQ(report.first_failure()->step, 6);
  }
  auto just_before = tirage::verify_bundle(tirage::testing::make_example_bundle({.committed_head_after = 29}), service_keys());
  EXPECT_TRUE(just_before.ok()) << (just_before.first_failure() ? just_before.first_failure()->detail : "");
  // A drand draw: the head must come before the round's publication time.
  auto drand = tirage::verify_bundle(
      tirage::testing::make_example_bundle({.beacon_source = "drand", .committed_head_after = 3600}), service_keys());
  ASSERT_FALSE(drand.ok());
  EXPECT_EQ(drand.first_failure()->id, "logged_before_beacon");
}

TEST(BundleForgery, TheCommitTimeHeadMustBeSignedByATrustedKey) {
  // A forger's own key cannot vouch for the time either: even with the
  // service's signatures elsewhere, log.committed from another key fails.
  Json b = tirage::testing::make_example_bundle();
  auto forgery = tirage::testing::forge_bundle("participant3");
  b["log"]["committed"]["sth"] = forgery.bundle["log"]["committed"]["sth"];
  auto report = tirage::verify_bundle(b, service_keys());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_failure()->id, "logged_before_beacon");
  EXPECT_NE(report.first_failure()->detail.find("log.committed.sth: key"), std::string::npos)
      << report.first_failure()->detail;
}

}  // namespace
