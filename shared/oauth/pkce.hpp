// PKCE (RFC 7636): the challenge sent with the authorization request, derived
// from the verifier the server keeps until the code exchange.
//
//   const std::string challenge = pkce_challenge(verifier, PkceMethod::s256);
#pragma once

#include <string>
#include <string_view>

#include "shared/core/result.hpp"

namespace tirage {

enum class PkceMethod {
  s256,      // base64url(SHA-256(verifier)), RFC 7636 section 4.2 (Google, Facebook, X)
  s256_hex,  // lowercase hex of SHA-256(verifier): TikTok Login Kit's variant, also sent as "S256"
};

// The code_challenge for a verifier.
std::string pkce_challenge(std::string_view verifier, PkceMethod method);

// Ok when verifier is 43 to 128 characters of [A-Za-z0-9-._~] (RFC 7636 section 4.1).
Status pkce_verifier_valid(std::string_view verifier);

}  // namespace tirage
