// libFuzzer target: one line of a participant file (JSON Lines), through the
// same path as `tirage participants`: parse, read the entry, normalize, leaf.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shared/protocol/entry.hpp"
#include "shared/protocol/merkle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto json = tirage::parse_json(text);
  if (!json) return 0;
  auto entry = tirage::entry_from_json(*json);
  if (!entry) return 0;
  auto normalized = tirage::normalize_entry(*entry);
  if (!normalized) return 0;
  // Normalization is idempotent: a normalized entry normalizes to itself.
  auto again = tirage::normalize_entry(*normalized);
  if (!again || !(*again == *normalized)) __builtin_trap();
  (void)tirage::leaf_hash(tirage::leaf(*normalized));
  return 0;
}
