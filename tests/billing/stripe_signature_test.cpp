// Stripe-Signature verification against the reference vectors and stripe-python's
// negative cases: tampered bodies, old timestamps, missing or malformed headers,
// several v1 signatures.
#include <gtest/gtest.h>

#include <vector>

#include "server/billing/stripe_event.hpp"
#include "server/billing/stripe_signature.hpp"

namespace tirage::server {
namespace {

constexpr const char* kSecret = "whsec_test_secret";
constexpr std::int64_t kT = 1700000000;
const std::string kBody1 = R"({"id":"evt_test_webhook","object":"event","type":"checkout.session.completed"})";
const std::string kBody2 =
    "{\n  \"id\": \"evt_test_webhook\",\n  \"object\": \"event\",\n  \"data\": { \"object\": { \"id\": \"rdr_123\", \"object\": \"terminal.reader\" } }\n}";
constexpr const char* kV1_1 = "1fa73ff7286785daa8168695a709e92ce31d02a9202648cb27a1c5f2e233f517";
constexpr const char* kV1_2 = "3bfab77baf5f7b6991a46c9b53b6547d7afc56148b10468fcad9f35c1992ffbd";

std::string header(const std::string& v1, std::int64_t t = kT) { return "t=" + std::to_string(t) + ",v1=" + v1; }

TEST(StripeSignature, ReferenceVectorsGiveTheDocumentedSignatures) {
  ASSERT_EQ(kBody1.size(), 78u);
  ASSERT_EQ(kBody2.size(), 125u);
  EXPECT_EQ(stripe_v1_signature(kSecret, kT, kBody1), kV1_1);
  EXPECT_EQ(stripe_v1_signature(kSecret, kT, kBody2), kV1_2);
}

TEST(StripeSignature, ReferenceVectorsVerifyWithinTheTolerance) {
  EXPECT_TRUE(verify_stripe_signature(header(kV1_1), kBody1, kSecret, kT + 10));
  EXPECT_TRUE(verify_stripe_signature(header(kV1_2), kBody2, kSecret, kT + 300));
}

TEST(StripeSignature, ATamperedBodyIsRefused) {
  std::string body = kBody1;
  body[body.find("checkout")] = 'C';
  auto r = verify_stripe_signature(header(kV1_1), body, kSecret, kT);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "bad_signature");
  EXPECT_NE(r.error().message.find("no signatures found matching the expected signature"), std::string::npos);
  // A trailing newline is a different body too: the exact bytes are signed.
  EXPECT_FALSE(verify_stripe_signature(header(kV1_1), kBody1 + "\n", kSecret, kT));
  // And the same body under another secret.
  EXPECT_FALSE(verify_stripe_signature(header(kV1_1), kBody1, "whsec_other", kT));
}

TEST(StripeSignature, AnOldTimestampIsRefusedAndAFutureOneIsNot) {
  auto r = verify_stripe_signature(header(kV1_1), kBody1, kSecret, kT + 301);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("timestamp outside the tolerance zone"), std::string::npos);
  // stripe-python: 15 s old with a tolerance of 10 is refused.
  EXPECT_FALSE(verify_stripe_signature(header(kV1_1), kBody1, kSecret, kT + 15, 10));
  // Stripe's libraries only check "too old".
  EXPECT_TRUE(verify_stripe_signature(header(kV1_1), kBody1, kSecret, kT - 1000));
}

TEST(StripeSignature, AMissingOrMalformedHeaderIsRefused) {
  for (const std::string& h : std::vector<std::string>{"", "bad_header", "t=,v1=abc", "t=12x,v1=" + std::string(kV1_1), "v1=" + std::string(kV1_1),
                              "t=-5,v1=" + std::string(kV1_1)}) {
    auto r = verify_stripe_signature(h, kBody1, kSecret, kT);
    ASSERT_FALSE(r) << h;
    EXPECT_EQ(r.error().code, "bad_signature") << h;
  }
  auto only_v0 = parse_stripe_signature_header("t=1700000000,v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39");
  ASSERT_FALSE(only_v0);
  EXPECT_NE(only_v0.error().message.find("no signatures found with expected scheme v1"), std::string::npos);
  EXPECT_FALSE(verify_stripe_signature(std::string(kMaxSignatureHeader + 1, 'a'), kBody1, kSecret, kT));
}

TEST(StripeSignature, StripesDocumentedHeaderParses) {
  auto h = parse_stripe_signature_header(
      "t=1492774577,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd,"
      "v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39");
  ASSERT_TRUE(h) << h.error().message;
  EXPECT_EQ(h->timestamp, 1492774577);
  ASSERT_EQ(h->v1.size(), 1u);
  EXPECT_EQ(h->v1[0], "5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd");
}

TEST(StripeSignature, AnyOfSeveralV1SignaturesMayMatch) {
  EXPECT_TRUE(verify_stripe_signature(header(kV1_1) + ",v1=bad_signature", kBody1, kSecret, kT));
  EXPECT_TRUE(verify_stripe_signature("t=1700000000,v1=" + std::string(64, '0') + ",v1=" + kV1_1 + ",v0=zz,x=y", kBody1,
                                      kSecret, kT));
  EXPECT_FALSE(verify_stripe_signature(header(std::string(64, '0')) + ",v1=" + std::string(64, 'f'), kBody1, kSecret, kT));
  // Uppercase hex is not what Stripe sends: compared as strings, it does not match.
  std::string upper = kV1_1;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_FALSE(verify_stripe_signature(header(upper), kBody1, kSecret, kT));
}

TEST(StripeEvent, ReadsTheEnvelopeAndRefusesWhatIsNotAnEvent) {
  auto e = parse_stripe_event(
      R"({"id":"evt_1","object":"event","type":"invoice.paid","created":5,"data":{"object":{"id":"in_9","object":"invoice"}}})");
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->id, "evt_1");
  EXPECT_EQ(e->type, "invoice.paid");
  EXPECT_EQ(e->object_id, "in_9");
  EXPECT_EQ(e->object_kind, "invoice");
  for (const char* bad : {"", "[]", "{}", R"({"id":"evt_1","object":"event","type":"x"})",
                          R"({"id":"nope","object":"event","type":"x","data":{"object":{"id":"in_1"}}})",
                          R"({"id":"evt_1","object":"charge","type":"x","data":{"object":{"id":"in_1"}}})",
                          R"({"id":"evt_1","object":"event","type":"x y","data":{"object":{"id":"in_1"}}})",
                          R"({"id":"evt_1","object":"event","type":"x","data":{"object":{"id":"in 1"}}})"}) {
    auto r = parse_stripe_event(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, "bad_event") << bad;
  }
}

}  // namespace
}  // namespace tirage::server
