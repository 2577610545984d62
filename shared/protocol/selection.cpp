#include "shared/protocol/selection.hpp"

#include <limits>
#include <string_view>
#include <unordered_map>

#include "shared/crypto/sha256.hpp"

namespace tirage {

Hash draw_seed(const Hash& commitment_hash, std::span<const std::uint8_t> beacon_value) {
  Sha256 h;
  h.update(std::string_view("tirage/seed/v1"));
  h.update_byte(0x00);
  h.update(commitment_hash);
  h.update(beacon_value);
  return h.finish();
}

std::uint64_t RandomStream::next_u64() {
  std::uint64_t x = 0;
  for (int i = 0; i < 8; ++i) {
    if (used_ == 32) {
      std::uint8_t counter[8];
      for (int b = 0; b < 8; ++b) counter[b] = static_cast<std::uint8_t>(next_block_ >> (56 - 8 * b));
      ++next_block_;
      block_ = Sha256().update(seed_).update(counter).finish();
      used_ = 0;
    }
    x = x << 8 | block_[used_++];
  }
  return x;
}

std::uint64_t RandomStream::uniform(std::uint64_t n) {
  // limit = floor(2^64 / n) * n = 2^64 - (2^64 mod n); accept x < limit.
  const std::uint64_t rem = (std::numeric_limits<std::uint64_t>::max() % n + 1) % n;
  for (;;) {
    const std::uint64_t x = next_u64();
    if (rem == 0 || x < std::uint64_t{0} - rem) return x % n;
  }
}

Result<Selection> select_indices(const Hash& seed, std::uint64_t n, std::uint64_t winners,
                                 std::uint64_t alternates) {
  if (winners < 1) return make_error("bad_counts", "at least one winner is needed");
  if (alternates > n || winners > n - alternates)
    return make_error("bad_counts", "winners + alternates (" + std::to_string(winners) + " + " +
                                        std::to_string(alternates) + ") exceed the " + std::to_string(n) +
                                        " participants");
  const std::uint64_t picks = winners + alternates;
  RandomStream stream(seed);
  // Only displaced positions of the virtual array A = [0, n) are stored.
  std::unordered_map<std::uint64_t, std::uint64_t> moved;
  moved.reserve(static_cast<std::size_t>(2 * picks));
  auto at = [&](std::uint64_t pos) {
    auto it = moved.find(pos);
    return it == moved.end() ? pos : it->second;
  };
  Selection out;
  out.winners.reserve(winners);
  out.alternates.reserve(alternates);
  for (std::uint64_t i = 0; i < picks; ++i) {
    const std::uint64_t j = i + stream.uniform(n - i);
    const std::uint64_t ai = at(i), aj = at(j);
    moved[j] = ai;  // A[i] is never read again, so only A[j] needs storing
    (i < winners ? out.winners : out.alternates).push_back(aj);
  }
  return out;
}

}  // namespace tirage
