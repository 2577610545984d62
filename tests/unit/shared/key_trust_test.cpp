// Which keys a verifier accepts: its own, and the ones they endorsed at
// rotation, in any order, transitively; nothing else a bundle offers.
#include <gtest/gtest.h>

#include "shared/crypto/sha256.hpp"
#include "shared/protocol/key_trust.hpp"

namespace {

using namespace tirage;

Ed25519Key key(const char* name) {
  Hash h = sha256(std::string_view(name));
  return *ed25519_from_seed(Bytes(h.begin(), h.end()));
}

PublishedKey published(const Ed25519Key& k, UnixSeconds from) {
  return PublishedKey{key_id(k.public_key), k.public_key, from, std::nullopt, std::nullopt};
}

// A chain a -> b -> c as a server that rotated twice publishes it.
struct Chain {
  Ed25519Key a = key("a"), b = key("b"), c = key("c");
  PublishedKey pa = published(a, 1000), pb = published(b, 2000), pc = published(c, 3000);
  Chain() {
    pa.valid_until = 2001;
    pb.valid_until = 3001;
    pb.endorsement = *endorse_key(pb, a, 2001);
    pc.endorsement = *endorse_key(pc, b, 3001);
  }
};

TEST(KeyTrust, EndorsedKeysFollowTheChainInAnyOrder) {
  Chain ch;
  PublishedKey pinned = published(ch.a, 1000);  // pinned before any rotation: still current then
  auto accepted = accept_keys(std::span(&pinned, 1), std::vector{ch.pc, ch.pa, ch.pb});
  ASSERT_EQ(accepted.keys.size(), 3u);
  EXPECT_EQ(accepted.trusted, 1u);
  EXPECT_TRUE(accepted.refused.empty());
  EXPECT_EQ(accepted.keys[1].key_id, ch.pb.key_id);
  EXPECT_EQ(accepted.keys[2].key_id, ch.pc.key_id);
  // The endorsement ended the pinned key's validity where the rotation did.
  EXPECT_EQ(accepted.keys[0].valid_until, std::optional<UnixSeconds>(2001));
  Json env = *sign_envelope(Json{{"x", 1}}, ch.c);
  EXPECT_TRUE(verify_trusted(env, accepted, 3500).ok());
  Json by_a = *sign_envelope(Json{{"x", 1}}, ch.a);
  EXPECT_EQ(verify_trusted(by_a, accepted, 2500).error().code, "key_not_valid");
}

TEST(KeyTrust, AKeyWithoutAnEndorsementFromATrustedKeyIsNamedAndRefused) {
  Chain ch;
  Ed25519Key stranger = key("stranger");
  PublishedKey ps = published(stranger, 1500);
  PublishedKey fake_b = ch.pb;
  fake_b.endorsement = *endorse_key(fake_b, stranger, 2001);  // "endorsed" by the stranger
  PublishedKey pinned = published(ch.a, 1000);
  auto accepted = accept_keys(std::span(&pinned, 1), std::vector{ps, fake_b});
  EXPECT_EQ(accepted.keys.size(), 1u);
  EXPECT_EQ(accepted.refused.at(ps.key_id), "it is not in your key set and no key endorsed it");
  EXPECT_NE(accepted.refused.at(fake_b.key_id).find("signed by key " + ps.key_id), std::string::npos);
  Status s = verify_trusted(*sign_envelope(Json{{"x", 1}}, stranger), accepted, 1600);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "untrusted_key");
  EXPECT_EQ(s.error().message, "key " + ps.key_id + " is offered by the bundle but not trusted: it is not in your key set and no key endorsed it");
  Status unknown = verify_trusted(*sign_envelope(Json{{"x", 1}}, ch.c), accepted, 3500);
  EXPECT_EQ(unknown.error().message, "key " + ch.pc.key_id + " is not in your trusted key set");
}

TEST(KeyTrust, ATamperedEndorsementIsRefused) {
  Chain ch;
  PublishedKey pinned = published(ch.a, 1000);
  PublishedKey later = ch.pb;
  later.valid_from = 500;  // claims to predate its endorsement
  auto accepted = accept_keys(std::span(&pinned, 1), std::vector{later});
  EXPECT_EQ(accepted.keys.size(), 1u);
  EXPECT_NE(accepted.refused.at(later.key_id).find("valid from"), std::string::npos) << accepted.refused.at(later.key_id);

  PublishedKey resigned = ch.pb;
  (*resigned.endorsement)["signature"] = std::string(128, '0');
  accepted = accept_keys(std::span(&pinned, 1), std::vector{resigned});
  EXPECT_EQ(accepted.keys.size(), 1u);
  EXPECT_NE(accepted.refused.at(resigned.key_id).find("does not verify"), std::string::npos);
}

TEST(KeyTrust, KeySetsRoundTripWithEndorsementsAndHaveAStableFingerprint) {
  Chain ch;
  const std::vector<PublishedKey> keys{ch.pa, ch.pb};
  Json j = keyset_to_json(keys);
  auto back = keyset_from_json(j);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ((*back)[1].endorsement, ch.pb.endorsement);
  EXPECT_EQ(keyset_to_json(*back), j);
  auto fp = keyset_fingerprint(j);
  ASSERT_TRUE(fp.ok());
  EXPECT_EQ(fp->size(), 16u);
  EXPECT_EQ(*fp, *keyset_fingerprint(*parse_json(j.dump(2))));  // JCS: formatting does not matter
  EXPECT_NE(*fp, *keyset_fingerprint(keyset_to_json(std::vector<PublishedKey>{ch.pa})));

  Json bad = j;
  bad["keys"][1]["endorsement"] = "yes";
  EXPECT_FALSE(keyset_from_json(bad).ok());
}

}  // namespace
