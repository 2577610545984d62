#include "shared/crypto/ed25519.hpp"
#include "shared/crypto/sha256.hpp"

namespace tirage {

std::string key_id(std::span<const std::uint8_t> public_key) {
  Hash h = sha256(public_key);
  return to_hex(std::span<const std::uint8_t>(h.data(), 8));
}

}  // namespace tirage
