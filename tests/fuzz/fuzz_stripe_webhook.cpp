// libFuzzer target: a Stripe webhook delivery as the server reads it. The
// input is split at the first newline into the Stripe-Signature header and the
// raw body; both go through the header parser, the signature check and the
// event parser. A correctly signed copy of the body must then verify.
// fuzz-sources: server/billing/stripe_signature.cpp server/billing/stripe_event.cpp
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "server/billing/stripe_event.hpp"
#include "server/billing/stripe_signature.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nl = input.find('\n');
  const std::string_view header = nl == std::string_view::npos ? input : input.substr(0, nl);
  const std::string_view body = nl == std::string_view::npos ? std::string_view() : input.substr(nl + 1);
  using namespace tirage::server;
  constexpr const char* kSecret = "whsec_fuzz";
  constexpr std::int64_t kNow = 1700000000;
  if (auto h = parse_stripe_signature_header(header)) {
    if (h->v1.empty()) __builtin_trap();  // a parsed header always has a v1
  }
  (void)verify_stripe_signature(header, body, kSecret, kNow);
  if (auto e = parse_stripe_event(body)) {
    if (e->id.rfind("evt_", 0) != 0 || e->type.empty() || e->object_id.empty()) __builtin_trap();
  }
  // The genuine signature over the same bytes verifies, whatever the bytes are.
  const std::string good = "t=" + std::to_string(kNow) + ",v1=" + stripe_v1_signature(kSecret, kNow, body);
  if (!verify_stripe_signature(good, body, kSecret, kNow)) __builtin_trap();
  return 0;
}
