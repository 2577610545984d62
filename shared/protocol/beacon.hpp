// Beacons (protocol.md section 2): drand chains, the `local` commit/reveal
// beacon, and turning a result's beacon object into the beacon value.
#pragma once

#include <optional>
#include <string>

#include "shared/core/hex.hpp"
#include "shared/core/time.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage {

struct DrandChain {
  std::string chain_hash;  // hex
  UnixSeconds genesis_time;
  UnixSeconds period;
  std::string public_key;  // hex, for BLS checks done elsewhere (browser)
  std::string scheme;
};

// drand "quicknet", the default chain.
const DrandChain& drand_quicknet();

// A chain this build knows the parameters of, by chain hash.
std::optional<DrandChain> known_drand_chain(std::string_view chain_hash);

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
Result<UnixSeconds> beacon_publication_time(const Json& committed_beacon);

// The result's beacon object (the committed one plus the revealed values)
// checked against the commitment's, and turned into the 32-byte beacon value:
// drand: randomness, which must equal H(signature); local: the secret, whose
// commit must match.
Result<Bytes> beacon_value(const Json& committed_beacon, const Json& result_beacon);

}  // namespace tirage
