// Ed25519 key handling and signing through OpenSSL against RFC 8032's test
// vectors (verification alone: ed25519_verify_test.cpp).
#include "shared/crypto/ed25519.hpp"

#include <gtest/gtest.h>

#include "tests/unit/shared/vector_files.hpp"

namespace tirage {
namespace {

Bytes hex(const Json& j) { return *from_hex(j.get<std::string>()); }

TEST(Ed25519, Rfc8032Vectors) {
  Json file = testing::load_vector("ed25519_rfc8032.json");
  ASSERT_EQ(file["vectors"].size(), 4u);
  for (const auto& v : file["vectors"]) {
    SCOPED_TRACE(v["name"].get<std::string>());
    auto key = ed25519_from_seed(hex(v["seed"]));
    ASSERT_TRUE(key.ok()) << key.error().message;
    EXPECT_EQ(to_hex(key->public_key), v["public"].get<std::string>());
    auto sig = ed25519_sign(*key, hex(v["message"]));
    ASSERT_TRUE(sig.ok());
    EXPECT_EQ(to_hex(*sig), v["signature"].get<std::string>());
    EXPECT_TRUE(ed25519_verify(key->public_key, hex(v["message"]), *sig));
  }
}

TEST(Ed25519, PemRoundTripAndKeyId) {
  Bytes seed(32, 7);
  auto key = ed25519_from_seed(seed);
  ASSERT_TRUE(key.ok());
  auto pem = ed25519_to_pem(*key);
  ASSERT_TRUE(pem.ok());
  EXPECT_NE(pem->find("-----BEGIN PRIVATE KEY-----"), std::string::npos);
  auto back = ed25519_from_pem(*pem);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->seed, key->seed);
  EXPECT_EQ(back->public_key, key->public_key);
  EXPECT_EQ(key_id(key->public_key).size(), 16u);
  EXPECT_FALSE(ed25519_from_pem("not a key").ok());
  EXPECT_FALSE(ed25519_from_seed(Bytes(31)).ok());
}

}  // namespace
}  // namespace tirage
