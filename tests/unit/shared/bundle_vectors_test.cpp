// The published bundle vectors (tests/vectors/bundle/) must be exactly what the
// core produces today (that each passes or fails the expected step:
// bundle_verify_test.cpp).
#include <gtest/gtest.h>

#include "tests/support/drand_test_chain.hpp"
#include "tests/support/example_bundle.hpp"
#include "tests/unit/shared/vector_files.hpp"

namespace {

using tirage::Json;

Json load(const std::string& name) { return tirage::testing::load_vector("bundle/" + name); }

TEST(BundleVectors, CommittedVectorsMatchTheCore) {
  EXPECT_EQ(load("valid.json"), tirage::testing::make_example_bundle())
      << "tests/vectors/bundle/ is stale: rebuild with build/native/make_vectors tests/vectors/bundle";
  EXPECT_EQ(load("valid-drand.json"), tirage::testing::make_example_bundle({.beacon_source = "drand"}));
  EXPECT_EQ(load("valid-substitutions.json"), tirage::testing::make_example_bundle({.substitutions = 2}));
  EXPECT_EQ(load("resigned-not-drand.json"),
            tirage::testing::make_example_bundle(
                {.beacon_source = "drand", .drand_signature = tirage::to_hex(tirage::testing::drand_test_sign("not-drand", 3))}));
}

}  // namespace
