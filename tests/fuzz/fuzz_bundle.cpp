// libFuzzer target: arbitrary bytes as a result bundle. Parsing, JCS and
// verification must never crash, hang or read out of bounds, whatever arrives;
// the strict reader's errors (which quote the input) stay valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "shared/protocol/bundle.hpp"
#include "shared/protocol/statements.hpp"
#include "shared/protocol/unicode.hpp"

namespace {
template <class R>
void check_message(const R& r) {
  if (!r.ok() && !tirage::check_utf8(r.error().message)) std::abort();
}
}  // namespace

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
  // The statements' readers directly: fuzzed bundles rarely get past the signatures to them.
  check_message(tirage::parse_commitment(*json));
  check_message(tirage::parse_result(*json));
  check_message(tirage::parse_tree_head(*json));
  check_message(tirage::entry_from_json(*json));
  check_message(tirage::keyset_from_json(*json));
  return 0;
}
