// Beacons (docs/protocol.md section 2): drand chains, the `local` commit/reveal
// beacon, and turning a result's beacon object into the beacon value.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "shared/core/hex.hpp"
#include "shared/core/time.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage {

// A drand chain as its /info describes it; the chain hash commits to the rest.
struct DrandChain {
  std::string chain_hash;  // hex
  UnixSeconds genesis_time = 0;
  UnixSeconds period = 0;
  std::string public_key;  // hex: the key every round's BLS signature is checked against
  std::string scheme;      // "bls-unchained-g1-rfc9380", the one scheme checked
  std::string group_hash;  // hex
  std::string beacon_id;   // metadata.beaconID ("quicknet")
};

// drand "quicknet", the default chain.
const DrandChain& drand_quicknet();

// drand's chain hash of the chain's other fields: SHA-256(period as u32 BE ||
// genesis as i64 BE || public key || group hash || beacon id unless "default").
Result<Hash> drand_chain_hash(const DrandChain& chain);

// A chain from drand's chain info JSON (GET /{chain_hash}/info): its "hash"
// must be the chain hash recomputed from the other fields and its scheme the
// one this build checks; errors name the field.
Result<DrandChain> drand_chain_from_info(const Json& info);

// The chain as drand's chain info JSON (the inverse of drand_chain_from_info).
Json drand_chain_info(const DrandChain& chain);

// A chain this build knows (quicknet) or one of `trusted` (chains the caller
// pins, e.g. a test chain given by --drand-chain), by chain hash.
std::optional<DrandChain> known_drand_chain(std::string_view chain_hash, std::span<const DrandChain> trusted = {});

// Ok when signature is the chain's BLS signature of round (drand's own, not
// a relay's invention); errors say why not.
Status verify_drand_signature(const DrandChain& chain, std::uint64_t round, std::span<const std::uint8_t> signature);

// A result's drand beacon object: its signature verifies for its round against
// the public key of its chain (known or trusted), never a key from the bundle.
Status check_drand_beacon_signature(const Json& result_beacon, std::span<const DrandChain> trusted = {});

// Publication time of round R: genesis + (R - 1) * period.
UnixSeconds drand_round_time(const DrandChain& chain, std::uint64_t round);

// The first round published at or after t.
std::uint64_t drand_round_at_or_after(const DrandChain& chain, UnixSeconds t);

// H("tirage/local-beacon/v1" || 0x00 || secret): the local beacon's commit.
Hash local_beacon_commit(std::span<const std::uint8_t> secret);

// Checks a commitment's beacon object: {"source":"drand","chain_hash","round"} or
// {"source":"local","commit","reveal_at"}; errors name the field.
Status check_committed_beacon(const Json& beacon);

// Time at which the beacon value becomes public (round time or reveal_at).
Result<UnixSeconds> beacon_publication_time(const Json& committed_beacon, std::span<const DrandChain> trusted = {});

// The result's beacon object (the committed one plus the revealed values)
// checked against the commitment's, and turned into the 32-byte beacon value:
// drand: randomness, which must equal H(signature) (its BLS signature is
// check_drand_beacon_signature's job); local: the secret, whose commit must match.
Result<Bytes> beacon_value(const Json& committed_beacon, const Json& result_beacon);

}  // namespace tirage
