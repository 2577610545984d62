// Meta's signed_request (Facebook and Instagram data-deletion and deauthorize
// callbacks): "<base64url signature>.<base64url JSON payload>", where the
// signature is HMAC-SHA256 of the encoded payload under the app secret.
//
//   auto req = verify_signed_request(form_value, app_secret);
//   if (!req) return reject(req.error());
//   delete_data_of(req->user_id);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "shared/protocol/jcs.hpp"

namespace tirage {

inline constexpr std::size_t kMaxSignedRequest = 8192;  // real ones are a few hundred bytes

struct SignedRequest {
  std::string user_id;          // the app-scoped user id whose data is to go
  std::int64_t issued_at = 0;   // Unix seconds, 0 when absent
  Json payload;                 // the whole decoded payload
};

// Checks the signature (constant time) before reading the payload, then the
// payload: JSON object, algorithm "HMAC-SHA256", a user_id. Errors:
// bad_signed_request (shape, with where), bad_signature (does not verify).
Result<SignedRequest> verify_signed_request(std::string_view signed_request, std::string_view app_secret);

// How old a signed_request may be (issued_at), and how far ahead of our clock.
inline constexpr std::int64_t kSignedRequestMaxAge = 3600;
inline constexpr std::int64_t kSignedRequestMaxSkew = 300;

// Ok when the request says when it was issued, at most kSignedRequestMaxAge before now and at most
// kSignedRequestMaxSkew after; 'stale_signed_request' otherwise (an old request replayed, or a clock far off).
Status check_signed_request_fresh(const SignedRequest& request, std::int64_t now);

// Builds a signed_request for a payload (for tests and the fake platforms).
std::string make_signed_request(const Json& payload, std::string_view app_secret);

}  // namespace tirage
