// Writes the published bundle vectors into a folder: keys.json (the key set a
// verifier pins to check them), a valid bundle per beacon source, one signed
// after a key rotation, tampered copies each of which must fail a named check,
// and forgeries made without the service's key. Each case NAME.json comes with
// NAME.expect.json, which says what it is and what a verifier pinning keys.json
// concludes ({"description", "verified", "failing_step", "failing_check"}), so
// the tests read the outcome from the data and a new case is new files only.
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

// What a verifier pinning keys.json concludes about a case: every check passes (step 0), or the
// first to fail is failing_check of failing_step.
struct Outcome {
  int failing_step = 0;
  std::string failing_check;
};

// Writes NAME.json (the bundle) and NAME.expect.json (its description and outcome).
void write_case(const std::string& dir, const std::string& name, const Json& bundle, const std::string& description,
                const Outcome& outcome = {}) {
  write(dir, name + ".json", bundle);
  Json expect = {{"description", description}, {"verified", outcome.failing_step == 0}};
  if (outcome.failing_step != 0) {
    expect["failing_step"] = outcome.failing_step;
    expect["failing_check"] = outcome.failing_check;
  }
  write(dir, name + ".expect.json", expect);
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
  write_case(dir, "valid", valid,
             "A local-beacon draw: 20 participants (list and Instagram entries, one name with a non-ASCII character), "
             "3 winners, 2 alternates; every check passes.");
  write_case(dir, "valid-drand", make_example_bundle({.beacon_source = "drand"}),
             "The same with a drand beacon: quicknet's round 3 and the signature quicknet published for it (BLS-valid); "
             "committed at quicknet's genesis.");
  write_case(dir, "valid-substitutions", make_example_bundle({.substitutions = 2}), "valid.json with two substitutions.");
  const Json rotated = make_example_bundle({.rotated = true});
  // keys.json holds only the first key, which endorsed the second.
  write_case(dir, "valid-rotated", rotated,
             "Signed by a second key that the pinned key endorsed at rotation (keys_trusted: 1 trusted, 1 accepted through "
             "rotation).");

  Json t = valid;
  t["result"]["statement"]["winners"][0]["entry"]["name"] = "Somebody Else";
  write_case(dir, "tampered-winner", t, "A winner's name changed: the result's signature breaks.", {1, "result_signed"});

  t = valid;
  t["commitment"]["statement"]["winners"] = 4;
  write_case(dir, "tampered-commitment", t, "winners changed in the commitment: its signature breaks.",
             {1, "commitment_signed"});

  t = valid;
  t["log"]["inclusion"] = Json::array();
  write_case(dir, "tampered-log", t, "No inclusion proofs: the commitment is not shown to be in the log.",
             {6, "commitment_logged"});

  t = valid;
  t["result"] = resign([&] {
    Json r = valid["result"]["statement"];
    std::swap(r["winners"][0]["entry"], r["alternates"][0]["entry"]);
    return r;
  }());
  write_case(dir, "resigned-swapped-entry", t,
             "A winner and an alternate swapped, re-signed: the inclusion proof no longer matches.", {5, "winners_included"});

  t = valid;
  t["result"] = resign([&] {
    Json r = valid["result"]["statement"];
    r["seed"] = std::string(64, '0');
    return r;
  }());
  write_case(dir, "resigned-wrong-seed", t, "Another seed, re-signed.", {4, "seed"});

  t = valid;
  t["result"] = resign([&] {
    Json r = valid["result"]["statement"];
    r["beacon"]["secret"] = std::string(64, '1');
    return r;
  }());
  write_case(dir, "resigned-wrong-beacon", t, "Another local-beacon secret, re-signed.", {3, "beacon_local"});

  // A drand round whose signature is not drand's (the same round signed by
  // another key: a valid G1 point), randomness = H(signature), and everything
  // after it derived and signed consistently: only the BLS check can tell.
  write_case(dir, "resigned-not-drand",
             make_example_bundle({.beacon_source = "drand",
                                  .drand_signature = tirage::to_hex(tirage::testing::drand_test_sign("not-drand", 3))}),
             "Quicknet's round 3 with a signature made by another BLS key, randomness its hash and everything after it "
             "re-derived and re-signed: fails the BLS check only; a verifier without BLS cannot tell it from "
             "valid-drand.json.",
             {3, "beacon_drand_signature"});
  // Made without the service's key: its own key, its own log, a local beacon
  // ground until participant 7 wins.
  write_case(dir, "forged-self-signed", tirage::testing::forge_bundle("participant7", {}, forger_seed()).bundle,
             "Made with a stranger's own key, log and local beacon (ground until a chosen participant wins): holds under "
             "its own keys, fails under keys.json.",
             {1, "commitment_signed"});

  // The rotated bundle, its second key "endorsed" by the forger's key.
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
  write_case(dir, "forged-endorsement", t, "valid-rotated.json whose second key is \"endorsed\" by the stranger's key.",
             {1, "commitment_signed"});

  // Signed with the service's key, but the commitment entered the log only
  // after the beacon's value was published (reveal_at is committed_at + 30).
  write_case(dir, "logged-after-beacon", make_example_bundle({.committed_head_after = 45}),
             "log.committed is a head signed 45 s after committed_at, after the local beacon's reveal_at (30 s).",
             {6, "logged_before_beacon"});
  write_case(dir, "missing-committed", make_example_bundle({.committed_head_after = std::nullopt}), "No log.committed.",
             {6, "logged_before_beacon"});
  return 0;
}
