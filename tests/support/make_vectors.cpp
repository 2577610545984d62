// Writes the published bundle vectors into a folder: keys.json (the key set a
// verifier pins to check them), a valid bundle per beacon source, one signed
// after a key rotation, tampered copies each of which must fail a named check,
// and forgeries made without the service's key.
//
//   make_vectors OUT_DIR
#include <fstream>
#include <iostream>

#include "shared/crypto/ed25519.hpp"
#include "shared/crypto/sha256.hpp"
#include "shared/protocol/envelope.hpp"
#include "tests/support/drand_test_chain.hpp"
#include "shared/protocol/key_trust.hpp"
#include "tests/support/example_bundle.hpp"
#include "tests/support/forged_bundle.hpp"

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

// A forger's key, fixed so that the vectors are reproducible.
tirage::Bytes forger_seed() {
  auto h = tirage::sha256(std::string_view("tirage vectors: a forger's own key, not the service's"));
  return tirage::Bytes(h.begin(), h.end());
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
  write(dir, "keys.json", tirage::testing::example_trusted_keys());
  Json valid = make_example_bundle();
  write(dir, "valid.json", valid);
  write(dir, "valid-drand.json", make_example_bundle({.beacon_source = "drand"}));
  write(dir, "valid-substitutions.json", make_example_bundle({.substitutions = 2}));
  const Json rotated = make_example_bundle({.rotated = true});
  write(dir, "valid-rotated.json", rotated);  // keys.json holds only the first key, which endorsed the second

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
  // Made without the service's key: its own key, its own log, a local beacon
  // ground until participant 7 wins. Holds under its own key set; step 1.
  write(dir, "forged-self-signed.json", tirage::testing::forge_bundle("participant7", {}, forger_seed()).bundle);

  // The rotated bundle, its second key "endorsed" by the forger's key: step 1.
  t = rotated;
  {
    auto forger = tirage::ed25519_from_seed(forger_seed());
    auto keys = *tirage::keyset_from_json(t["keys"]);
    t["keys"] = tirage::keyset_to_json(std::vector<tirage::PublishedKey>{
        keys[0],
        [&] {
          tirage::PublishedKey k = keys[1];
          k.endorsement = *tirage::endorse_key(k, *forger, k.valid_from + 1);
          return k;
        }()});
  }
  write(dir, "forged-endorsement.json", t);

  // Signed with the service's key, but the commitment entered the log only
  // after the beacon's value was published (reveal_at is committed_at + 30): step 6.
  write(dir, "logged-after-beacon.json", make_example_bundle({.committed_head_after = 45}));
  write(dir, "missing-committed.json", make_example_bundle({.committed_head_after = std::nullopt}));  // step 6
  return 0;
}
