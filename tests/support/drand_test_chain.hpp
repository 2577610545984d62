// drand test chains: a BLS key pair derived from a name (never a real key),
// the chain's info as drand serves it, and real signatures of its rounds in
// drand's scheme (bls-unchained-g1-rfc9380, as quicknet), made with blst. For
// the fake relay's signer (tests/fakes/drand_test_signer.cpp) and the vectors.
#pragma once

#include <string>

#include "shared/core/hex.hpp"
#include "shared/protocol/beacon.hpp"

namespace tirage::testing {

// The chain named name (its beacon id), on the given schedule (default: quicknet's).
DrandChain drand_test_chain(const std::string& name, UnixSeconds genesis = 1692803367, UnixSeconds period = 3);

// The 48-byte signature of round by the key of the chain named name.
Bytes drand_test_sign(const std::string& name, std::uint64_t round);

}  // namespace tirage::testing
