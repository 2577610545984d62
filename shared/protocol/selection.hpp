// Seed, random stream, unbiased uniform(n) and the partial Fisher–Yates
// selection of docs/protocol.md sections 3 and 4.
//
//   Hash seed = draw_seed(commitment_hash, beacon_value);
//   auto picks = select_indices(seed, N, K, M);   // winners then alternates
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "shared/core/hex.hpp"
#include "shared/core/result.hpp"

namespace tirage {

// seed = H("tirage/seed/v1" || 0x00 || commitment_hash || beacon_value).
Hash draw_seed(const Hash& commitment_hash, std::span<const std::uint8_t> beacon_value);

// The stream block_0 || block_1 || ... with block_j = H(seed || u64be(j)).
class RandomStream {
 public:
  explicit RandomStream(const Hash& seed) : seed_(seed) {}
  // The next 8 bytes of the stream as a big-endian integer.
  std::uint64_t next_u64();
  // An integer in [0, n) with no modulo bias; n must be >= 1.
  std::uint64_t uniform(std::uint64_t n);

 private:
  Hash seed_;
  Hash block_{};
  std::uint64_t next_block_ = 0;
  std::size_t used_ = 32;  // bytes of block_ already read
};

struct Selection {
  std::vector<std::uint64_t> winners;     // rank 1..K in order
  std::vector<std::uint64_t> alternates;  // rank 1..M in order
};

// Partial Fisher–Yates over [0, n) with sparse swaps: O(K+M) time and memory
// whatever n. Errors when K < 1 or K + M > n.
Result<Selection> select_indices(const Hash& seed, std::uint64_t n, std::uint64_t winners,
                                 std::uint64_t alternates);

}  // namespace tirage
