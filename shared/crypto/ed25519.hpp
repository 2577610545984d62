// Ed25519 (RFC 8032) through OpenSSL. Keys are raw 32-byte seeds / public keys;
// randomness for new keys is passed in by the caller (shared/ reads no device).
#pragma once

#include <string>
#include <string_view>

#include "shared/core/hex.hpp"
#include "shared/core/result.hpp"

namespace tirage {

struct Ed25519Key {
  Bytes seed;        // 32-byte private seed
  Bytes public_key;  // 32-byte public key
};

// Derives the key pair from a 32-byte seed.
Result<Ed25519Key> ed25519_from_seed(std::span<const std::uint8_t> seed);

// Signs message with the key; 64-byte signature.
Result<Bytes> ed25519_sign(const Ed25519Key& key, std::span<const std::uint8_t> message);

// True when signature is a valid Ed25519 signature of message under public_key.
bool ed25519_verify(std::span<const std::uint8_t> public_key, std::span<const std::uint8_t> message,
                    std::span<const std::uint8_t> signature);

// The key as PKCS#8 PEM, the format `openssl genpkey` writes.
Result<std::string> ed25519_to_pem(const Ed25519Key& key);

// Reads a PKCS#8 PEM Ed25519 private key.
Result<Ed25519Key> ed25519_from_pem(std::string_view pem);

// The protocol's key id: hex of the first 8 bytes of H(public key).
std::string key_id(std::span<const std::uint8_t> public_key);

}  // namespace tirage
