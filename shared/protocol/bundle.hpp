// Offline verification of a published result bundle (docs/protocol.md section 8,
// steps 1-6). The bundle is what GET /api/v1/draws/{id}/bundle serves:
//
//   {"keys": <tirage-keys.json>, "commitment": <envelope>, "result": <envelope>,
//    "substitutions": [<envelope>...],
//    "log": {"sth": <envelope>, "inclusion": [{"leaf_hash","index","proof"}...],
//            "committed": {"sth": <envelope>, "index", "proof": [hex...], "consistency": [hex...]}}}
//
// The signatures are checked with the caller's trusted keys; the bundle's own
// "keys" are only offered, accepted through rotation endorsements (key_trust.hpp).
//
//   BundleReport r = verify_bundle(bundle, trusted_keys);
//   for (auto& c : r.checks) print(c.ok, c.title, c.detail);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/protocol/beacon.hpp"
#include "shared/protocol/envelope.hpp"
#include "shared/protocol/jcs.hpp"
#include "shared/protocol/statements.hpp"

namespace tirage {

struct Check {
  int step = 0;            // docs/protocol.md section 8 step
  std::string id;          // stable name of the check, for translations (e.g. "result_signed")
  std::string title;       // what was checked, in plain words (English)
  bool ok = false;
  std::string detail;      // why it failed, or a short confirmation
  std::uint64_t n = 0;     // which substitution, for the checks made once per substitution
};

struct BundleReport {
  std::vector<Check> checks;
  std::optional<Commitment> commitment;  // when it could be read
  std::optional<DrawResult> result;
  std::vector<Substitution> substitutions;  // in order, once checked
  bool ok() const;
  // The first failing check, or nullptr when all hold.
  const Check* first_failure() const;
};

// A newer tree head the verifier already trusts, with the consistency proof
// between it and the bundle's head (in whichever direction is older -> newer).
struct KnownTreeHead {
  Json sth;                       // envelope
  std::vector<Hash> consistency;  // proof between the two sizes
};

// Runs steps 1-6 on the bundle with the signing keys the caller trusts (its own
// copy of the service's key set, never the bundle's); never throws, every
// problem becomes a failed check. A drand beacon's BLS signature is checked
// against quicknet's pinned key, or that of one of drand_chains (chains the
// caller pins, e.g. a test chain).
BundleReport verify_bundle(const Json& bundle, std::span<const PublishedKey> trusted_keys,
                           const std::optional<KnownTreeHead>& known = std::nullopt,
                           std::span<const DrandChain> drand_chains = {});

// The log leaf hash of an envelope: H(0x00 || JCS(envelope)).
Result<Hash> log_leaf_hash(const Json& envelope);

}  // namespace tirage
