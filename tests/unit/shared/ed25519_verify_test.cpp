// Ed25519 verification against RFC 8032's test vectors, and tampering refused.
// Needs no private key, so it also runs against the browser verifier's lite
// backend (unit_tests_lite in the Wasm tree).
#include <gtest/gtest.h>

#include "shared/crypto/ed25519.hpp"
#include "shared/crypto/sha256.hpp"
#include "tests/unit/shared/vector_files.hpp"

namespace tirage {
namespace {

Bytes hex(const Json& j) { return *from_hex(j.get<std::string>()); }

TEST(Ed25519, VerifiesRfc8032Vectors) {
  Json file = testing::load_vector("ed25519_rfc8032.json");
  ASSERT_EQ(file["vectors"].size(), 4u);
  for (const auto& v : file["vectors"]) {
    SCOPED_TRACE(v["name"].get<std::string>());
    EXPECT_TRUE(ed25519_verify(hex(v["public"]), hex(v["message"]), hex(v["signature"])));
  }
}

TEST(Ed25519, RejectsTamperedMessageSignatureAndKey) {
  Json v = testing::load_vector("ed25519_rfc8032.json")["vectors"][2];
  Bytes pub = hex(v["public"]), msg = hex(v["message"]), sig = hex(v["signature"]);
  ASSERT_TRUE(ed25519_verify(pub, msg, sig));
  for (std::size_t byte : {0u, 31u, 32u, 63u}) {
    Bytes bad = sig;
    bad[byte] ^= 0x01;
    EXPECT_FALSE(ed25519_verify(pub, msg, bad)) << "signature byte " << byte;
  }
  Bytes bad_msg = msg;
  bad_msg[0] ^= 0x80;
  EXPECT_FALSE(ed25519_verify(pub, bad_msg, sig));
  Bytes other = hex(testing::load_vector("ed25519_rfc8032.json")["vectors"][1]["public"]);
  EXPECT_FALSE(ed25519_verify(other, msg, sig));
  EXPECT_FALSE(ed25519_verify(Bytes(31), msg, sig));
  EXPECT_FALSE(ed25519_verify(pub, msg, Bytes(63)));
}

TEST(Ed25519, KeyIdIsTheFirstEightBytesOfTheKeysHash) {
  Json v = testing::load_vector("ed25519_rfc8032.json")["vectors"][0];
  const std::string id = key_id(hex(v["public"]));
  EXPECT_EQ(id.size(), 16u);
  const Hash h = sha256(hex(v["public"]));
  EXPECT_EQ(id, to_hex(std::span<const std::uint8_t>(h.data(), 8)));
}

}  // namespace
}  // namespace tirage
