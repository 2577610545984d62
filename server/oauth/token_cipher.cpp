#include "server/oauth/token_cipher.hpp"

#include <openssl/evp.h>

#include <memory>
#include <sstream>

#include "server/random.hpp"
#include "server/secrets.hpp"
#include "shared/crypto/sha256.hpp"

namespace tirage::server {

namespace {

constexpr std::size_t kIdLen = 8, kNonceLen = 12, kTagLen = 16;
constexpr std::uint8_t kVersion = 1;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

std::string id_of(const Bytes& key) {
  const Hash h = Sha256().update("tirage token key id").update(key).finish();
  return to_hex(std::span<const std::uint8_t>(h.data(), kIdLen));
}

Result<Bytes> parse_key(const std::string& hex, const std::string& what) {
  auto key = from_hex(hex);
  if (!key || key->size() != 32)
    return make_error("config", what + " must be 64 hex digits (32 bytes); generate one with: openssl rand -hex 32");
  return key;
}

}  // namespace

Result<TokenCipher> TokenCipher::from_hex_keys(const std::string& current, const std::vector<std::string>& old) {
  TokenCipher c;
  auto key = parse_key(current, "TIRAGE_TOKEN_KEY");
  if (!key) return key.error();
  c.current_id_ = id_of(*key);
  c.keys_[c.current_id_] = *key;
  for (const auto& hex : old) {
    auto k = parse_key(hex, "each key of TIRAGE_TOKEN_KEYS_OLD");
    if (!k) return k.error();
    c.keys_.emplace(id_of(*k), *k);
  }
  return c;
}

Result<std::optional<TokenCipher>> TokenCipher::from_environment() {
  auto current = read_secret("TIRAGE_TOKEN_KEY");
  if (!current) return current.error();
  if (!*current) return std::optional<TokenCipher>();
  auto old = read_secret("TIRAGE_TOKEN_KEYS_OLD");
  if (!old) return old.error();
  std::vector<std::string> old_keys;
  if (*old) {
    std::stringstream ss(**old);
    for (std::string item; std::getline(ss, item, ',');)
      if (!item.empty()) old_keys.push_back(item);
  }
  auto c = from_hex_keys(**current, old_keys);
  if (!c) return c.error();
  return std::optional<TokenCipher>(std::move(*c));
}

Result<std::string> TokenCipher::seal(std::string_view plaintext, std::string_view context) const {
  const Bytes& key = keys_.at(current_id_);
  const Bytes nonce = random_bytes(kNonceLen);
  std::string out;
  out.push_back(static_cast<char>(kVersion));
  const Bytes id = *from_hex(current_id_);
  out.append(id.begin(), id.end());
  out.append(nonce.begin(), nonce.end());
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  int len = 0;
  std::string cipher(plaintext.size(), '\0');
  unsigned char tag[kTagLen];
  const bool ok =
      ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), nonce.data()) == 1 &&
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(context.data()),
                        static_cast<int>(context.size())) == 1 &&
      EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(cipher.data()), &len,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), static_cast<int>(plaintext.size())) == 1 &&
      EVP_EncryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(cipher.data()) + len, &len) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagLen, tag) == 1;
  if (!ok) return make_error("crypto", "AES-256-GCM encryption failed");
  out += cipher;
  out.append(reinterpret_cast<const char*>(tag), kTagLen);
  return out;
}

Result<std::string> TokenCipher::open(std::string_view sealed, std::string_view context) const {
  const Error unreadable = make_error("token_unreadable", "a stored platform token cannot be decrypted (tampered, or sealed with a key this server does not have); reconnect the account");
  if (sealed.size() < 1 + kIdLen + kNonceLen + kTagLen || static_cast<std::uint8_t>(sealed[0]) != kVersion) return unreadable;
  const std::string id = to_hex(as_bytes(sealed.substr(1, kIdLen)));
  auto it = keys_.find(id);
  if (it == keys_.end()) return unreadable;
  const auto nonce = sealed.substr(1 + kIdLen, kNonceLen);
  const auto body = sealed.substr(1 + kIdLen + kNonceLen, sealed.size() - (1 + kIdLen + kNonceLen + kTagLen));
  std::string tag(sealed.substr(sealed.size() - kTagLen));
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  std::string plain(body.size(), '\0');
  int len = 0;
  const bool ok =
      ctx &&
      EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, it->second.data(),
                         reinterpret_cast<const unsigned char*>(nonce.data())) == 1 &&
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(context.data()),
                        static_cast<int>(context.size())) == 1 &&
      EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &len,
                        reinterpret_cast<const unsigned char*>(body.data()), static_cast<int>(body.size())) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagLen, tag.data()) == 1 &&
      EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()) + len, &len) == 1;
  if (!ok) return unreadable;
  return plain;
}

}  // namespace tirage::server
