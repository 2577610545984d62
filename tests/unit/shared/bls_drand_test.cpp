// drand's BLS signatures (shared/crypto/bls_drand, blst): rounds quicknet
// really published (tests/vectors/drand_quicknet.json) verify against its
// pinned key; another round, a flipped bit, another key, garbage, the point at
// infinity and a point outside the subgroup do not. The chain info parses and
// hashes to quicknet's chain hash as drand defines it. Verification only, so it
// also runs against the browser verifier's lite core (unit_tests_lite).
#include <gtest/gtest.h>

#include <array>

#include "shared/crypto/bls_drand.hpp"
#include "shared/crypto/sha256.hpp"
#include "shared/protocol/beacon.hpp"
#include "tests/unit/shared/vector_files.hpp"

namespace tirage {
namespace {

struct Round {
  std::uint64_t round;
  Bytes signature;
};

std::vector<Round> quicknet_rounds() {
  std::vector<Round> out;
  const Json file = testing::load_vector("drand_quicknet.json");
  for (const auto& r : file["rounds"])
    out.push_back({r["round"].get<std::uint64_t>(), *from_hex(r["signature"].get<std::string>())});
  return out;
}

Bytes quicknet_key() { return *from_hex(drand_quicknet().public_key); }

TEST(DrandBls, RealQuicknetRoundsVerify) {
  auto rounds = quicknet_rounds();
  ASSERT_EQ(rounds.size(), 2u);
  for (const auto& r : rounds) {
    auto ok = bls_verify_drand_round(quicknet_key(), r.round, r.signature);
    EXPECT_TRUE(ok.ok()) << "round " << r.round << ": " << (ok ? "" : ok.error().message);
    EXPECT_TRUE(verify_drand_signature(drand_quicknet(), r.round, r.signature).ok());
  }
}

TEST(DrandBls, AnotherRoundFlippedBitOrAnotherKeyIsRefused) {
  auto rounds = quicknet_rounds();
  const Round& a = rounds[0];
  auto other_round = bls_verify_drand_round(quicknet_key(), a.round + 1, a.signature);
  ASSERT_FALSE(other_round.ok());
  EXPECT_EQ(other_round.error().code, "bad_drand_signature");
  EXPECT_NE(other_round.error().message.find("does not verify"), std::string::npos) << other_round.error().message;
  EXPECT_FALSE(bls_verify_drand_round(quicknet_key(), a.round, rounds[1].signature).ok()) << "round 3's signature as round 2's";
  for (std::size_t byte : {1u, 20u, 47u}) {
    Bytes flipped = a.signature;
    flipped[byte] ^= 0x01;
    EXPECT_FALSE(bls_verify_drand_round(quicknet_key(), a.round, flipped).ok()) << "byte " << byte;
  }
  Bytes other_key = quicknet_key();
  other_key[5] ^= 0x01;
  EXPECT_FALSE(bls_verify_drand_round(other_key, a.round, a.signature).ok());
}

TEST(DrandBls, MalformedInputIsRefusedByName) {
  const Round a = quicknet_rounds()[0];
  auto says = [](const Status& s, const char* words) {
    EXPECT_FALSE(s.ok());
    if (!s.ok()) {
      EXPECT_NE(s.error().message.find(words), std::string::npos) << s.error().message;
    }
  };
  says(bls_verify_drand_round(quicknet_key(), a.round, Bytes(47, 0xaa)), "47 bytes, expected 48");
  says(bls_verify_drand_round(quicknet_key(), a.round, Bytes()), "0 bytes, expected 48");
  says(bls_verify_drand_round(Bytes(48), a.round, a.signature), "public key has 48 bytes, expected 96");
  says(bls_verify_drand_round(quicknet_key(), a.round, Bytes(48, 0x00)), "signature is not a valid compressed point");
  says(bls_verify_drand_round(quicknet_key(), a.round, Bytes(48, 0xff)), "signature");
  // The compressed point at infinity (0xc0 then zeros), for the signature and for the key.
  Bytes inf_sig(48, 0);
  inf_sig[0] = 0xc0;
  says(bls_verify_drand_round(quicknet_key(), a.round, inf_sig), "point at infinity");
  Bytes inf_key(96, 0);
  inf_key[0] = 0xc0;
  says(bls_verify_drand_round(inf_key, a.round, a.signature), "public key is the point at infinity");
  // A point of the curve outside G1 (E1's cofactor is large, so most curve points
  // are outside it): the first small x that decodes to one.
  bool found_outside = false;
  for (std::uint8_t x = 1; x < 200 && !found_outside; ++x) {
    Bytes p(48, 0);
    p[0] = 0x80;
    p[47] = x;
    auto s = bls_verify_drand_round(quicknet_key(), a.round, p);
    ASSERT_FALSE(s.ok());
    if (s.error().message.find("prime-order subgroup") != std::string::npos) found_outside = true;
  }
  EXPECT_TRUE(found_outside) << "no small x gave a curve point outside G1";
}

TEST(DrandBls, RoundMessageIsSha256OfTheBigEndianRound) {
  // SHA-256 of 00 00 00 00 00 00 00 02.
  EXPECT_EQ(to_hex(drand_round_message(2)), to_hex(sha256(std::span<const std::uint8_t>(
                                                   std::array<std::uint8_t, 8>{0, 0, 0, 0, 0, 0, 0, 2}))));
}

TEST(DrandChainInfo, QuicknetInfoHashesToItsChainHash) {
  Json info = testing::load_vector("drand_quicknet.json")["info"];
  auto chain = drand_chain_from_info(info);
  ASSERT_TRUE(chain.ok()) << chain.error().message;
  EXPECT_EQ(chain->chain_hash, drand_quicknet().chain_hash);
  EXPECT_EQ(chain->public_key, drand_quicknet().public_key);
  EXPECT_EQ(chain->group_hash, drand_quicknet().group_hash);
  EXPECT_EQ(chain->beacon_id, "quicknet");
  EXPECT_EQ(to_hex(*drand_chain_hash(drand_quicknet())), drand_quicknet().chain_hash);
  EXPECT_EQ(drand_chain_from_info(drand_chain_info(drand_quicknet()))->chain_hash, drand_quicknet().chain_hash);
}

TEST(DrandChainInfo, AChangedFieldNoLongerMatchesTheHash) {
  Json info = testing::load_vector("drand_quicknet.json")["info"];
  for (const char* field : {"public_key", "period", "genesis_time", "groupHash", "beaconID"}) {
    Json bad = info;
    if (std::string(field) == "period") bad["period"] = 30;
    else if (std::string(field) == "genesis_time") bad["genesis_time"] = 1692803368;
    else if (std::string(field) == "beaconID") bad["metadata"]["beaconID"] = "default";
    else {
      std::string v = bad[field].get<std::string>();
      v[10] = v[10] == '0' ? '1' : '0';
      bad[field] = v;
    }
    auto chain = drand_chain_from_info(bad);
    ASSERT_FALSE(chain.ok()) << field;
    EXPECT_NE(chain.error().message.find("hash"), std::string::npos) << field << ": " << chain.error().message;
  }
  Json other_scheme = info;
  other_scheme["schemeID"] = "pedersen-bls-chained";
  auto s = drand_chain_from_info(other_scheme);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("pedersen-bls-chained"), std::string::npos) << s.error().message;
  Json missing = info;
  missing.erase("groupHash");
  auto m = drand_chain_from_info(missing);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().message.find("groupHash"), std::string::npos) << m.error().message;
}

TEST(DrandChainInfo, ABeaconIsCheckedAgainstItsOwnChainOnly) {
  const Round a = quicknet_rounds()[0];
  Json beacon{{"source", "drand"}, {"chain_hash", drand_quicknet().chain_hash}, {"round", a.round},
              {"signature", to_hex(a.signature)}, {"randomness", to_hex(sha256(a.signature))}};
  EXPECT_TRUE(check_drand_beacon_signature(beacon).ok());
  Json replayed = beacon;
  replayed["round"] = a.round + 1;
  auto r = check_drand_beacon_signature(replayed);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("quicknet, round 3"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("not drand's random value"), std::string::npos) << r.error().message;
  Json unknown = beacon;
  unknown["chain_hash"] = std::string(64, 'a');
  auto u = check_drand_beacon_signature(unknown);
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.error().code, "unknown_chain");
  // A chain given by the caller is known too; its key checks its rounds (here quicknet's key under another name).
  DrandChain renamed = drand_quicknet();
  renamed.chain_hash = std::string(64, 'a');
  EXPECT_TRUE(check_drand_beacon_signature(unknown, std::span<const DrandChain>(&renamed, 1)).ok());
}

}  // namespace
}  // namespace tirage
