#include "shared/crypto/ed25519.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

namespace tirage {

namespace {
struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

Pkey private_pkey(std::span<const std::uint8_t> seed) {
  return Pkey(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()));
}

Result<Ed25519Key> key_from_pkey(EVP_PKEY* pkey) {
  Ed25519Key key{Bytes(32), Bytes(32)};
  std::size_t len = 32;
  if (EVP_PKEY_get_raw_private_key(pkey, key.seed.data(), &len) != 1 || len != 32)
    return make_error("bad_key", "not an Ed25519 private key");
  len = 32;
  if (EVP_PKEY_get_raw_public_key(pkey, key.public_key.data(), &len) != 1 || len != 32)
    return make_error("bad_key", "could not derive the Ed25519 public key");
  return key;
}
}  // namespace

Result<Ed25519Key> ed25519_from_seed(std::span<const std::uint8_t> seed) {
  if (seed.size() != 32)
    return make_error("bad_key", "an Ed25519 seed is 32 bytes, got " + std::to_string(seed.size()));
  Pkey pkey = private_pkey(seed);
  if (!pkey) return make_error("bad_key", "OpenSSL rejected the Ed25519 seed");
  return key_from_pkey(pkey.get());
}

Result<Bytes> ed25519_sign(const Ed25519Key& key, std::span<const std::uint8_t> message) {
  Pkey pkey = private_pkey(key.seed);
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!pkey || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) != 1)
    return make_error("sign_failed", "could not set up Ed25519 signing");
  Bytes sig(64);
  std::size_t len = sig.size();
  if (EVP_DigestSign(ctx.get(), sig.data(), &len, message.data(), message.size()) != 1 || len != 64)
    return make_error("sign_failed", "Ed25519 signing failed");
  return sig;
}

bool ed25519_verify(std::span<const std::uint8_t> public_key, std::span<const std::uint8_t> message,
                    std::span<const std::uint8_t> signature) {
  if (public_key.size() != 32 || signature.size() != 64) return false;
  Pkey pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, public_key.data(),
                                        public_key.size()));
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!pkey || !ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) != 1)
    return false;
  return EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), message.data(),
                          message.size()) == 1;
}

Result<std::string> ed25519_to_pem(const Ed25519Key& key) {
  Pkey pkey = private_pkey(key.seed);
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  if (!pkey || !bio ||
      PEM_write_bio_PrivateKey(bio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    return make_error("pem_failed", "could not encode the key as PEM");
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

Result<Ed25519Key> ed25519_from_pem(std::string_view pem) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Pkey pkey(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!pkey) return make_error("bad_key", "not a PEM private key");
  if (EVP_PKEY_get_id(pkey.get()) != EVP_PKEY_ED25519)
    return make_error("bad_key", "the PEM key is not an Ed25519 key");
  return key_from_pkey(pkey.get());
}

}  // namespace tirage
