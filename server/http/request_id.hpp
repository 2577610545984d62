// The request id of a server failure: every 5xx answer carries one, in the
// X-Request-Id header and as "request_id" in its JSON error body, and the
// server's log lines for that failure name it, so an operator finds what a
// user reports.
#pragma once

#include <httplib.h>

#include <string>

namespace tirage::server {

inline constexpr const char* kRequestIdHeader = "X-Request-Id";

// A new id: "req_" and 24 random hex digits.
std::string new_request_id();

// Gives a 5xx answer that has none its id (header, and "request_id" in a JSON error body); returns the id.
std::string ensure_request_id(httplib::Response& res);

}  // namespace tirage::server
