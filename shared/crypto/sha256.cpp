// The low-level SHA256_*/MD5 functions are deprecated in OpenSSL 3 in favour of
// EVP, but EVP costs a provider lookup per call and ~1 MB of Wasm.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "shared/crypto/sha256.hpp"

#include <openssl/md5.h>
#include <openssl/sha.h>

#include <cstring>

namespace tirage {

static_assert(sizeof(SHA256_CTX) <= 112, "Sha256::state_ too small for SHA256_CTX");

Sha256::Sha256() { SHA256_Init(reinterpret_cast<SHA256_CTX*>(state_)); }

Sha256& Sha256::update(std::span<const std::uint8_t> data) {
  SHA256_Update(reinterpret_cast<SHA256_CTX*>(state_), data.data(), data.size());
  return *this;
}

Hash Sha256::finish() {
  Hash h;
  SHA256_Final(h.data(), reinterpret_cast<SHA256_CTX*>(state_));
  return h;
}

// Not SHA256(): in OpenSSL 3 that one-shot goes through EVP_Q_digest and a
// provider fetch per call, several times slower for short messages.
Hash sha256(std::span<const std::uint8_t> data) { return Sha256().update(data).finish(); }

std::array<std::uint8_t, 16> md5(std::span<const std::uint8_t> data) {
  std::array<std::uint8_t, 16> h;
  MD5_CTX ctx;
  MD5_Init(&ctx);
  MD5_Update(&ctx, data.data(), data.size());
  MD5_Final(h.data(), &ctx);
  return h;
}

}  // namespace tirage
