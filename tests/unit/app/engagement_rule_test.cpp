// The organizer app's "must also have engaged" rule: which sources offer it,
// what a partial list needs before it applies, and that a giveaway saved
// with its list filters exactly the same after a reload.
#include <gtest/gtest.h>

#include "wasm/app/model/engagement_rule.hpp"
#include "wasm/app/model/giveaway.hpp"

namespace tirage::app {
namespace {

constexpr const char* kPost = "1858000000000000000";
constexpr std::int64_t kNow = 1'790'000'000;

// GET /api/v1/engagement's answer (server/imports/engagement.cpp) with fans 0, 3, 6... up to n accounts.
Json reply(const std::string& kind, std::size_t n, bool complete = true, std::vector<std::string> notes = {}) {
  Json accounts = Json::array();
  for (std::size_t i = 0; i < n; ++i)
    accounts.push_back({{"user_id", std::to_string(2244990000 + 3 * i)}, {"handle", "fan_" + std::to_string(3 * i)}});
  Json ns = Json::array();
  for (const auto& c : notes) ns.push_back({{"code", c}, {"message", "why " + c}});
  return {{"kind", kind}, {"platform", kind == "facebook_reaction" ? "facebook" : "x"}, {"post_id", kPost},
          {"accounts", accounts}, {"count", n}, {"complete", complete}, {"notes", ns}};
}

EngagementRule rule_from(const Json& body, const std::string& kind = "x_repost") {
  auto r = engagement_from_reply(body, kind, kPost, kNow);
  EXPECT_TRUE(r.ok()) << (r ? "" : r.error().message);
  return r ? *r : EngagementRule();
}

// Fans 0..29 replied; those whose number is a multiple of 3 reposted. Fan 7 has no user id in the list.
std::vector<Comment> replies() {
  std::vector<Comment> out;
  for (int i = 0; i < 30; ++i) {
    Comment c;
    c.platform = "x";
    c.user_id = i == 7 ? "" : std::to_string(2244990000 + i);
    c.handle = "fan_" + std::to_string(i);
    c.text = "me please";
    c.comment_id = std::to_string(1858000000000000001 + i);
    out.push_back(c);
  }
  return out;
}

Giveaway x_giveaway() {
  Giveaway g;
  g.giveaway_id = "g_test";
  g.source = SourceKind::post;
  g.platform = "x";
  g.imported_post = kPost;
  return g;
}

TEST(EngagementRule, OfferedOnlyForXAndFacebookPostImports) {
  EXPECT_EQ(engagement_kinds(true, "x"), (std::vector<std::string>{"x_repost", "x_like"}));
  EXPECT_EQ(engagement_kinds(true, "facebook"), (std::vector<std::string>{"facebook_reaction"}));
  for (const char* p : {"instagram", "youtube", "tiktok", "list"}) EXPECT_TRUE(engagement_kinds(true, p).empty()) << p;
  EXPECT_TRUE(engagement_kinds(false, "x").empty());  // a CSV of X replies: no post to ask about
}

TEST(EngagementRule, CompleteListAppliesAndRemovesWhoDidNotEngage) {
  const EngagementRule r = rule_from(reply("x_repost", 10));
  EXPECT_EQ(r.fetched_at, kNow);
  ASSERT_EQ(engagement_status(r, kPost), EngagementStatus::applied);
  FilterRules rules;
  apply_engagement(r, kPost, rules);
  EXPECT_EQ(rules.required_engagement, "x_repost");
  EXPECT_EQ(rules.engaged_accounts.size(), 20u);  // ids and handles
  const FilterResult res = apply_filters(replies(), rules, kNow);
  EXPECT_EQ(res.kept, 10u);  // 0, 3, ..., 27 (fan 7 did not repost: no id, handle unknown)
  EXPECT_EQ(res.count(FilterReason::not_engaged), 20u);
  EXPECT_EQ(res.reasons[3], FilterReason::kept);
  EXPECT_EQ(res.reasons[4], FilterReason::not_engaged);
}

TEST(EngagementRule, XCapNeedsTheOrganizersConfirmationBeforeItApplies) {
  EngagementRule r = rule_from(reply("x_repost", 100, false, {"x_cap"}));
  EXPECT_EQ(engagement_status(r, kPost), EngagementStatus::needs_confirmation);
  FilterRules rules;
  rules.required_engagement = "x_repost";  // left from before: must go
  rules.engaged_accounts = {"someone"};
  apply_engagement(r, kPost, rules);
  EXPECT_TRUE(rules.required_engagement.empty());
  EXPECT_TRUE(rules.engaged_accounts.empty());
  EXPECT_EQ(apply_filters(replies(), rules, kNow).kept, 30u);

  r.confirmed = true;
  EXPECT_EQ(engagement_status(r, kPost), EngagementStatus::applied);
  apply_engagement(r, kPost, rules);
  EXPECT_EQ(rules.required_engagement, "x_repost");
  EXPECT_EQ(apply_filters(replies(), rules, kNow).kept, 10u);
}

TEST(EngagementRule, UnnamedReactionsBlockTheRuleEvenIfConfirmed) {
  EngagementRule r = rule_from(reply("facebook_reaction", 5, false, {"unnamed"}), "facebook_reaction");
  r.confirmed = true;
  EXPECT_EQ(engagement_status(r, kPost), EngagementStatus::blocked);
  FilterRules rules;
  apply_engagement(r, kPost, rules);
  EXPECT_TRUE(rules.required_engagement.empty());
}

TEST(EngagementRule, ListOfAnotherPostIsStale) {
  const EngagementRule r = rule_from(reply("x_like", 3), "x_like");
  EXPECT_EQ(engagement_status(r, "1858000000000000999"), EngagementStatus::stale);
  EXPECT_EQ(engagement_status(r, ""), EngagementStatus::stale);
  EXPECT_EQ(engagement_status(EngagementRule(), kPost), EngagementStatus::none);
}

TEST(EngagementRule, RefreshKeepsConfirmationOnlyForTheSameLimits) {
  EngagementRule old = rule_from(reply("x_repost", 100, false, {"x_cap"}));
  old.confirmed = true;
  EXPECT_TRUE(refreshed_engagement(old, rule_from(reply("x_repost", 100, false, {"x_cap"}))).confirmed);
  EXPECT_FALSE(refreshed_engagement(old, rule_from(reply("x_repost", 100, false, {"x_cap", "too_many"}))).confirmed);
  const EngagementRule whole = refreshed_engagement(old, rule_from(reply("x_repost", 40)));
  EXPECT_FALSE(whole.confirmed);
  EXPECT_EQ(engagement_status(whole, kPost), EngagementStatus::applied);
  // A partial list after a complete one must be confirmed anew.
  EXPECT_EQ(engagement_status(refreshed_engagement(whole, rule_from(reply("x_repost", 100, false, {"x_cap"}))), kPost),
            EngagementStatus::needs_confirmation);
}

TEST(EngagementRule, ServerAnswersAreCheckedNotTrusted) {
  auto bad = [](const Json& body, const std::string& kind = "x_repost") {
    auto r = engagement_from_reply(body, kind, kPost, kNow);
    return r ? std::string("accepted") : r.error().message;
  };
  EXPECT_NE(bad(reply("x_like", 3)).find("not of x_repost on 1858000000000000000 as asked"), std::string::npos);
  Json j = reply("x_repost", 3);
  j["accounts"][1] = {{"user_id", ""}, {"handle", ""}};
  EXPECT_NE(bad(j).find("accounts[1]: neither a user id nor a handle"), std::string::npos) << bad(j);
  j = reply("x_repost", 3);
  j["accounts"][2]["handle"] = std::string(600, 'a');
  EXPECT_NE(bad(j).find("accounts[2].handle"), std::string::npos) << bad(j);
  j = reply("x_repost", 3);
  j["accounts"][0]["user_id"] = 42;
  EXPECT_NE(bad(j).find("accounts[0].user_id: expected a string"), std::string::npos) << bad(j);
  EXPECT_NE(bad(reply("x_repost", kMaxEngagedAccounts + 1)).find("accounts"), std::string::npos);
  EXPECT_EQ(bad(reply("x_repost", kMaxEngagedAccounts)), "accepted");
  j = reply("x_repost", 3);
  j.erase("complete");
  EXPECT_NE(bad(j).find("complete"), std::string::npos);
  EXPECT_NE(bad(Json::array()).find("not a JSON object"), std::string::npos);
}

TEST(EngagementRule, ReloadKeepsTheRuleItsListAndTheSameFilterResult) {
  Giveaway g = x_giveaway();
  g.filters.required_hashtags = {};
  g.engagement = rule_from(reply("x_repost", 100, false, {"x_cap"}));
  g.engagement.confirmed = true;
  sync_engagement(g);
  const FilterResult before = apply_filters(replies(), g.filters, kNow);
  ASSERT_EQ(before.kept, 10u);

  // Through the browser store as text, as the app saves it.
  auto text = giveaway_to_json(g).dump();
  auto parsed = parse_json(text);
  ASSERT_TRUE(parsed.ok());
  EXPECT_FALSE((*parsed)["filters"].contains("engaged_accounts"));  // the committed rules stay small
  auto back = giveaway_from_json(*parsed);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->engagement.accounts.size(), 100u);
  EXPECT_EQ(back->engagement.fetched_at, kNow);
  EXPECT_TRUE(back->engagement.confirmed);
  EXPECT_EQ(back->engagement.notes, std::vector<std::string>{"x_cap"});
  EXPECT_EQ(back->filters.required_engagement, "x_repost");
  EXPECT_EQ(back->filters.engaged_accounts, g.filters.engaged_accounts);
  const FilterResult after = apply_filters(replies(), back->filters, kNow);
  EXPECT_EQ(after.reasons, before.reasons);
  EXPECT_EQ(after.kept, before.kept);
}

TEST(EngagementRule, ReloadOfAnUnconfirmedPartialListDoesNotApplyIt) {
  Giveaway g = x_giveaway();
  g.engagement = rule_from(reply("x_repost", 100, false, {"x_cap"}));
  sync_engagement(g);
  auto back = giveaway_from_json(*parse_json(giveaway_to_json(g).dump()));
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(back->filters.required_engagement.empty());
  EXPECT_EQ(engagement_status(back->engagement, engagement_post(*back)), EngagementStatus::needs_confirmation);
}

TEST(EngagementRule, SavedRulesThatClaimTheRuleWithoutItsListDoNotFilterEveryoneOut) {
  // Rules saved by hand (or by an older app) with required_engagement but no list: the rule is dropped, not applied empty.
  Giveaway g = x_giveaway();
  Json j = giveaway_to_json(g);
  j["filters"]["required_engagement"] = "x_repost";
  auto back = giveaway_from_json(j);
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(back->filters.required_engagement.empty());
  EXPECT_EQ(apply_filters(replies(), back->filters, kNow).kept, 30u);
}

TEST(EngagementRule, ANewSourceDropsTheListOfTheOldPost) {
  Giveaway g = x_giveaway();
  g.engagement = rule_from(reply("x_repost", 10));
  sync_engagement(g);
  ASSERT_EQ(g.filters.required_engagement, "x_repost");
  g.source = SourceKind::csv;  // the organizer switched to a file
  sync_engagement(g);
  EXPECT_TRUE(g.filters.required_engagement.empty());
  g.source = SourceKind::post;
  g.platform = "instagram";  // or to an Instagram post with the same id
  sync_engagement(g);
  EXPECT_TRUE(g.filters.required_engagement.empty());
}

TEST(EngagementRule, TamperedSavedListIsRefusedWithWhere) {
  Giveaway g = x_giveaway();
  g.engagement = rule_from(reply("x_repost", 3));
  Json j = giveaway_to_json(g);
  j["engagement"]["notes"] = Json::array({7});
  auto r = giveaway_from_json(j);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("notes[0]"), std::string::npos) << r.error().message;
  j = giveaway_to_json(g);
  j["engagement"]["accounts"] = Json::array({"fan_0"});
  r = giveaway_from_json(j);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("accounts[0]: expected an object"), std::string::npos) << r.error().message;
  j = giveaway_to_json(g);
  j["engagement"]["fetched_at"] = 0;
  EXPECT_FALSE(giveaway_from_json(j).ok());
}

}  // namespace
}  // namespace tirage::app
