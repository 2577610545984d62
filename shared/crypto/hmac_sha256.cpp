#include "shared/crypto/hmac_sha256.hpp"

#include <openssl/crypto.h>

#include "shared/crypto/sha256.hpp"

namespace tirage {

// Built on our Sha256 rather than OpenSSL's HMAC(): no EVP provider fetch, and
// the same code natively and in Wasm.
Hash hmac_sha256(std::string_view key, std::span<const std::uint8_t> data) {
  std::array<std::uint8_t, 64> block{};
  if (key.size() > block.size()) {
    const Hash k = sha256(key);
    std::copy(k.begin(), k.end(), block.begin());
  } else {
    std::copy(key.begin(), key.end(), block.begin());
  }
  std::array<std::uint8_t, 64> inner{}, outer{};
  for (std::size_t i = 0; i < block.size(); ++i) {
    inner[i] = block[i] ^ 0x36;
    outer[i] = block[i] ^ 0x5c;
  }
  const Hash in = Sha256().update(inner).update(data).finish();
  return Sha256().update(outer).update(in).finish();
}

bool constant_time_equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace tirage
