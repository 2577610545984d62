// RFC 6962 / RFC 9162 Merkle tree: reference vectors, bad proofs as data, and
// generation/verification agreement for every small tree.
#include "shared/protocol/merkle.hpp"

#include <gtest/gtest.h>

#include "shared/crypto/sha256.hpp"
#include "tests/unit/shared/vector_files.hpp"

namespace tirage {
namespace {

std::vector<Hash> hashes(const Json& arr) {
  std::vector<std::string> hex;
  for (const auto& h : arr) hex.push_back(h.get<std::string>());
  return *hashes_from_hex(hex);
}

struct Reference {
  Json file = testing::load_vector("merkle_rfc6962.json");
  std::vector<Hash> leaf_hashes(std::size_t n) const {
    std::vector<Hash> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back(leaf_hash(*from_hex(file["leaves_hex"][i].get<std::string>())));
    return out;
  }
  Hash root(std::size_t n) const { return *hash_from_hex(file["roots"][n].get<std::string>()); }
};

TEST(Merkle, LeafHashesOfTheReferenceSet) {
  Reference ref;
  auto got = ref.leaf_hashes(8);
  for (std::size_t i = 0; i < 8; ++i) EXPECT_EQ(to_hex(got[i]), ref.file["leaf_hashes"][i].get<std::string>()) << i;
}

TEST(Merkle, RootForEverySizeOfTheReferenceSet) {
  Reference ref;
  for (std::size_t n = 0; n <= 8; ++n) {
    auto leaves = ref.leaf_hashes(n);
    EXPECT_EQ(merkle_root(leaves), ref.root(n)) << "size " << n;
    if (n > 0) {
      EXPECT_EQ(MerkleTree(leaves).root(), ref.root(n)) << "stored tree, size " << n;
    }
  }
  EXPECT_EQ(to_hex(empty_root()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Merkle, ReferenceAuditPaths) {
  Reference ref;
  for (const auto& c : ref.file["inclusion"]) {
    const auto index = c["index"].get<std::uint64_t>(), size = c["size"].get<std::uint64_t>();
    SCOPED_TRACE("leaf " + std::to_string(index) + " of " + std::to_string(size));
    auto leaves = ref.leaf_hashes(size);
    auto path = MerkleTree(leaves).inclusion_proof(index);
    ASSERT_TRUE(path.ok());
    EXPECT_EQ(*path, hashes(c["path"]));
    EXPECT_TRUE(verify_inclusion(leaves[index], index, size, hashes(c["path"]), ref.root(size)));
  }
}

TEST(Merkle, ReferenceConsistencyProofs) {
  Reference ref;
  for (const auto& c : ref.file["consistency"]) {
    const auto m = c["old"].get<std::uint64_t>(), n = c["new"].get<std::uint64_t>();
    SCOPED_TRACE(std::to_string(m) + " -> " + std::to_string(n));
    auto proof = MerkleTree(ref.leaf_hashes(n)).consistency_proof(m);
    ASSERT_TRUE(proof.ok());
    EXPECT_EQ(*proof, hashes(c["proof"]));
    EXPECT_TRUE(verify_consistency(m, n, ref.root(m), ref.root(n), hashes(c["proof"])));
  }
}

TEST(Merkle, BadInclusionProofsAreRejected) {
  Reference ref;
  auto leaves = ref.leaf_hashes(8);
  ASSERT_GE(ref.file["bad_inclusion"].size(), 8u);
  for (const auto& c : ref.file["bad_inclusion"]) {
    SCOPED_TRACE(c["name"].get<std::string>());
    const auto index = c["index"].get<std::uint64_t>(), size = c["size"].get<std::uint64_t>();
    const auto leaf = leaves[c["leaf"].get<std::size_t>()];
    EXPECT_FALSE(verify_inclusion(leaf, index, size, hashes(c["path"]), ref.root(c["root_of"].get<std::size_t>())));
  }
}

TEST(Merkle, BadConsistencyProofsAreRejected) {
  Reference ref;
  ASSERT_GE(ref.file["bad_consistency"].size(), 7u);
  for (const auto& c : ref.file["bad_consistency"]) {
    SCOPED_TRACE(c["name"].get<std::string>());
    const auto m = c["old"].get<std::uint64_t>(), n = c["new"].get<std::uint64_t>();
    // The roots are the true roots of the sizes the case names in "roots_of".
    const auto old_root = ref.root(c["roots_of"][0].get<std::size_t>());
    const auto new_root = ref.root(c["roots_of"][1].get<std::size_t>());
    EXPECT_FALSE(verify_consistency(m, n, old_root, new_root, hashes(c["proof"])));
  }
}

// Every size up to 70, every leaf and every old size: what the tree proves,
// the verifier accepts, and a proof for another position it rejects.
TEST(Merkle, GenerationAndVerificationAgreeForSmallTrees) {
  std::vector<Hash> all;
  for (int i = 0; i < 70; ++i) all.push_back(leaf_hash(std::string_view("leaf " + std::to_string(i))));
  for (std::uint64_t n = 1; n <= 70; ++n) {
    std::vector<Hash> leaves(all.begin(), all.begin() + static_cast<long>(n));
    MerkleTree tree(leaves);
    const Hash root = merkle_root(leaves);
    ASSERT_EQ(tree.root(), root) << n;
    for (std::uint64_t i = 0; i < n; ++i) {
      auto path = tree.inclusion_proof(i);
      ASSERT_TRUE(path.ok());
      ASSERT_TRUE(verify_inclusion(leaves[i], i, n, *path, root)) << i << " of " << n;
      if (n > 1) {
        ASSERT_FALSE(verify_inclusion(leaves[i], (i + 1) % n, n, *path, root)) << i << " of " << n;
      }
    }
    for (std::uint64_t m = 1; m <= n; ++m) {
      auto proof = tree.consistency_proof(m);
      ASSERT_TRUE(proof.ok());
      const Hash old_root = merkle_root(std::span<const Hash>(leaves.data(), m));
      ASSERT_TRUE(verify_consistency(m, n, old_root, root, *proof)) << m << " -> " << n;
      if (m < n) {
        Hash wrong = old_root;
        wrong[5] ^= 1;
        ASSERT_FALSE(verify_consistency(m, n, wrong, root, *proof)) << m << " -> " << n;
      }
    }
  }
}

// A log grows by appends and must answer proofs about any earlier size.
TEST(Merkle, AppendedTreeAnswersForEveryEarlierSize) {
  std::vector<Hash> leaves;
  MerkleTree grown;
  for (int i = 0; i < 40; ++i) {
    leaves.push_back(leaf_hash(std::string_view("entry " + std::to_string(i))));
    grown.append(leaves.back());
    ASSERT_EQ(grown.root(), merkle_root(leaves)) << i;
  }
  for (std::uint64_t size = 1; size <= 40; ++size) {
    const Hash root = merkle_root(std::span<const Hash>(leaves.data(), size));
    EXPECT_EQ(grown.root_at(size), root);
    for (std::uint64_t i = 0; i < size; ++i) {
      auto path = grown.inclusion_proof(i, size);
      ASSERT_TRUE(path.ok());
      ASSERT_TRUE(verify_inclusion(leaves[i], i, size, *path, root)) << i << " in " << size;
    }
    for (std::uint64_t old = 1; old <= size; ++old) {
      auto proof = grown.consistency_proof(old, size);
      ASSERT_TRUE(proof.ok());
      ASSERT_TRUE(verify_consistency(old, size, grown.root_at(old), root, *proof)) << old << " -> " << size;
    }
  }
  EXPECT_FALSE(grown.inclusion_proof(0, 41).ok());
  EXPECT_FALSE(grown.consistency_proof(1, 41).ok());
}

TEST(Merkle, ProofRequestsOutOfRangeAreErrors) {
  MerkleTree tree({leaf_hash(std::string_view("a")), leaf_hash(std::string_view("b"))});
  EXPECT_FALSE(tree.inclusion_proof(2).ok());
  EXPECT_FALSE(tree.consistency_proof(0).ok());
  EXPECT_FALSE(tree.consistency_proof(3).ok());
  std::vector<std::string> bad = {std::string(64, 'a'), "xyz"};
  auto parsed = hashes_from_hex(bad);
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("hash 2"), std::string::npos);
}

TEST(Merkle, NodeHashIsDomainSeparatedFromLeafHash) {
  Hash a = leaf_hash(std::string_view("a")), b = leaf_hash(std::string_view("b"));
  Bytes concat(a.begin(), a.end());
  concat.insert(concat.end(), b.begin(), b.end());
  EXPECT_NE(node_hash(a, b), leaf_hash(concat));
  Bytes prefixed = {0x01};
  prefixed.insert(prefixed.end(), concat.begin(), concat.end());
  EXPECT_EQ(node_hash(a, b), sha256(prefixed));
}

}  // namespace
}  // namespace tirage
