// RFC 6962 / RFC 9162 Merkle tree: tree hash, inclusion (audit) proofs and
// consistency proofs, generation and verification side by side.
//
//   Hash root = merkle_root(leaf_hashes);                       // streaming, O(log n) memory
//   MerkleTree tree(leaf_hashes);                               // stores every level
//   auto path = tree.inclusion_proof(i);                        // leaf-side first
//   bool ok = verify_inclusion(leaf_hash(d), i, n, path, root);
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "shared/core/hex.hpp"
#include "shared/core/result.hpp"

namespace tirage {

// MTH({d}) = H(0x00 || d).
Hash leaf_hash(std::span<const std::uint8_t> leaf);
inline Hash leaf_hash(std::string_view leaf) { return leaf_hash(as_bytes(leaf)); }

// H(0x01 || left || right).
Hash node_hash(const Hash& left, const Hash& right);

// H("") : the hash of the empty tree.
Hash empty_root();

// Builds the root incrementally from leaf hashes fed in order, keeping only
// one hash per level (RFC 6962's left-packed shape).
class MerkleRootBuilder {
 public:
  void add_leaf_hash(const Hash& h);
  void add_leaf(std::span<const std::uint8_t> leaf) { add_leaf_hash(leaf_hash(leaf)); }
  std::uint64_t size() const { return size_; }
  // The MTH of everything added so far.
  Hash root() const;

 private:
  std::vector<Hash> stack_;  // perfect subtrees, largest first
  std::uint64_t size_ = 0;
};

// MTH of the given leaf hashes.
Hash merkle_root(std::span<const Hash> leaf_hashes);

// A whole tree kept in memory (about 64 bytes per leaf) to answer many proofs,
// about the whole tree or any earlier size of it; leaves can be appended.
class MerkleTree {
 public:
  MerkleTree() = default;
  explicit MerkleTree(std::vector<Hash> leaf_hashes);
  std::uint64_t size() const { return levels_.empty() ? 0 : levels_[0].size(); }
  // Appends one leaf hash, completing the perfect subtrees it closes.
  void append(const Hash& leaf_hash);
  // Makes room for this many leaves in all, so appending them never moves a level.
  void reserve(std::uint64_t leaves);
  Hash root() const { return root_at(size()); }
  // MTH of the first tree_size leaves (tree_size <= size()).
  Hash root_at(std::uint64_t tree_size) const { return subtree_hash(0, tree_size); }
  // MTH of leaves [begin, end).
  Hash subtree_hash(std::uint64_t begin, std::uint64_t end) const;
  // RFC 6962 audit path of leaf index in the whole tree, leaf side first.
  Result<std::vector<Hash>> inclusion_proof(std::uint64_t index) const { return inclusion_proof(index, size()); }
  // The audit path of leaf index in the tree of the first tree_size leaves.
  Result<std::vector<Hash>> inclusion_proof(std::uint64_t index, std::uint64_t tree_size) const;
  // RFC 6962 consistency proof from the first old_size leaves to the whole tree.
  Result<std::vector<Hash>> consistency_proof(std::uint64_t old_size) const {
    return consistency_proof(old_size, size());
  }
  // The consistency proof between two earlier sizes, old_size <= new_size <= size().
  Result<std::vector<Hash>> consistency_proof(std::uint64_t old_size, std::uint64_t new_size) const;

 private:
  // levels_[k][i] = hash of the perfect subtree of 2^k leaves starting at i*2^k.
  std::vector<std::vector<Hash>> levels_;
};

// RFC 9162 2.1.3.2: true when proof links leaf_hash at index to root of a tree of tree_size.
bool verify_inclusion(const Hash& leaf_hash, std::uint64_t index, std::uint64_t tree_size,
                      std::span<const Hash> proof, const Hash& root);

// Root implied by an inclusion proof, or an error when the proof's length is wrong.
Result<Hash> root_from_inclusion(const Hash& leaf_hash, std::uint64_t index, std::uint64_t tree_size,
                                 std::span<const Hash> proof);

// RFC 9162 2.1.4.2: true when proof shows old_root (old_size) is a prefix of new_root (new_size).
bool verify_consistency(std::uint64_t old_size, std::uint64_t new_size, const Hash& old_root,
                        const Hash& new_root, std::span<const Hash> proof);

// Parses a list of hex hashes; the error names the position of the bad one.
Result<std::vector<Hash>> hashes_from_hex(std::span<const std::string> hex);

}  // namespace tirage
