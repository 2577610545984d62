// Ed25519 for the Wasm verifier only (tirage_core_lite): verification calls
// OpenSSL's own curve25519 code (crypto/ec/curve25519.c, built into
// tirage::crypto_lite with SHA-512 through the low-level functions) instead of
// EVP, whose provider machinery is most of a Wasm binary's size. Same
// interface as ed25519.cpp; the verifier never holds a private key, so the
// key functions answer an error saying so.
#include <openssl/types.h>

#include <cstdint>

#include "shared/crypto/ed25519.hpp"

extern "C" {
// crypto/ec/curve25519.c: 1 when signature is valid for message under public_key.
int ossl_ed25519_verify(const std::uint8_t* message, std::size_t message_len, const std::uint8_t signature[64],
                        const std::uint8_t public_key[32], OSSL_LIB_CTX* libctx, const char* propq);
}

namespace tirage {

namespace {
Error not_here(const char* what) {
  return make_error("unsupported", std::string(what) + " is not part of the browser verifier (it only verifies)");
}
}  // namespace

Result<Ed25519Key> ed25519_from_seed(std::span<const std::uint8_t>) { return not_here("Ed25519 key derivation"); }

Result<Bytes> ed25519_sign(const Ed25519Key&, std::span<const std::uint8_t>) { return not_here("Ed25519 signing"); }

bool ed25519_verify(std::span<const std::uint8_t> public_key, std::span<const std::uint8_t> message,
                    std::span<const std::uint8_t> signature) {
  if (public_key.size() != 32 || signature.size() != 64) return false;
  return ossl_ed25519_verify(message.data(), message.size(), signature.data(), public_key.data(), nullptr, nullptr) == 1;
}

Result<std::string> ed25519_to_pem(const Ed25519Key&) { return not_here("PEM encoding"); }

Result<Ed25519Key> ed25519_from_pem(std::string_view) { return not_here("PEM decoding"); }

}  // namespace tirage
