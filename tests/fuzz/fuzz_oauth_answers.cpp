// libFuzzer target: what OAuth providers answer (token endpoints, errors,
// identity answers, Facebook's Page list). These come from the network, so
// they are parsed as untrusted: any bytes must give a value or an error.
#include <cstddef>
#include <cstdint>
#include <string>

#include "shared/oauth/provider_answers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  auto t = tirage::parse_token_answer("Fuzz", 200, body, 1700000000);
  if (t && (t->access_token.empty() || t->access_token.size() > 4096)) __builtin_trap();  // the parser's own bounds
  (void)tirage::parse_token_answer("Fuzz", 400, body, 1700000000);
  (void)tirage::provider_refusal(body);
  for (const char* provider : {"google", "facebook", "instagram", "x", "tiktok"}) {
    auto id = tirage::parse_identity(provider, "Fuzz", body);
    if (id && (id->subject.empty() || id->app_user_id.empty() || id->name.size() > 200)) __builtin_trap();
  }
  (void)tirage::parse_page_list(body);
  return 0;
}
