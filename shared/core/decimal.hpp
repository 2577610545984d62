// Decimal digits to a number without exceptions (std::stoll and friends throw,
// and abort where shared/ is built with -fno-exceptions).
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tirage {

// The value of text when it is 1 or more ASCII digits and fits; nullopt otherwise (no sign, no spaces).
inline std::optional<std::uint64_t> parse_decimal(std::string_view text) {
  std::uint64_t v = 0;
  if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

}  // namespace tirage
