// The published bundle vectors (tests/vectors/bundle/) each pass, or fail at
// the expected step, with the key set a verifier pins for them (keys.json),
// never the bundles' own keys. Verification only, so it also runs against the
// browser verifier's lite backend (unit_tests_lite in the Wasm tree).
#include <gtest/gtest.h>

#include "shared/protocol/bundle.hpp"
#include "shared/protocol/envelope.hpp"
#include "tests/unit/shared/vector_files.hpp"

namespace {

using tirage::Json;

Json load(const std::string& name) { return tirage::testing::load_vector("bundle/" + name); }
std::vector<tirage::PublishedKey> trusted() { return *tirage::keyset_from_json(load("keys.json")); }

// The cases whose expect file says "verified": true.
TEST(BundleVectors, ValidBundlesPassEveryCheck) {
  for (const auto& c : tirage::testing::bundle_cases()) {
    if (!c.expect["verified"].get<bool>()) continue;
    const std::string& name = c.name;
    auto report = tirage::verify_bundle(load(name), trusted());
    EXPECT_TRUE(report.ok()) << name << ": " << (report.first_failure() ? report.first_failure()->detail : "");
    for (const auto& check : report.checks) EXPECT_FALSE(check.id.empty()) << check.title;
    // Steps 1 to 6 all appear.
    for (int step = 1; step <= 6; ++step) {
      bool seen = false;
      for (const auto& check : report.checks) seen = seen || check.step == step;
      EXPECT_TRUE(seen) << name << " has no check for step " << step;
    }
  }
}

// The others: the first check to fail is the expect file's failing_check, of its failing_step.
TEST(BundleVectors, EachTamperingFailsTheExpectedStep) {
  for (const auto& c : tirage::testing::bundle_cases()) {
    if (c.expect["verified"].get<bool>()) continue;
    auto report = tirage::verify_bundle(load(c.name), trusted());
    ASSERT_FALSE(report.ok()) << c.name << " (" << c.expect["description"].get<std::string>() << ")";
    const auto* bad = report.first_failure();
    EXPECT_EQ(bad->step, c.expect["failing_step"].get<int>()) << c.name << ": " << bad->title << ": " << bad->detail;
    EXPECT_EQ(bad->id, c.expect["failing_check"].get<std::string>()) << c.name << ": " << bad->detail;
  }
}

TEST(BundleVectors, ADrandBundleHasItsBlsSignatureChecked) {
  auto report = tirage::verify_bundle(load("valid-drand.json"), trusted());
  bool seen = false;
  for (const auto& c : report.checks) seen = seen || (c.id == "beacon_drand_signature" && c.ok);
  EXPECT_TRUE(seen) << "no passing beacon_drand_signature check";
}

TEST(BundleVectors, ASignatureThatIsNotDrandsFailsTheBlsCheckAlone) {
  // randomness = H(signature), seed, selection and signatures all consistent: only BLS can tell.
  auto report = tirage::verify_bundle(load("resigned-not-drand.json"), trusted());
  ASSERT_FALSE(report.ok());
  const auto* bad = report.first_failure();
  EXPECT_EQ(bad->id, "beacon_drand_signature");
  EXPECT_NE(bad->detail.find("does not verify"), std::string::npos) << bad->detail;
  for (const auto& c : report.checks) {
    if (c.id == "beacon_drand") {
      EXPECT_TRUE(c.ok) << "the H(signature) check should hold: " << c.detail;
    }
  }
}

// The attack of issue 13: a bundle made with a stranger's own key holds every
// check under the key set it brings; only the caller's trusted keys refuse it.
TEST(BundleVectors, AForgedBundleHoldsOnlyUnderItsOwnKeys) {
  const Json forged = load("forged-self-signed.json");
  auto own = tirage::keyset_from_json(forged["keys"]);
  ASSERT_TRUE(own.ok());
  EXPECT_TRUE(tirage::verify_bundle(forged, *own).ok());
  auto report = tirage::verify_bundle(forged, trusted());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_failure()->id, "commitment_signed");
  EXPECT_NE(report.first_failure()->detail.find("key " + (*own)[0].key_id + " is offered by the bundle but not trusted"),
            std::string::npos)
      << report.first_failure()->detail;
}

TEST(BundleVectors, ARotatedKeyIsTrustedOnlyThroughItsEndorsement) {
  auto report = tirage::verify_bundle(load("forged-endorsement.json"), trusted());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_failure()->id, "commitment_signed");
  EXPECT_NE(report.first_failure()->detail.find("neither in your key set nor endorsed by a key in it"), std::string::npos)
      << report.first_failure()->detail;
  // The valid rotation names how many keys it took from the bundle.
  auto rotated = tirage::verify_bundle(load("valid-rotated.json"), trusted());
  ASSERT_TRUE(rotated.ok());
  EXPECT_EQ(rotated.checks[3].id, "keys_trusted");
  EXPECT_EQ(rotated.checks[3].detail, "1 trusted key(s), 1 accepted through rotation");
}

TEST(BundleVectors, NoTrustedKeyMeansNothingVerifies) {
  auto report = tirage::verify_bundle(load("valid.json"), {});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_failure()->id, "keys_trusted");
  EXPECT_EQ(report.first_failure()->step, 1);
}

TEST(BundleVectors, ACommitmentLoggedAfterItsBeaconFails) {
  auto report = tirage::verify_bundle(load("logged-after-beacon.json"), trusted());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_failure()->id, "logged_before_beacon");
  EXPECT_NE(report.first_failure()->detail.find("not before the beacon was published at 2026-12-24T18:00:30Z"),
            std::string::npos)
      << report.first_failure()->detail;
  auto missing = tirage::verify_bundle(load("missing-committed.json"), trusted());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.first_failure()->id, "logged_before_beacon");
  EXPECT_NE(missing.first_failure()->detail.find("does not prove the commitment was logged before the beacon"),
            std::string::npos);
}

TEST(BundleVectors, TheCommitTimeHeadMustBelongToTheSameLog) {
  Json b = load("valid.json");
  b["log"]["committed"]["consistency"][0] = std::string(64, 'a');
  auto report = tirage::verify_bundle(b, trusted());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_failure()->id, "logged_before_beacon");
  EXPECT_NE(report.first_failure()->detail.find("is not a prefix of the bundle's log head"), std::string::npos);

  b = load("valid.json");
  b["log"]["committed"]["index"] = std::uint64_t{0};  // another entry's position
  report = tirage::verify_bundle(b, trusted());
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.first_failure()->detail.find("log.committed.proof does not lead"), std::string::npos);

  b = load("valid.json");
  b["log"]["committed"]["surprise"] = 1;
  report = tirage::verify_bundle(b, trusted());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_failure()->id, "bundle_well_formed");
  EXPECT_NE(report.first_failure()->detail.find("log.committed: unknown field \"surprise\""), std::string::npos);
}

// The verifier canonicalizes each envelope once and derives its statement
// hash and log leaf from that; they must be what hashing each form gives.
TEST(BundleVectors, CanonicalEnvelopesGiveTheSameHashesAsTheirJcs) {
  const Json b = load("valid-substitutions.json");
  std::vector<Json> envelopes = {b["commitment"], b["result"], b["log"]["sth"]};
  for (const auto& s : b["substitutions"]) envelopes.push_back(s);
  for (const auto& env : envelopes) {
    auto c = tirage::canonical_envelope(env);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->statement_jcs, *tirage::jcs(env["statement"]));
    EXPECT_EQ(c->statement_hash, *tirage::statement_hash(env["statement"]));
    EXPECT_EQ(c->leaf_hash, *tirage::log_leaf_hash(env));
  }
}

}  // namespace

namespace {
// A signed result's picks state their ranks (docs/protocol.md section 5): a pick
// without one, or with rank 0, is a malformed result, refused before any signature.
TEST(BundleVectors, APickWithoutItsRankIsAMalformedResult) {
  for (const Json& rank : {Json(), Json(0)}) {
    Json b = load("valid.json");
    Json& pick = b["result"]["statement"]["winners"][0];
    if (rank.is_null()) pick.erase("rank");
    else pick["rank"] = rank;
    auto report = tirage::verify_bundle(b, trusted());
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.first_failure()->id, "result_well_formed") << report.first_failure()->detail;
    EXPECT_NE(report.first_failure()->detail.find("result.winners[0].rank: missing or 0, wanted positive integer"), std::string::npos)
        << report.first_failure()->detail;
  }
}
}  // namespace
