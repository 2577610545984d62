// Stripe webhook signatures, exactly as Stripe specifies (and stripe-python
// implements): header "t=<unix>,v1=<hex>[,v1=<hex>...][,v0=...]", expected
// v1 = hex(HMAC-SHA256(secret, t + "." + raw body)), any v1 may match
// (secret rotation), constant-time compare, and t no older than the tolerance.
// Pure: the caller passes the clock.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"

namespace tirage::server {

inline constexpr std::int64_t kStripeSignatureTolerance = 300;  // seconds, Stripe's libraries' default
inline constexpr std::size_t kMaxSignatureHeader = 8 * 1024;

struct StripeSignatureHeader {
  std::int64_t timestamp = 0;
  std::vector<std::string> v1;  // every v1 value, in order
};

// Splits the header; 'bad_signature' when there is no usable t or no v1.
Result<StripeSignatureHeader> parse_stripe_signature_header(std::string_view header);

// The lowercase hex v1 signature of payload at timestamp under secret (the whole "whsec_..." string).
std::string stripe_v1_signature(std::string_view secret, std::int64_t timestamp, std::string_view payload);

// Accepts when some v1 matches and the timestamp is at most `tolerance` seconds old;
// 'bad_signature' otherwise, with Stripe's reason.
Status verify_stripe_signature(std::string_view header, std::string_view payload, std::string_view secret,
                               std::int64_t now, std::int64_t tolerance = kStripeSignatureTolerance);

}  // namespace tirage::server
