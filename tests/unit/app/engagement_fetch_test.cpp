// The "who engaged" list fetched from a scripted server: the request, the
// list read and checked, the server's refusal kept with its code and
// Retry-After, and an answer to a fetch started over ignored.
#include <gtest/gtest.h>

#include "tests/unit/app/fake_transport.hpp"
#include "wasm/app/model/engagement_fetch.hpp"
#include "wasm/app/ui/i18n.hpp"

namespace tirage::app {
namespace {

using testing::FakeTransport;
using testing::line;
using Phase = EngagementFetch::Phase;

constexpr std::int64_t kNow = 1'790'000'000;

std::string answer(const std::string& kind, const std::string& post, std::size_t n) {
  Json accounts = Json::array();
  for (std::size_t i = 0; i < n; ++i) accounts.push_back({{"user_id", std::to_string(100 + i)}, {"handle", "fan_" + std::to_string(i)}});
  return Json{{"kind", kind}, {"platform", "x"}, {"post_id", post}, {"accounts", accounts}, {"count", n},
              {"complete", true}, {"notes", Json::array()}}
      .dump();
}

struct EngagementFetchTest : ::testing::Test {
  void SetUp() override {
    set_language("en");
    api.set_transport(net);
  }
  FakeTransport net;
  ApiClient api;
  EngagementFetch fetch;
};

TEST_F(EngagementFetchTest, FetchesOnceAndHandsTheListOverOnce) {
  fetch.start(api, "x_repost", "1858", kNow);
  EXPECT_EQ(fetch.phase(), Phase::fetching);
  ASSERT_EQ(net.waiting().size(), 1u);
  EXPECT_EQ(line(net.waiting()[0]), "GET /api/v1/engagement?kind=x_repost&post_id=1858");
  EXPECT_FALSE(fetch.take());
  net.reply(200, answer("x_repost", "1858", 3));
  EXPECT_EQ(fetch.phase(), Phase::idle) << fetch.error();
  auto rule = fetch.take();
  ASSERT_TRUE(rule);
  EXPECT_EQ(rule->accounts.size(), 3u);
  EXPECT_EQ(rule->fetched_at, kNow);
  EXPECT_FALSE(fetch.take()) << "handed over once";
}

TEST_F(EngagementFetchTest, ARefusalKeepsTheCodeAndRetryAfter) {
  fetch.start(api, "x_like", "1858", kNow);
  net.reply(429, R"({"error":{"code":"rate_limited","message":"X asks us to wait."}})", "900");
  EXPECT_EQ(fetch.phase(), Phase::failed);
  EXPECT_EQ(fetch.error(), "X asks us to wait.");
  EXPECT_EQ(fetch.error_code(), "rate_limited");
  EXPECT_EQ(fetch.retry_after(), "900");
  EXPECT_EQ(fetch.kind(), "x_like");
  EXPECT_FALSE(fetch.take());
}

TEST_F(EngagementFetchTest, AnAnswerAboutAnotherPostIsAnError) {
  fetch.start(api, "x_repost", "1858", kNow);
  net.reply(200, answer("x_repost", "9999", 2));
  EXPECT_EQ(fetch.phase(), Phase::failed);
  EXPECT_NE(fetch.error().find("as asked"), std::string::npos) << fetch.error();
  EXPECT_FALSE(fetch.take());
}

TEST_F(EngagementFetchTest, ARetryWithItsOwnKindWorksAndTheEarlierAnswerIsIgnored) {
  fetch.start(api, "x_repost", "1858", kNow);
  fetch.start(api, fetch.kind(), "1858", kNow + 1);
  ASSERT_EQ(net.waiting().size(), 2u);
  EXPECT_EQ(line(net.waiting()[1]), "GET /api/v1/engagement?kind=x_repost&post_id=1858");
  net.reply(200, answer("x_repost", "1858", 1));  // the first fetch's answer
  EXPECT_EQ(fetch.phase(), Phase::fetching);
  EXPECT_FALSE(fetch.take());
  net.reply(200, answer("x_repost", "1858", 2));
  auto rule = fetch.take();
  ASSERT_TRUE(rule);
  EXPECT_EQ(rule->accounts.size(), 2u);
  EXPECT_EQ(rule->fetched_at, kNow + 1);

  fetch.start(api, "x_repost", "1858", kNow);
  fetch.reset();
  net.reply(200, answer("x_repost", "1858", 1));
  EXPECT_EQ(fetch.phase(), Phase::idle);
  EXPECT_FALSE(fetch.take());
}

}  // namespace
}  // namespace tirage::app
