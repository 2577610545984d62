// tests/vectors/primitives.json holds known answers for the protocol's building
// blocks (docs/protocol.md sections 1-4 and 6) that the second verifier
// (tests/verifier_py, Python) computed; the core must give every one of them.
#include <gtest/gtest.h>

#include "shared/crypto/ed25519.hpp"
#include "shared/protocol/beacon.hpp"
#include "shared/protocol/entry.hpp"
#include "shared/protocol/merkle.hpp"
#include "shared/protocol/selection.hpp"
#include "tests/unit/shared/vector_files.hpp"

namespace tirage {
namespace {

const Json& vectors() {
  static const Json v = testing::load_vector("primitives.json");
  return v;
}

Entry raw_entry(const Json& j) { return {j["platform"], j["id"], j["name"]}; }

Hash hash_of(const Json& hex) { return *hash_from_hex(hex.get<std::string>()); }

std::vector<std::uint64_t> indices(const Json& j) { return j.get<std::vector<std::uint64_t>>(); }

TEST(PrimitiveVectors, Jcs) {
  ASSERT_FALSE(vectors()["jcs"].empty());
  for (const auto& c : vectors()["jcs"]) EXPECT_EQ(*jcs(c["value"]), c["jcs"].get<std::string>());
}

TEST(PrimitiveVectors, EntriesNormalizeToTheSameLeaf) {
  for (const auto& c : vectors()["entries"]) {
    auto e = normalize_entry(raw_entry(c["raw"]));
    if (c.contains("error")) {
      EXPECT_FALSE(e.ok()) << c["raw"].dump();
      continue;
    }
    ASSERT_TRUE(e.ok()) << c["raw"].dump() << ": " << e.error().message;
    EXPECT_EQ(*e, raw_entry(c["normalized"]));
    EXPECT_EQ(leaf(*e), c["leaf"].get<std::string>());
    EXPECT_EQ(to_hex(leaf_hash(leaf(*e))), c["leaf_hash"]);
  }
}

TEST(PrimitiveVectors, ListAndRoot) {
  const Json& l = vectors()["list"];
  std::vector<Entry> raw;
  for (const auto& r : l["raw"]) raw.push_back(raw_entry(r));
  auto list = build_participant_list(raw);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->entries.size(), l["entries"].size());
  std::vector<Hash> leaves;
  for (std::size_t i = 0; i < list->entries.size(); ++i) {
    EXPECT_EQ(list->entries[i], raw_entry(l["entries"][i])) << i;
    leaves.push_back(leaf_hash(leaf(list->entries[i])));
  }
  EXPECT_EQ(to_hex(merkle_root(leaves)), l["root"]);
}

TEST(PrimitiveVectors, StreamSeedAndSelection) {
  RandomStream s(hash_of(vectors()["stream"]["seed"]));
  for (const auto& w : vectors()["stream"]["first_u64s_decimal"]) EXPECT_EQ(std::to_string(s.next_u64()), w);
  for (const auto& c : vectors()["selection"]) {
    const Hash seed = draw_seed(hash_of(c["commitment_hash"]), hash_of(c["beacon_value"]));
    EXPECT_EQ(to_hex(seed), c["seed"]);
    auto sel = select_indices(seed, c["n"], c["winners"], c["alternates"]);
    ASSERT_TRUE(sel.ok());
    EXPECT_EQ(sel->winners, indices(c["selected_winners"])) << "n = " << c["n"];
    EXPECT_EQ(sel->alternates, indices(c["selected_alternates"])) << "n = " << c["n"];
  }
}

TEST(PrimitiveVectors, LocalBeaconCommitAndKeyId) {
  const Hash secret = hash_of(vectors()["local_beacon"]["secret"]);
  EXPECT_EQ(to_hex(local_beacon_commit(secret)), vectors()["local_beacon"]["commit"]);
  EXPECT_EQ(key_id(*from_hex(vectors()["key_id"]["public_key"].get<std::string>())), vectors()["key_id"]["key_id"]);
}

}  // namespace
}  // namespace tirage
