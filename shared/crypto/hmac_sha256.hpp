// HMAC-SHA256 (RFC 2104) and a comparison that takes the same time whatever
// the inputs hold, for checking signatures of webhooks and signed requests.
#pragma once

#include <span>
#include <string_view>

#include "shared/core/hex.hpp"

namespace tirage {

// HMAC-SHA256 of data under key.
Hash hmac_sha256(std::string_view key, std::span<const std::uint8_t> data);
inline Hash hmac_sha256(std::string_view key, std::string_view data) { return hmac_sha256(key, as_bytes(data)); }

// True when a and b are equal; the time depends only on their lengths.
bool constant_time_equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b);

}  // namespace tirage
