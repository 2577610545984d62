// Base64url (RFC 4648 vectors), HMAC-SHA256 (RFC 4231 vectors), PKCE (RFC 7636
// appendix B and TikTok's hex variant) and Meta's signed_request, forged ones included.
#include <gtest/gtest.h>

#include "shared/core/base64url.hpp"
#include "shared/crypto/hmac_sha256.hpp"
#include "shared/oauth/pkce.hpp"
#include "shared/oauth/signed_request.hpp"

namespace tirage {
namespace {

std::string decoded(std::string_view text) {
  auto b = base64url_decode(text);
  EXPECT_TRUE(b) << text;
  return b ? std::string(b->begin(), b->end()) : "";
}

TEST(Base64url, Rfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""}, {"f", "Zg"}, {"fo", "Zm8"}, {"foo", "Zm9v"}, {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, enc] : vectors) {
    EXPECT_EQ(base64url_encode(as_bytes(plain)), enc);
    EXPECT_EQ(decoded(enc), plain);
  }
  EXPECT_EQ(decoded("Zm8="), "fo");
  EXPECT_EQ(base64url_encode(Bytes{0xfb, 0xff}), "-_8");
}

TEST(Base64, Rfc4648VectorsPaddedWithTheStandardAlphabet) {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, enc] : vectors) EXPECT_EQ(base64_encode(as_bytes(plain)), enc);
  EXPECT_EQ(base64_encode(Bytes{0xfb, 0xff}), "+/8=");
}

TEST(Base64url, RefusesStandardAlphabetAndTruncation) {
  EXPECT_EQ(base64url_decode("+/8").error().code, "bad_base64");
  EXPECT_NE(base64url_decode("Zm9v!A").error().message.find("character 5"), std::string::npos);
  EXPECT_FALSE(base64url_decode("Z"));
  EXPECT_FALSE(base64url_decode("Zh"));  // stray bits: "Zg" is the only encoding of "f"
  EXPECT_FALSE(base64url_decode("Zm=9v"));
}

TEST(HmacSha256, Rfc4231Vectors) {
  // Test case 2 and test case 6 (a key longer than the block).
  EXPECT_EQ(to_hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(to_hex(hmac_sha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(Pkce, Rfc7636AppendixBAndTikTokHex) {
  const std::string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  EXPECT_EQ(pkce_challenge(verifier, PkceMethod::s256), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  EXPECT_EQ(pkce_challenge(verifier, PkceMethod::s256_hex),
            "13d31e961a1ad8ec2f16b10c4c982e0876a878ad6df144566ee1894acb70f9c3");
  EXPECT_TRUE(pkce_verifier_valid(verifier));
  EXPECT_FALSE(pkce_verifier_valid("short"));
  EXPECT_FALSE(pkce_verifier_valid(std::string(43, '+')));
}

TEST(SignedRequest, VerifiesAndReadsTheUser) {
  const Json payload = {{"algorithm", "HMAC-SHA256"}, {"issued_at", 1700000000}, {"user_id", "218471"}};
  auto req = verify_signed_request(make_signed_request(payload, "app-secret"), "app-secret");
  ASSERT_TRUE(req) << req.error().message;
  EXPECT_EQ(req->user_id, "218471");
  EXPECT_EQ(req->issued_at, 1700000000);
}

TEST(SignedRequest, OnlyRecentOnesAreFresh) {
  auto issued = [](const Json& payload) { return *verify_signed_request(make_signed_request(payload, "s"), "s"); };
  const std::int64_t now = 1700000000;
  EXPECT_TRUE(check_signed_request_fresh(issued({{"algorithm", "HMAC-SHA256"}, {"issued_at", now - 60}, {"user_id", "1"}}), now));
  EXPECT_TRUE(check_signed_request_fresh(issued({{"algorithm", "HMAC-SHA256"}, {"issued_at", now + 60}, {"user_id", "1"}}), now));
  auto old = check_signed_request_fresh(issued({{"algorithm", "HMAC-SHA256"}, {"issued_at", now - 2 * 86400}, {"user_id", "1"}}), now);
  EXPECT_EQ(old.error().code, "stale_signed_request");
  EXPECT_NE(old.error().message.find("172800 s ago"), std::string::npos) << old.error().message;
  EXPECT_EQ(check_signed_request_fresh(issued({{"algorithm", "HMAC-SHA256"}, {"issued_at", now + 3600}, {"user_id", "1"}}), now).error().code,
            "stale_signed_request");
  EXPECT_EQ(check_signed_request_fresh(issued({{"algorithm", "HMAC-SHA256"}, {"user_id", "1"}}), now).error().code, "stale_signed_request");
}

TEST(SignedRequest, RefusesForgeriesAndBadShapes) {
  const Json payload = {{"algorithm", "HMAC-SHA256"}, {"user_id", "218471"}};
  const std::string good = make_signed_request(payload, "app-secret");
  EXPECT_EQ(verify_signed_request(good, "other-secret").error().code, "bad_signature");
  // The payload swapped for another user's, signature kept.
  const std::string forged = good.substr(0, good.find('.') + 1) + base64url_encode(as_bytes(Json{{"algorithm", "HMAC-SHA256"}, {"user_id", "1"}}.dump()));
  EXPECT_EQ(verify_signed_request(forged, "app-secret").error().code, "bad_signature");
  EXPECT_EQ(verify_signed_request("", "app-secret").error().code, "bad_signed_request");
  EXPECT_EQ(verify_signed_request("abc", "app-secret").error().code, "bad_signed_request");
  EXPECT_EQ(verify_signed_request("a.b.c", "app-secret").error().code, "bad_signed_request");
  EXPECT_EQ(verify_signed_request(std::string(9000, 'a') + ".b", "app-secret").error().code, "bad_signed_request");
  EXPECT_EQ(verify_signed_request(make_signed_request(Json{{"algorithm", "none"}, {"user_id", "1"}}, "s"), "s").error().code,
            "bad_signed_request");
  EXPECT_EQ(verify_signed_request(make_signed_request(Json{{"algorithm", "HMAC-SHA256"}}, "s"), "s").error().code,
            "bad_signed_request");
  EXPECT_EQ(verify_signed_request(make_signed_request(Json::array(), "s"), "s").error().code, "bad_signed_request");
}

}  // namespace
}  // namespace tirage
