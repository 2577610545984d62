// Error bodies and usage headers, per platform (api-reference.md 1.2, 1.4,
// 4.3, 5.3, 6.3). Unknown shapes fall back on the HTTP status.
#include "shared/platforms/platform_failure.hpp"

#include <algorithm>

#include "shared/core/decimal.hpp"
#include "shared/platforms/platform_json.hpp"

namespace tirage {

namespace {

constexpr std::int64_t kDefaultThrottleWait = 60;  // seconds, when a platform says "slow down" without a time

std::string header(const HeaderMap& h, const char* name) {
  auto it = h.find(name);
  return it == h.end() ? "" : it->second.substr(0, 4096);
}

// A non-negative integer header value, or -1.
std::int64_t header_int(const HeaderMap& h, const char* name) {
  const std::string v = header(h, name);
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos) return -1;
  return static_cast<std::int64_t>(*parse_decimal(v));  // at most 18 digits: it fits
}

PlatformFailure by_status(int status, std::string_view platform) {
  PlatformFailure f;
  f.platform_code = "http_" + std::to_string(status);
  const std::string who(platform);
  if (status == 429) {
    f.kind = FailureKind::throttled;
    f.message = who + " asked us to slow down (HTTP 429)";
  } else if (status >= 500 || status <= 0) {
    f.kind = FailureKind::transient;
    f.message = who + " is temporarily unavailable (HTTP " + std::to_string(status) + ")";
  } else if (status == 401) {
    f.kind = FailureKind::token_expired;
    f.message = "the " + who + " connection has expired; reconnect the account";
  } else if (status == 403) {
    f.kind = FailureKind::forbidden;
    f.message = who + " refused access to this post (HTTP 403)";
  } else if (status == 404) {
    f.kind = FailureKind::not_found;
    f.message = who + " has no such post, or it is not one of the connected account's";
  } else {
    f.kind = FailureKind::bad_request;
    f.message = who + " rejected the request (HTTP " + std::to_string(status) + ")";
  }
  return f;
}

// Meta Graph: {"error":{"message","type","code","error_subcode","is_transient"}}.
PlatformFailure classify_meta(int status, const Json& root, const HeaderMap& headers, UnixSeconds now, const char* who) {
  PlatformFailure f = by_status(status, who);
  const Json* error = root.is_object() && root.contains("error") && root["error"].is_object() ? &root["error"] : nullptr;
  if (!error) return f;
  JsonReader r(who);
  const auto code = r.optional_integer(*error, "code", "error.code").value_or(-1);
  const auto sub = r.optional_integer(*error, "error_subcode", "error.error_subcode").value_or(0);
  const bool transient = r.optional_bool(*error, "is_transient", "error.is_transient").value_or(false);
  const std::string text = r.string(*error, "message", "error.message", false, 1024);
  f.platform_code = std::to_string(code) + (sub ? "/" + std::to_string(sub) : "");
  const std::string said = std::string(who) + " said: " + text;
  if (code == 190 || code == 102) {
    f.kind = FailureKind::token_expired;
    f.message = std::string("the ") + who + " connection has expired or was revoked; reconnect the account (" + said + ")";
  } else if (code == 4 || code == 17 || code == 32 || code == 341 || code == 613 || (code >= 80001 && code <= 80014)) {
    f.kind = FailureKind::throttled;
    // The platform's own time (usage headers, Retry-After) when it gives one; a minute otherwise.
    const std::int64_t said_wait =
        std::max<std::int64_t>(rate_advice(Platform::instagram, headers, now).wait_seconds, header_int(headers, "retry-after"));
    f.wait_seconds = said_wait > 0 ? said_wait : kDefaultThrottleWait;
    f.message = std::string(who) + " rate limit reached; waiting before the next page (" + said + ")";
  } else if (code == 368) {
    f.kind = FailureKind::quota_exhausted;
    f.message = std::string(who) + " has temporarily blocked the account's API calls (" + said + ")";
  } else if (code == 1 || code == 2 || transient) {
    f.kind = FailureKind::transient;
    f.message = std::string(who) + " had a temporary problem (" + said + ")";
  } else if (code == 100 && sub == 33) {
    f.kind = FailureKind::not_found;
    f.message = std::string(who) + " has no such post, or the connected account may not read it (" + said + ")";
  } else if (code == 10 || (code >= 200 && code <= 299)) {
    f.kind = FailureKind::forbidden;
    f.message = std::string(who) + " denied a permission the import needs; reconnect and grant it (" + said + ")";
  } else if (code >= 0) {
    f.kind = FailureKind::bad_request;
    f.message = said;
  }
  return f;
}

// Google: {"error":{"code","message","errors":[{"reason","domain"}]}}.
PlatformFailure classify_google(int status, const Json& root) {
  PlatformFailure f = by_status(status, "YouTube");
  const Json* error = root.is_object() && root.contains("error") && root["error"].is_object() ? &root["error"] : nullptr;
  if (!error) return f;
  JsonReader r("YouTube");
  std::string reason;
  if (const Json* errors = r.array(*error, "errors", "error.errors", false, 64); errors && !errors->empty())
    reason = r.string((*errors)[0], "reason", "error.errors[0].reason", false, 128);
  const std::string said = "YouTube said: " + r.string(*error, "message", "error.message", false, 1024);
  if (reason.empty()) return f;
  f.platform_code = reason;
  if (reason == "quotaExceeded" || reason == "dailyLimitExceeded") {
    f.kind = FailureKind::quota_exhausted;
    f.message = "the YouTube API quota for today is used up; the import can resume after midnight Pacific Time (" + said + ")";
  } else if (reason == "rateLimitExceeded" || reason == "userRateLimitExceeded") {
    f.kind = FailureKind::throttled;
    f.wait_seconds = kDefaultThrottleWait;
    f.message = "YouTube asked us to slow down (" + said + ")";
  } else if (reason == "commentsDisabled") {
    f.kind = FailureKind::comments_disabled;
    f.message = "comments are turned off on this video";
  } else if (reason == "videoNotFound" || reason == "commentThreadNotFound" || reason == "channelNotFound") {
    f.kind = FailureKind::not_found;
    f.message = "YouTube has no such video (" + said + ")";
  } else if (reason == "authError" || reason == "unauthorized" || status == 401) {
    f.kind = FailureKind::token_expired;
    f.message = "the YouTube connection has expired; reconnect the account (" + said + ")";
  } else if (reason == "forbidden" || reason == "insufficientPermissions") {
    f.kind = FailureKind::forbidden;
    f.message = "YouTube refused access (" + said + ")";
  } else if (reason == "backendError" || reason == "internalError") {
    f.kind = FailureKind::transient;
    f.message = "YouTube had a temporary problem (" + said + ")";
  } else if (status >= 400 && status < 500 && status != 429) {
    f.kind = FailureKind::bad_request;
    f.message = said;
  }
  return f;
}

// X v2 problems {"title","detail","type"} or v1.1-style {"errors":[{"code":88}]}.
PlatformFailure classify_x(int status, const Json& root, const HeaderMap& headers, UnixSeconds now) {
  PlatformFailure f = by_status(status, "X");
  JsonReader r("X");
  const std::string type = root.is_object() ? r.string(root, "type", "type", false, 256) : "";
  const std::string detail = root.is_object() ? r.string(root, "detail", "detail", false, 1024) : "";
  const auto slash = type.rfind('/');
  const std::string problem = slash == std::string::npos ? type : type.substr(slash + 1);
  if (!problem.empty() && problem != "about:blank") f.platform_code = problem;
  const std::string said = detail.empty() ? "" : " (X said: " + detail + ")";
  if (problem == "usage-capped") {
    f.kind = FailureKind::quota_exhausted;
    f.message = "the X API usage cap of this app is reached" + said;
  } else if (status == 429 || problem == "rate-limit-exceeded") {
    f.kind = FailureKind::throttled;
    f.wait_seconds = rate_advice(Platform::x, headers, now).wait_seconds;
    f.message = "X rate limit reached; waiting for the window to reset" + said;
  } else if (problem == "client-forbidden") {
    f.kind = FailureKind::forbidden;
    f.message = "this X app's access level does not include search" + said;
  } else if (problem == "not-authorized-for-resource") {
    f.kind = FailureKind::forbidden;
    f.message = "X does not let this account read the post" + said;
  } else if (problem == "resource-not-found") {
    f.kind = FailureKind::not_found;
    f.message = "X has no such post" + said;
  } else if (!said.empty()) {
    f.message += said;
  }
  return f;
}

// TikTok v2: {"error":{"code":"access_token_invalid","message","log_id"}}.
PlatformFailure classify_tiktok(int status, const Json& root) {
  PlatformFailure f = by_status(status, "TikTok");
  const Json* error = root.is_object() && root.contains("error") && root["error"].is_object() ? &root["error"] : nullptr;
  if (!error) return f;
  JsonReader r("TikTok");
  const std::string code = r.string(*error, "code", "error.code", false, 64);
  const std::string said = "TikTok said: " + r.string(*error, "message", "error.message", false, 1024);
  if (code.empty() || code == "ok") return f;
  f.platform_code = code;
  if (code == "access_token_invalid" || code == "access_token_expired") {
    f.kind = FailureKind::token_expired;
    f.message = "the TikTok connection has expired; reconnect the account (" + said + ")";
  } else if (code == "rate_limit_exceeded") {
    f.kind = FailureKind::throttled;
    f.wait_seconds = kDefaultThrottleWait;
    f.message = "TikTok rate limit reached (" + said + ")";
  } else if (code == "scope_not_authorized" || code == "scope_permission_missed") {
    f.kind = FailureKind::forbidden;
    f.message = "TikTok did not grant the permission needed (" + said + ")";
  } else if (status < 500) {
    f.kind = FailureKind::bad_request;
    f.message = said;
  }
  return f;
}

// Highest percentage among the integer members of one usage object.
int max_usage(const Json& usage) {
  int best = -1;
  for (const char* k : {"call_count", "total_cputime", "total_time"})
    if (usage.contains(k) && usage[k].is_number_integer()) best = std::max(best, std::clamp(usage[k].get<int>(), 0, 1000));
  return best;
}

}  // namespace

std::string_view failure_kind_name(FailureKind kind) {
  switch (kind) {
    case FailureKind::transient: return "transient";
    case FailureKind::throttled: return "throttled";
    case FailureKind::quota_exhausted: return "quota_exhausted";
    case FailureKind::token_expired: return "token_expired";
    case FailureKind::forbidden: return "forbidden";
    case FailureKind::not_found: return "not_found";
    case FailureKind::comments_disabled: return "comments_disabled";
    case FailureKind::bad_request: return "bad_request";
  }
  return "unknown";
}

PlatformFailure classify_failure(Platform platform, int http_status, std::string_view body, const HeaderMap& headers,
                                 UnixSeconds now) {
  Json root;
  if (body.size() <= 64 * 1024)
    if (auto j = parse_platform_json(body, "error body")) root = std::move(*j);
  PlatformFailure f;
  switch (platform) {
    case Platform::instagram: f = classify_meta(http_status, root, headers, now, "Instagram"); break;
    case Platform::facebook: f = classify_meta(http_status, root, headers, now, "Facebook"); break;
    case Platform::youtube: f = classify_google(http_status, root); break;
    case Platform::x: f = classify_x(http_status, root, headers, now); break;
    case Platform::tiktok: f = classify_tiktok(http_status, root); break;
  }
  // Retry-After (seconds) is honoured for every platform when it says more than the body.
  if (f.kind == FailureKind::throttled || f.kind == FailureKind::transient)
    f.wait_seconds = std::max(f.wait_seconds, header_int(headers, "retry-after"));
  return f;
}

RateAdvice rate_advice(Platform platform, const HeaderMap& headers, UnixSeconds now) {
  RateAdvice a;
  if (platform == Platform::instagram || platform == Platform::facebook) {
    for (const char* name : {"x-app-usage", "x-page-usage"}) {
      const std::string v = header(headers, name);
      if (v.empty()) continue;
      auto j = parse_json(v);
      if (j && j->is_object()) a.usage_percent = std::max(a.usage_percent, max_usage(*j));
    }
    const std::string buc = header(headers, "x-business-use-case-usage");
    if (!buc.empty())
      if (auto j = parse_json(buc); j && j->is_object())
        for (const auto& [id, list] : j->items()) {
          if (!list.is_array()) continue;
          for (const auto& usage : list) {
            if (!usage.is_object()) continue;
            a.usage_percent = std::max(a.usage_percent, max_usage(usage));
            if (usage.contains("estimated_time_to_regain_access") && usage["estimated_time_to_regain_access"].is_number_integer())
              a.wait_seconds = std::max<std::int64_t>(
                  a.wait_seconds, std::clamp<std::int64_t>(usage["estimated_time_to_regain_access"].get<std::int64_t>(), 0, 24 * 60) * 60);
          }
        }
    if (a.wait_seconds > 0) a.reason = "Meta says access returns in " + std::to_string(a.wait_seconds / 60) + " min";
    else if (a.usage_percent >= 100) a.wait_seconds = 300, a.reason = "Meta usage at 100%";
    else if (a.usage_percent >= 90) a.wait_seconds = 10, a.reason = "Meta usage above 90%: pacing";
  } else if (platform == Platform::x) {
    const std::int64_t remaining = header_int(headers, "x-rate-limit-remaining");
    const std::int64_t limit = header_int(headers, "x-rate-limit-limit");
    const std::int64_t reset = header_int(headers, "x-rate-limit-reset");
    if (limit > 0 && remaining >= 0) a.usage_percent = static_cast<int>(100 - std::min<std::int64_t>(remaining * 100 / limit, 100));
    if (remaining == 0 && reset > 0) {
      a.wait_seconds = std::clamp<std::int64_t>(reset - now, 1, 15 * 60 + 60);
      a.reason = "X window exhausted until it resets";
    }
  }
  return a;
}

}  // namespace tirage
