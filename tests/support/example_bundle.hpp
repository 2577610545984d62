// A complete, deterministic result bundle built with the core, for tests and
// for the published vectors in tests/vectors/bundle/. Everything is derived
// from fixed seeds, so the same build always produces the same bytes.
#pragma once

#include <optional>
#include <string>

#include "shared/core/hex.hpp"
#include "shared/core/time.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage::testing {

struct ExampleOptions {
  std::string beacon_source = "local";  // "local" or "drand"
  std::uint64_t participants = 20, winners = 3, alternates = 2;
  int substitutions = 0;                // how many winners are replaced (<= alternates)
  std::string drand_chain = "";         // empty: quicknet; else the drand test chain of that name
  std::string drand_signature = "";     // hex; empty: the chain's real signature of the round (3)
  // The commitment's publish_by as seconds after the beacon's publication; none: a
  // commitment made before deadlines existed (the published vectors are those).
  std::optional<std::int64_t> publish_window = std::nullopt;
  std::string draw_id = "d_example", title = "Concours de Noël";
  // Who signs: empty, the example key; else the key with this seed, which the
  // bundle offers as its only key (what a forger does).
  Bytes key_seed = {};
  // Signed by a second example key that the first endorsed at rotation (the
  // bundle offers both; a verifier that pinned only the first follows).
  bool rotated = false;
  Bytes local_secret = {};  // the local beacon's secret; empty, a fixed one
  // log.committed: the head signed when the commitment was appended, this many
  // seconds after committed_at; nullopt leaves log.committed out.
  std::optional<UnixSeconds> committed_head_after = 0;
};

// The bundle as GET /api/v1/draws/{id}/bundle serves it. A drand bundle is
// committed at its chain's genesis to round 3, whose signature quicknet really
// published (tests/vectors/drand_quicknet.json), or which a test chain signs
// (tests/support/drand_test_chain), so its BLS check holds.
Json make_example_bundle(const ExampleOptions& options = {});

// The key set a verifier pins to check the example bundles (tests/vectors/bundle/keys.json):
// the first example key, listed as current.
Json example_trusted_keys();

// The 32-byte seed of the example signing key (never a real key).
Bytes example_key_seed();

}  // namespace tirage::testing
