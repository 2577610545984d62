#include "shared/core/hex.hpp"

namespace tirage {

namespace {
int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '0');
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 15];
  }
  return out;
}

Result<Bytes> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0)
    return make_error("bad_hex", "hex string has an odd number of digits (" +
                                     std::to_string(hex.size()) + ")");
  Bytes out(hex.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      std::size_t pos = hi < 0 ? 2 * i : 2 * i + 1;
      return make_error("bad_hex", "not a hex digit at position " + std::to_string(pos + 1));
    }
    out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return out;
}

Result<Hash> hash_from_hex(std::string_view hex) {
  if (hex.size() != 64)
    return make_error("bad_hash", "expected 64 hex digits (32 bytes), got " +
                                      std::to_string(hex.size()) + " characters");
  auto bytes = from_hex(hex);
  if (!bytes) return bytes.error();
  Hash h;
  std::copy(bytes->begin(), bytes->end(), h.begin());
  return h;
}

}  // namespace tirage
