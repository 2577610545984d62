// Encryption at rest of the platform tokens (AES-256-GCM through OpenSSL EVP).
// The key comes from TIRAGE_TOKEN_KEY (64 hex digits) or TIRAGE_TOKEN_KEY_FILE
// (a 0600 file holding them). Older keys, for rotation, from
// TIRAGE_TOKEN_KEYS_OLD(_FILE): comma-separated hex keys that can still open
// what they sealed; everything is resealed with the current key at start.
//
// Sealed layout: version byte 1 | key id (8 bytes) | nonce (12) | ciphertext | tag (16).
// The context (organizer id and platform) is authenticated, so a sealed token
// copied into another organizer's row does not open.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/hex.hpp"

namespace tirage::server {

class TokenCipher {
 public:
  // The cipher configured in the environment; nullopt when no key is set.
  static Result<std::optional<TokenCipher>> from_environment();
  // A cipher from hex keys (the first seals; all open).
  static Result<TokenCipher> from_hex_keys(const std::string& current, const std::vector<std::string>& old);

  // Seals plaintext bound to context.
  Result<std::string> seal(std::string_view plaintext, std::string_view context) const;
  // Opens what seal() made with any known key; 'token_unreadable' when tampered, moved or the key is unknown.
  Result<std::string> open(std::string_view sealed, std::string_view context) const;
  // The current key's id (16 hex digits), stored beside each row.
  const std::string& key_id() const { return current_id_; }

 private:
  std::map<std::string, Bytes> keys_;  // key id (hex) -> 32-byte key
  std::string current_id_;
};

}  // namespace tirage::server
