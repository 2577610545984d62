// RFC 3797 ("Publicly Verifiable Nominations Committee Random Selection"):
// the key string built from public sources, and the MD5-based selection.
//
//   auto key = rfc3797_key({"9319", "2 5 12 8 10", "9 18 26 34 41 45"});
//   // "9319./2.5.8.10.12./9.18.26.34.41.45./"
//   auto picks = rfc3797_select(*key, 25, 10);   // 1-based positions, in order
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"

namespace tirage {

// One source's canonical text, from its values as published (separated by
// spaces): numbers sorted ascending, each as a decimal without leading zeros
// (integers followed by '.'); a non-numeric source becomes its ASCII letters
// and digits, accents removed, upper-cased. Either way '/' ends it.
Result<std::string> rfc3797_source_string(std::string_view published_values);

// The key string: every source's canonical text, in the order given.
Result<std::string> rfc3797_key(std::span<const std::string> sources);

// Selects count of the pool positions 1..pool: step i hashes
// MD5(u16be(i) || key || u16be(i)), takes it as a 128-bit big-endian integer
// modulo the number of positions left, and removes that (0-based) remaining
// position. Returns 1-based positions in selection order.
Result<std::vector<std::uint64_t>> rfc3797_select(std::string_view key, std::uint64_t pool, std::uint64_t count);

}  // namespace tirage
