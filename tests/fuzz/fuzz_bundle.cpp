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
  // With no trusted key (stops at step 1), and trusting the keys the input
  // brings, so the later steps and the rotation chain see fuzzed data too.
  (void)tirage::verify_bundle(*json, {}).ok();
  if (json->is_object() && json->contains("keys"))
    if (auto keys = tirage::keyset_from_json((*json)["keys"]))
      (void)tirage::verify_bundle(*json, *keys).ok();
  return 0;
}
