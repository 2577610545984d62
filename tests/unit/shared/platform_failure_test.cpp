// Platform errors and usage headers become one decision (shared/platforms/platform_failure).
#include <gtest/gtest.h>

#include "shared/platforms/platform_failure.hpp"

namespace tirage {
namespace {

constexpr UnixSeconds kNow = 1763654000;

TEST(PlatformFailure, MetaCodes) {
  auto expired = classify_failure(Platform::instagram, 400,
                                  R"({"error":{"message":"Error validating access token: Session has expired","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"x"}})",
                                  {}, kNow);
  EXPECT_EQ(expired.kind, FailureKind::token_expired);
  EXPECT_EQ(expired.platform_code, "190/463");
  auto throttled = classify_failure(
      Platform::instagram, 400, R"({"error":{"message":"too many calls","type":"OAuthException","code":80002}})",
      {{"x-business-use-case-usage",
        R"({"17841400000000001":[{"type":"instagram","call_count":100,"total_cputime":20,"total_time":22,"estimated_time_to_regain_access":7}]})"}},
      kNow);
  EXPECT_EQ(throttled.kind, FailureKind::throttled);
  EXPECT_EQ(throttled.wait_seconds, 7 * 60);  // minutes in the header
  auto user_limit = classify_failure(Platform::facebook, 400, R"({"error":{"message":"(#17) User request limit reached","type":"OAuthException","code":17}})", {}, kNow);
  EXPECT_EQ(user_limit.kind, FailureKind::throttled);
  EXPECT_EQ(user_limit.wait_seconds, 60);  // no time given: a minute
  // Meta's 429 with Retry-After: the platform's own time, not the one-minute default.
  auto app_limit = classify_failure(Platform::facebook, 429, R"({"error":{"message":"(#4) Application request limit reached","type":"OAuthException","code":4}})",
                                    {{"retry-after", "1"}}, kNow);
  EXPECT_EQ(app_limit.kind, FailureKind::throttled);
  EXPECT_EQ(app_limit.wait_seconds, 1);
  EXPECT_EQ(classify_failure(Platform::facebook, 400, R"({"error":{"message":"x","type":"GraphMethodException","code":100,"error_subcode":33}})", {}, kNow).kind,
            FailureKind::not_found);
  EXPECT_EQ(classify_failure(Platform::facebook, 500, R"({"error":{"message":"x","type":"OAuthException","code":2,"is_transient":true}})", {}, kNow).kind,
            FailureKind::transient);
  EXPECT_EQ(classify_failure(Platform::facebook, 403, R"({"error":{"message":"x","type":"OAuthException","code":10}})", {}, kNow).kind,
            FailureKind::forbidden);
}

TEST(PlatformFailure, GoogleReasons) {
  auto quota = classify_failure(Platform::youtube, 403,
                                R"({"error":{"code":403,"message":"quota","errors":[{"message":"q","domain":"youtube.quota","reason":"quotaExceeded"}]}})", {}, kNow);
  EXPECT_EQ(quota.kind, FailureKind::quota_exhausted);
  EXPECT_NE(quota.message.find("Pacific"), std::string::npos);
  EXPECT_EQ(classify_failure(Platform::youtube, 403, R"({"error":{"code":403,"message":"m","errors":[{"reason":"commentsDisabled"}]}})", {}, kNow).kind,
            FailureKind::comments_disabled);
  EXPECT_EQ(classify_failure(Platform::youtube, 404, R"({"error":{"code":404,"message":"m","errors":[{"reason":"videoNotFound"}]}})", {}, kNow).kind,
            FailureKind::not_found);
  EXPECT_EQ(classify_failure(Platform::youtube, 401, R"({"error":{"code":401,"message":"m","errors":[{"reason":"authError"}]}})", {}, kNow).kind,
            FailureKind::token_expired);
  EXPECT_EQ(classify_failure(Platform::youtube, 403, R"({"error":{"code":403,"message":"m","errors":[{"reason":"rateLimitExceeded"}]}})", {}, kNow).kind,
            FailureKind::throttled);
}

TEST(PlatformFailure, XProblemsAndRateHeaders) {
  HeaderMap h = {{"x-rate-limit-limit", "450"}, {"x-rate-limit-remaining", "0"}, {"x-rate-limit-reset", std::to_string(kNow + 42)}};
  auto limited = classify_failure(Platform::x, 429, R"({"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429})", h, kNow);
  EXPECT_EQ(limited.kind, FailureKind::throttled);
  EXPECT_EQ(limited.wait_seconds, 42);
  EXPECT_EQ(classify_failure(Platform::x, 429, R"({"errors":[{"code":88,"message":"Rate limit exceeded"}]})", {}, kNow).kind, FailureKind::throttled);
  EXPECT_EQ(classify_failure(Platform::x, 429, R"({"title":"Usage cap","type":"https://api.x.com/2/problems/usage-capped"})", {}, kNow).kind,
            FailureKind::quota_exhausted);
  EXPECT_EQ(classify_failure(Platform::x, 403, R"({"title":"Forbidden","type":"https://api.x.com/2/problems/client-forbidden"})", {}, kNow).kind,
            FailureKind::forbidden);
  EXPECT_EQ(classify_failure(Platform::x, 401, R"({"title":"Unauthorized","type":"about:blank","status":401})", {}, kNow).kind,
            FailureKind::token_expired);
  auto advice = rate_advice(Platform::x, h, kNow);
  EXPECT_EQ(advice.usage_percent, 100);
  EXPECT_EQ(advice.wait_seconds, 42);
}

TEST(PlatformFailure, TikTokAndBareStatuses) {
  EXPECT_EQ(classify_failure(Platform::tiktok, 401, R"({"data":{},"error":{"code":"access_token_invalid","message":"m","log_id":"l"}})", {}, kNow).kind,
            FailureKind::token_expired);
  EXPECT_EQ(classify_failure(Platform::tiktok, 429, R"({"data":{},"error":{"code":"rate_limit_exceeded","message":"m","log_id":"l"}})", {}, kNow).kind,
            FailureKind::throttled);
  auto bare = classify_failure(Platform::instagram, 429, "not json", {{"retry-after", "5"}}, kNow);
  EXPECT_EQ(bare.kind, FailureKind::throttled);
  EXPECT_EQ(bare.wait_seconds, 5);  // no error body: Retry-After is all there is
  EXPECT_EQ(classify_failure(Platform::youtube, 503, "<html>", {{"retry-after", "9"}}, kNow).wait_seconds, 9);
  EXPECT_EQ(classify_failure(Platform::youtube, 502, "", {}, kNow).kind, FailureKind::transient);
}

TEST(RateAdvice, MetaUsageHeaders) {
  EXPECT_EQ(rate_advice(Platform::facebook, {{"x-app-usage", R"({"call_count":28,"total_cputime":12,"total_time":15})"}}, kNow).wait_seconds, 0);
  auto hot = rate_advice(Platform::facebook, {{"x-app-usage", R"({"call_count":93,"total_cputime":12,"total_time":15})"}}, kNow);
  EXPECT_EQ(hot.usage_percent, 93);
  EXPECT_GT(hot.wait_seconds, 0);
  EXPECT_EQ(rate_advice(Platform::instagram, {{"x-app-usage", "{not json"}}, kNow).usage_percent, -1);
  EXPECT_EQ(rate_advice(Platform::youtube, {}, kNow).wait_seconds, 0);
}

}  // namespace
}  // namespace tirage
