// libFuzzer target: proof verification on attacker-chosen sizes, indices and
// hashes must never crash, and must never accept a proof for a tree it did not
// come from (checked against a tree built from the same input).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "shared/protocol/merkle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 4) return 0;
  const std::uint64_t n = 1 + data[0] % 64, index = data[1] % 80, old_size = data[2] % 80;
  const std::size_t proof_len = data[3] % 12;
  data += 4;
  size -= 4;
  std::vector<tirage::Hash> leaves;
  for (std::uint64_t i = 0; i < n; ++i) leaves.push_back(tirage::leaf_hash(std::string_view(reinterpret_cast<const char*>(&i), sizeof i)));
  tirage::MerkleTree tree(leaves);
  std::vector<tirage::Hash> proof(proof_len);
  for (std::size_t i = 0; i < proof_len && size >= 32; ++i, data += 32, size -= 32) std::memcpy(proof[i].data(), data, 32);
  const tirage::Hash root = tree.root();
  const bool accepted = index < n && tirage::verify_inclusion(leaves[index], index, n, proof, root);
  // A forged proof that verifies must be the real audit path (SHA-256 collisions aside).
  if (accepted && proof != *tree.inclusion_proof(index)) __builtin_trap();
  if (old_size >= 1 && old_size <= n) {
    const bool consistent = tirage::verify_consistency(old_size, n, tree.root_at(old_size), root, proof);
    if (consistent && proof != *tree.consistency_proof(old_size)) __builtin_trap();
  }
  return 0;
}
