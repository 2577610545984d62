// Base64url (RFC 4648 section 5): the encoding of PKCE challenges, JWT parts
// and Meta's signed_request; and standard base64 (section 4) for MIME mail
// and Content-Security-Policy hashes.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "shared/core/hex.hpp"

namespace tirage {

// Encodes bytes as base64url without padding.
std::string base64url_encode(std::span<const std::uint8_t> bytes);

// Encodes bytes as standard base64 ('+', '/'), padded with '='.
std::string base64_encode(std::span<const std::uint8_t> bytes);

// Decodes base64url; '=' padding is accepted at the end only. The error names
// the first bad position (standard base64's '+' and '/' are refused).
Result<Bytes> base64url_decode(std::string_view text);

}  // namespace tirage
