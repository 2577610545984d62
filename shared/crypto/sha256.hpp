// SHA-256 through OpenSSL's low-level interface: the fastest path natively
// (SHA extensions) and the smallest in Wasm (no EVP provider machinery).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "shared/core/hex.hpp"

namespace tirage {

// Incremental SHA-256: update() any number of times, then finish() once.
class Sha256 {
 public:
  Sha256();
  Sha256& update(std::span<const std::uint8_t> data);
  Sha256& update(std::string_view data) { return update(as_bytes(data)); }
  Sha256& update_byte(std::uint8_t b) { return update(std::span<const std::uint8_t>(&b, 1)); }
  Hash finish();

 private:
  alignas(8) unsigned char state_[112];  // SHA256_CTX, kept opaque to callers
};

// H(x) of docs/protocol.md.
Hash sha256(std::span<const std::uint8_t> data);
inline Hash sha256(std::string_view data) { return sha256(as_bytes(data)); }

// MD5, only because RFC 3797 specifies it.
std::array<std::uint8_t, 16> md5(std::span<const std::uint8_t> data);

}  // namespace tirage
