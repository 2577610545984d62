// libFuzzer target: Meta's signed_request parser (the data-deletion callback's
// body, sent by anyone who finds the URL). Half the inputs are signed with the
// secret so the fuzzer also reaches the payload checks behind the signature.
#include <cstddef>
#include <cstdint>
#include <string>

#include "shared/oauth/signed_request.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  (void)tirage::verify_signed_request(input, "fuzz-secret");
  if (!input.empty() && (input[0] & 1)) {
    // Treat the rest as a payload JSON text and sign it properly.
    auto j = tirage::parse_json(std::string_view(input).substr(1));
    if (j) {
      auto r = tirage::verify_signed_request(tirage::make_signed_request(*j, "fuzz-secret"), "fuzz-secret");
      if (r && r->user_id.empty()) __builtin_trap();  // a verified request always names a user
    }
  }
  return 0;
}
