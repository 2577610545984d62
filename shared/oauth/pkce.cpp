#include "shared/oauth/pkce.hpp"

#include "shared/core/base64url.hpp"
#include "shared/crypto/sha256.hpp"

namespace tirage {

std::string pkce_challenge(std::string_view verifier, PkceMethod method) {
  const Hash h = sha256(verifier);
  return method == PkceMethod::s256 ? base64url_encode(h) : to_hex(h);
}

Status pkce_verifier_valid(std::string_view verifier) {
  if (verifier.size() < 43 || verifier.size() > 128)
    return make_error("bad_pkce", "a PKCE verifier has 43 to 128 characters, this one has " + std::to_string(verifier.size()));
  for (std::size_t i = 0; i < verifier.size(); ++i) {
    const char c = verifier[i];
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                    c == '_' || c == '~';
    if (!ok) return make_error("bad_pkce", "character " + std::to_string(i + 1) + " of the PKCE verifier is not allowed");
  }
  return {};
}

}  // namespace tirage
