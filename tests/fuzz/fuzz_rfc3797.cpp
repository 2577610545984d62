// libFuzzer target: published source values for RFC 3797 (any bytes).
#include <cstddef>
#include <cstdint>
#include <string>

#include "shared/protocol/rfc3797.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto s = tirage::rfc3797_source_string(text);
  if (s) {
    auto picks = tirage::rfc3797_select(*s, 1 + size % 50, size % 51 > 1 + size % 50 ? 1 : size % 51);
    (void)picks;
  }
  return 0;
}
