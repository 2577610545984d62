// The published bundle vectors (tests/vectors/bundle/) each pass, or fail at
// the expected step. Verification only, so it also runs against the browser
// verifier's lite backend (unit_tests_lite in the Wasm tree).
#include <gtest/gtest.h>

#include "shared/protocol/bundle.hpp"
#include "tests/unit/shared/vector_files.hpp"

namespace {

using tirage::Json;

Json load(const std::string& name) { return tirage::testing::load_vector("bundle/" + name); }

TEST(BundleVectors, ValidBundlesPassEveryCheck) {
  for (const char* name : {"valid.json", "valid-drand.json", "valid-substitutions.json"}) {
    auto report = tirage::verify_bundle(load(name));
    EXPECT_TRUE(report.ok()) << name << ": " << (report.first_failure() ? report.first_failure()->detail : "");
    for (const auto& c : report.checks) EXPECT_FALSE(c.id.empty()) << c.title;
    // Steps 1 to 6 all appear.
    for (int step = 1; step <= 6; ++step) {
      bool seen = false;
      for (const auto& c : report.checks) seen = seen || c.step == step;
      EXPECT_TRUE(seen) << name << " has no check for step " << step;
    }
  }
}

TEST(BundleVectors, EachTamperingFailsTheExpectedStep) {
  const std::pair<const char*, int> cases[] = {
      {"tampered-winner.json", 1},          {"tampered-commitment.json", 1},
      {"tampered-log.json", 6},             {"resigned-swapped-entry.json", 5},
      {"resigned-wrong-seed.json", 4},      {"resigned-wrong-beacon.json", 3},
      {"resigned-not-drand.json", 3},
  };
  for (const auto& [name, step] : cases) {
    auto report = tirage::verify_bundle(load(name));
    ASSERT_FALSE(report.ok()) << name;
    EXPECT_EQ(report.first_failure()->step, step) << name << ": " << report.first_failure()->title << ": "
                                                  << report.first_failure()->detail;
  }
}

TEST(BundleVectors, ADrandBundleHasItsBlsSignatureChecked) {
  auto report = tirage::verify_bundle(load("valid-drand.json"));
  bool seen = false;
  for (const auto& c : report.checks) seen = seen || (c.id == "beacon_drand_signature" && c.ok);
  EXPECT_TRUE(seen) << "no passing beacon_drand_signature check";
}

TEST(BundleVectors, ASignatureThatIsNotDrandsFailsTheBlsCheckAlone) {
  // randomness = H(signature), seed, selection and signatures all consistent: only BLS can tell.
  auto report = tirage::verify_bundle(load("resigned-not-drand.json"));
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

}  // namespace
