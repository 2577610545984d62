// Writes the published bundle vectors into a folder: a valid bundle per beacon
// source, and tampered copies each of which must fail a named check.
//
//   make_vectors OUT_DIR
#include <fstream>
#include <iostream>

#include "shared/crypto/ed25519.hpp"
#include "shared/protocol/envelope.hpp"
#include "tests/support/drand_test_chain.hpp"
#include "tests/support/example_bundle.hpp"

using tirage::Json;
using tirage::testing::ExampleOptions;
using tirage::testing::make_example_bundle;

namespace {
// A dishonest signer: the statement is changed and signed again with the
// bundle's own key, so only the protocol's later checks can catch it.
Json resign(const Json& statement) {
  auto key = tirage::ed25519_from_seed(tirage::testing::example_key_seed());
  return *tirage::sign_envelope(statement, *key);
}

void write(const std::string& dir, const std::string& name, const Json& j) {
  std::ofstream(dir + "/" + name) << j.dump(2) << "\n";
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_vectors OUT_DIR\n";
    return 2;
  }
  const std::string dir = argv[1];
  Json valid = make_example_bundle();
  write(dir, "valid.json", valid);
  write(dir, "valid-drand.json", make_example_bundle({.beacon_source = "drand"}));
  write(dir, "valid-substitutions.json", make_example_bundle({.substitutions = 2}));

  Json t = valid;
  t["result"]["statement"]["winners"][0]["entry"]["name"] = "Somebody Else";
  write(dir, "tampered-winner.json", t);  // step 1: the result's signature breaks

  t = valid;
  t["commitment"]["statement"]["winners"] = 4;
  write(dir, "tampered-commitment.json", t);  // step 1

  t = valid;
  t["log"]["inclusion"] = Json::array();
  write(dir, "tampered-log.json", t);  // step 6

  t = valid;
  t["result"] = resign([&] {
    Json r = valid["result"]["statement"];
    std::swap(r["winners"][0]["entry"], r["alternates"][0]["entry"]);
    return r;
  }());
  write(dir, "resigned-swapped-entry.json", t);  // step 5: the proof no longer matches

  t = valid;
  t["result"] = resign([&] {
    Json r = valid["result"]["statement"];
    r["seed"] = std::string(64, '0');
    return r;
  }());
  write(dir, "resigned-wrong-seed.json", t);  // step 4

  t = valid;
  t["result"] = resign([&] {
    Json r = valid["result"]["statement"];
    r["beacon"]["secret"] = std::string(64, '1');
    return r;
  }());
  write(dir, "resigned-wrong-beacon.json", t);  // step 3

  // A drand round whose signature is not drand's (the same round signed by
  // another key: a valid G1 point), randomness = H(signature), and everything
  // after it derived and signed consistently: only the BLS check can tell.
  write(dir, "resigned-not-drand.json",
        make_example_bundle({.beacon_source = "drand",
                             .drand_signature = tirage::to_hex(tirage::testing::drand_test_sign("not-drand", 3))}));  // step 3
  return 0;
}
