// The drand chain a server pins: quicknet, or the chain info JSON an operator
// names with --drand-chain (a test chain, a future network).
#pragma once

#include <string>

#include "shared/protocol/beacon.hpp"

namespace tirage::server {

// quicknet when path is empty; else the chain info read from path ('config' errors name the file).
Result<DrandChain> pinned_drand_chain(const std::string& path);

}  // namespace tirage::server
