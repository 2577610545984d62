// Lowercase hex encoding and strict decoding (docs/protocol.md: "Hex is lowercase").
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"

namespace tirage {

using Bytes = std::vector<std::uint8_t>;
using Hash = std::array<std::uint8_t, 32>;

// Encodes bytes as lowercase hex.
std::string to_hex(std::span<const std::uint8_t> bytes);

// Decodes hex (upper or lower case accepted); error names the first bad position.
Result<Bytes> from_hex(std::string_view hex);

// Decodes exactly 32 bytes of hex, as every protocol hash is.
Result<Hash> hash_from_hex(std::string_view hex);

// Views a string's bytes without copying.
inline std::span<const std::uint8_t> as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace tirage
