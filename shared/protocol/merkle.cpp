#include "shared/protocol/merkle.hpp"

#include <algorithm>
#include <bit>

#include "shared/crypto/sha256.hpp"

namespace tirage {

namespace {
// Largest power of two strictly smaller than n (n >= 2).
std::uint64_t split_point(std::uint64_t n) { return std::bit_floor(n - 1); }
}  // namespace

Hash leaf_hash(std::span<const std::uint8_t> leaf) {
  Sha256 h;
  h.update_byte(0x00);
  h.update(leaf);
  return h.finish();
}

Hash node_hash(const Hash& left, const Hash& right) {
  std::uint8_t buf[65];
  buf[0] = 0x01;
  std::copy(left.begin(), left.end(), buf + 1);
  std::copy(right.begin(), right.end(), buf + 33);
  return sha256(std::span<const std::uint8_t>(buf, sizeof buf));
}

Hash empty_root() { return sha256(std::string_view()); }

// [SECTION] Streaming root

void MerkleRootBuilder::add_leaf_hash(const Hash& h) {
  stack_.push_back(h);
  // Each trailing 1 bit of the new size is a pair of equal subtrees to merge.
  for (std::uint64_t n = ++size_; (n & 1) == 0; n >>= 1) {
    Hash right = stack_.back();
    stack_.pop_back();
    stack_.back() = node_hash(stack_.back(), right);
  }
}

Hash MerkleRootBuilder::root() const {
  if (stack_.empty()) return empty_root();
  // Fold the perfect subtrees right to left, as MTH's recursion does.
  Hash acc = stack_.back();
  for (std::size_t i = stack_.size() - 1; i-- > 0;) acc = node_hash(stack_[i], acc);
  return acc;
}

Hash merkle_root(std::span<const Hash> leaf_hashes) {
  MerkleRootBuilder b;
  for (const Hash& h : leaf_hashes) b.add_leaf_hash(h);
  return b.root();
}

// [SECTION] Stored tree and proof generation

MerkleTree::MerkleTree(std::vector<Hash> leaf_hashes) {
  if (leaf_hashes.empty()) return;
  levels_.push_back(std::move(leaf_hashes));
  while (levels_.back().size() > 1) {
    const auto& below = levels_.back();
    std::vector<Hash> up(below.size() / 2);
    for (std::size_t i = 0; i < up.size(); ++i) up[i] = node_hash(below[2 * i], below[2 * i + 1]);
    levels_.push_back(std::move(up));
  }
}

void MerkleTree::reserve(std::uint64_t leaves) {
  for (std::size_t k = 0; leaves > 0; ++k, leaves /= 2) {
    if (k == levels_.size()) levels_.emplace_back();
    levels_[k].reserve(static_cast<std::size_t>(leaves));
    if (leaves == 1) break;
  }
}

void MerkleTree::append(const Hash& leaf) {
  if (levels_.empty()) levels_.emplace_back();
  levels_[0].push_back(leaf);
  // Each new right child closes a pair one level up.
  for (std::size_t k = 0; levels_[k].size() % 2 == 0; ++k) {
    if (k + 1 == levels_.size()) levels_.emplace_back();
    const auto& below = levels_[k];
    levels_[k + 1].push_back(node_hash(below[below.size() - 2], below.back()));
  }
}

Hash MerkleTree::subtree_hash(std::uint64_t begin, std::uint64_t end) const {
  const std::uint64_t n = end - begin;
  if (n == 0) return empty_root();
  // A perfect, aligned subtree is stored; any other range splits as MTH does.
  if (std::has_single_bit(n) && begin % n == 0) {
    const int level = std::countr_zero(n);
    return levels_[static_cast<std::size_t>(level)][begin >> level];
  }
  const std::uint64_t k = split_point(n);
  return node_hash(subtree_hash(begin, begin + k), subtree_hash(begin + k, end));
}

Result<std::vector<Hash>> MerkleTree::inclusion_proof(std::uint64_t index, std::uint64_t tree_size) const {
  if (tree_size > size())
    return make_error("bad_size", "tree size " + std::to_string(tree_size) + " is larger than the tree (" +
                                      std::to_string(size()) + ")");
  if (index >= tree_size)
    return make_error("bad_index", "leaf index " + std::to_string(index) + " is out of range for a tree of " +
                                       std::to_string(tree_size) + " leaves");
  // PATH(m, D[begin:end]) of RFC 6962 2.1.1, iteratively, root side first.
  std::vector<Hash> path;
  std::uint64_t begin = 0, end = tree_size;
  while (end - begin > 1) {
    const std::uint64_t k = split_point(end - begin);
    if (index < begin + k) {
      path.push_back(subtree_hash(begin + k, end));
      end = begin + k;
    } else {
      path.push_back(subtree_hash(begin, begin + k));
      begin += k;
    }
  }
  std::reverse(path.begin(), path.end());
  return path;
}

Result<std::vector<Hash>> MerkleTree::consistency_proof(std::uint64_t old_size, std::uint64_t new_size) const {
  const std::uint64_t n = new_size;
  if (new_size > size())
    return make_error("bad_size", "tree size " + std::to_string(new_size) + " is larger than the tree (" +
                                      std::to_string(size()) + ")");
  if (old_size == 0 || old_size > n)
    return make_error("bad_size", "old size " + std::to_string(old_size) + " must be between 1 and " +
                                      std::to_string(n));
  // SUBPROOF(m, D[begin:end], b) of RFC 6962 2.1.2, iteratively, root side first.
  std::vector<Hash> proof;
  std::uint64_t begin = 0, end = n, m = old_size;
  bool complete = true;  // b: the old tree is the whole of D[begin:end]'s left part so far
  while (m != end - begin) {
    const std::uint64_t k = split_point(end - begin);
    if (m <= k) {
      proof.push_back(subtree_hash(begin + k, end));
      end = begin + k;
    } else {
      proof.push_back(subtree_hash(begin, begin + k));
      begin += k;
      m -= k;
      complete = false;
    }
  }
  if (!complete) proof.push_back(subtree_hash(begin, end));
  std::reverse(proof.begin(), proof.end());
  return proof;
}

// [SECTION] Verification (RFC 9162)

Result<Hash> root_from_inclusion(const Hash& leaf, std::uint64_t index, std::uint64_t tree_size,
                                 std::span<const Hash> proof) {
  if (index >= tree_size)
    return make_error("bad_index", "leaf index " + std::to_string(index) + " is not below tree size " +
                                       std::to_string(tree_size));
  std::uint64_t fn = index, sn = tree_size - 1;
  Hash r = leaf;
  for (const Hash& p : proof) {
    if (sn == 0) return make_error("bad_proof", "inclusion proof is longer than the tree is deep");
    if ((fn & 1) || fn == sn) {
      r = node_hash(p, r);
      if (!(fn & 1)) {
        while (fn != 0 && !(fn & 1)) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = node_hash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return make_error("bad_proof", "inclusion proof is shorter than the tree is deep");
  return r;
}

bool verify_inclusion(const Hash& leaf, std::uint64_t index, std::uint64_t tree_size,
                      std::span<const Hash> proof, const Hash& root) {
  auto r = root_from_inclusion(leaf, index, tree_size, proof);
  return r && *r == root;
}

bool verify_consistency(std::uint64_t old_size, std::uint64_t new_size, const Hash& old_root,
                        const Hash& new_root, std::span<const Hash> proof) {
  if (old_size > new_size) return false;
  if (old_size == new_size) return proof.empty() && old_root == new_root;
  if (old_size == 0) return proof.empty();  // the empty tree is a prefix of every tree
  if (proof.empty()) return false;
  std::vector<Hash> path(proof.begin(), proof.end());
  if (std::has_single_bit(old_size)) path.insert(path.begin(), old_root);
  std::uint64_t fn = old_size - 1, sn = new_size - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0], sr = path[0];
  for (std::size_t i = 1; i < path.size(); ++i) {
    if (sn == 0) return false;
    const Hash& c = path[i];
    if ((fn & 1) || fn == sn) {
      fr = node_hash(c, fr);
      sr = node_hash(c, sr);
      if (!(fn & 1)) {
        while (fn != 0 && !(fn & 1)) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = node_hash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && fr == old_root && sr == new_root;
}

Result<std::vector<Hash>> hashes_from_hex(std::span<const std::string> hex) {
  std::vector<Hash> out;
  out.reserve(hex.size());
  for (std::size_t i = 0; i < hex.size(); ++i) {
    auto h = hash_from_hex(hex[i]);
    if (!h) return make_error(h.error().code, "hash " + std::to_string(i + 1) + ": " + h.error().message);
    out.push_back(*h);
  }
  return out;
}

}  // namespace tirage
