// What a platform's answer means for an import in progress: its error bodies
// (Meta's {"error":{"code":190,...}}, Google's errors[].reason, X's problem
// types, TikTok's error.code) and its usage headers (X-App-Usage,
// X-Business-Use-Case-Usage, x-rate-limit-*, Retry-After) become one decision:
// go on, wait N seconds, or stop and say why. Pure: the caller passes the clock.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "shared/core/time.hpp"
#include "shared/platforms/platform.hpp"

namespace tirage {

enum class FailureKind {
  transient,          // retry with backoff (5xx, Meta codes 1/2, is_transient)
  throttled,          // rate limited: wait wait_seconds, then retry
  quota_exhausted,    // daily quota / usage cap: stop, resumable later
  token_expired,      // the access token is expired or revoked: reconnect
  forbidden,          // missing permission or access level
  not_found,          // the post does not exist or is not the organizer's
  comments_disabled,  // YouTube: comments are off (zero comments, said plainly)
  bad_request,        // our request was wrong: a bug, stop
};

struct PlatformFailure {
  FailureKind kind = FailureKind::transient;
  std::int64_t wait_seconds = 0;  // for throttled/transient: what the platform told us, 0 when it did not
  std::string platform_code;      // "190/463", "quotaExceeded", "usage-capped", ... for logs and support
  std::string message;            // for the organizer
};

// Lowercased header name -> value.
using HeaderMap = std::map<std::string, std::string>;

// Classifies a non-2xx answer (or a 2xx one whose body is an error envelope).
PlatformFailure classify_failure(Platform platform, int http_status, std::string_view body, const HeaderMap& headers,
                                 UnixSeconds now);

struct RateAdvice {
  int usage_percent = -1;         // highest usage the headers report, -1 when none
  std::int64_t wait_seconds = 0;  // pause before the next call (0: go on)
  std::string reason;
};

// Reads the usage headers of any answer: pause when a limit is reached or near.
RateAdvice rate_advice(Platform platform, const HeaderMap& headers, UnixSeconds now);

// A stable snake_case name for the kind ("quota_exhausted", ...).
std::string_view failure_kind_name(FailureKind kind);

}  // namespace tirage
