// libFuzzer target: arbitrary bytes as a result bundle. Parsing, JCS and
// verification must never crash, hang or read out of bounds, whatever arrives.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shared/protocol/bundle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto json = tirage::parse_json(text);
  if (!json) return 0;
  (void)tirage::jcs(*json);
  auto report = tirage::verify_bundle(*json);
  (void)report.ok();
  return 0;
}
