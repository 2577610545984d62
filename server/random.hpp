// Randomness from the operating system, for ids, tokens, secrets and keys.
#pragma once

#include <string>

#include "shared/core/hex.hpp"

namespace tirage::server {

// n bytes from OpenSSL's CSPRNG; aborts if the system has no entropy (nothing is safe then).
Bytes random_bytes(std::size_t n);

// A prefixed random identifier, e.g. "d_" + 24 hex digits.
std::string random_id(std::string_view prefix);

// A random URL-safe secret token of 32 bytes (64 hex digits).
std::string random_token();

}  // namespace tirage::server
