// The giveaway filters, one rule at a time, the order of reasons, the rules'
// JSON, and the entries handed to the draw.
#include "shared/filters/filters.hpp"

#include <gtest/gtest.h>

#include "shared/core/time.hpp"
#include "shared/filters/draw_entries.hpp"
#include "shared/filters/rules_json.hpp"
#include "shared/filters/text_scan.hpp"

namespace tirage {
namespace {

constexpr std::int64_t kNow = 1798131600;  // 2026-12-24T17:00:00Z

Comment comment(std::string handle, std::string text, std::optional<std::int64_t> time = std::nullopt) {
  Comment c;
  c.handle = std::move(handle);
  c.text = std::move(text);
  c.time = time;
  return c;
}

std::vector<FilterReason> reasons_of(const std::vector<Comment>& cs, const FilterRules& rules) {
  return apply_filters(cs, rules, kNow).reasons;
}

TEST(TextScan, HashtagsAndMentionsAreUnicodeAware) {
  std::vector<std::string_view> found;
  find_hashtags("Bravo #Noël! #fête_2026 C#sharp ##double #", found);
  EXPECT_EQ(found, (std::vector<std::string_view>{"Noël", "fête_2026", "double"}));
  find_mentions("merci @Zoé.B. et @max_1, pas mail@example.com ni @ seul; @日本", found);
  EXPECT_EQ(found, (std::vector<std::string_view>{"Zoé.B", "max_1", "日本"}));
  std::string folded;
  fold_case_into("NOËL Straße", folded);
  EXPECT_EQ(folded, "noël strasse");
  EXPECT_EQ(account_key("  @@Zoé "), "zoé");
  EXPECT_EQ(count_code_points("Zoé 👋"), 5u);
}

TEST(Filters, NoRulesKeepsOnePerPerson) {
  std::vector<Comment> cs = {comment("@Zoe", "a"), comment("zoe", "b"), comment("@max", "c"), comment("@", "d")};
  auto r = apply_filters(cs, {}, kNow);
  EXPECT_EQ(r.reasons, (std::vector<FilterReason>{FilterReason::kept, FilterReason::duplicate, FilterReason::kept,
                                                  FilterReason::no_name}));
  EXPECT_EQ(r.kept, 2u);
  EXPECT_EQ(r.count(FilterReason::duplicate), 1u);
  EXPECT_EQ(r.count(FilterReason::no_name), 1u);
}

TEST(Filters, PlatformIdsAreCaseSensitiveAndPreferredOverHandles) {
  Comment a = comment("@zoe", "x"), b = comment("@zoe_renamed", "y"), c = comment("@other", "z");
  a.platform = b.platform = c.platform = "instagram";
  a.user_id = b.user_id = "178";
  c.user_id = "ABC";
  Comment d = c;
  d.user_id = "abc";
  EXPECT_EQ(reasons_of({a, b, c, d}, {}), (std::vector<FilterReason>{FilterReason::kept, FilterReason::duplicate,
                                                                     FilterReason::kept, FilterReason::kept}));
}

TEST(Filters, RequiredHashtagsAllOfThemAnyCase) {
  FilterRules rules;
  rules.required_hashtags = {"#Noël", "concours"};
  std::vector<Comment> cs = {comment("a", "#noël #CONCOURS"), comment("b", "#NOËL only"),
                             comment("c", "noël concours without tags"), comment("d", "#concours#noël"),
                             comment("e", "#noëlconcours")};
  EXPECT_EQ(reasons_of(cs, rules),
            (std::vector<FilterReason>{FilterReason::kept, FilterReason::missing_hashtag, FilterReason::missing_hashtag,
                                       FilterReason::missing_hashtag, FilterReason::missing_hashtag}));
}

TEST(Filters, MinMentionsCountsDistinctOthers) {
  FilterRules rules;
  rules.min_mentions = 2;
  rules.organizer_account = "@Brand";
  std::vector<Comment> cs = {comment("@zoe", "@max @lea"),         comment("@zoe2", "@max @MAX @max."),
                             comment("@zoe3", "@zoe3 @max"),       comment("@zoe4", "@brand @max"),
                             comment("@zoe5", "@max @lea @brand"), comment("@zoe6", "mail@max.com @lea")};
  EXPECT_EQ(reasons_of(cs, rules),
            (std::vector<FilterReason>{FilterReason::kept, FilterReason::too_few_mentions,
                                       FilterReason::too_few_mentions, FilterReason::too_few_mentions,
                                       FilterReason::kept, FilterReason::too_few_mentions}));
}

TEST(Filters, ExcludedAccountsAndTheOrganizer) {
  FilterRules rules;
  rules.excluded_accounts = {"@Bot", "12345"};
  rules.organizer_account = "brand";
  Comment by_id = comment("@someone", "hi");
  by_id.user_id = "12345";
  std::vector<Comment> cs = {comment("bot", "x"), comment("@BRAND", "x"), by_id, comment("@bottle", "x")};
  EXPECT_EQ(reasons_of(cs, rules),
            (std::vector<FilterReason>{FilterReason::excluded_account, FilterReason::excluded_account,
                                       FilterReason::excluded_account, FilterReason::kept}));
}

TEST(Filters, KeywordsAnyOrAll) {
  FilterRules rules;
  rules.required_keywords = {"GAGNER", "merci"};
  std::vector<Comment> cs = {comment("a", "Je veux gagner"), comment("b", "Merci et gagner"), comment("c", "rien")};
  EXPECT_EQ(reasons_of(cs, rules), (std::vector<FilterReason>{FilterReason::kept, FilterReason::kept,
                                                              FilterReason::missing_keyword}));
  rules.keyword_mode = KeywordMode::all;
  EXPECT_EQ(reasons_of(cs, rules), (std::vector<FilterReason>{FilterReason::missing_keyword, FilterReason::kept,
                                                              FilterReason::missing_keyword}));
}

TEST(Filters, MinTextLengthInCodePoints) {
  FilterRules rules;
  rules.min_text_length = 4;
  std::vector<Comment> cs = {comment("a", "éééé"), comment("b", "ééé"), comment("c", "👋👋👋👋")};
  EXPECT_EQ(reasons_of(cs, rules),
            (std::vector<FilterReason>{FilterReason::kept, FilterReason::too_short, FilterReason::kept}));
}

TEST(Filters, DateWindowInclusive) {
  FilterRules rules;
  rules.window_from = 1000;
  rules.window_until = 2000;
  std::vector<Comment> cs = {comment("a", "", 1000), comment("b", "", 2000), comment("c", "", 999),
                             comment("d", "", 2001), comment("e", "")};
  EXPECT_EQ(reasons_of(cs, rules),
            (std::vector<FilterReason>{FilterReason::kept, FilterReason::kept, FilterReason::before_window,
                                       FilterReason::after_window, FilterReason::no_date}));
}

TEST(Filters, MinAccountAgeUsesTheGivenNow) {
  FilterRules rules;
  rules.min_account_age_days = 30;
  Comment old = comment("a", ""), fresh = comment("b", ""), unknown = comment("c", "");
  old.account_created = kNow - 30 * 86400;
  fresh.account_created = kNow - 30 * 86400 + 1;
  EXPECT_EQ(reasons_of({old, fresh, unknown}, rules),
            (std::vector<FilterReason>{FilterReason::kept, FilterReason::account_too_new,
                                       FilterReason::account_age_unknown}));
}

TEST(Filters, EngagementMatchesUserIdsOrHandlesAndComesBeforeDuplicates) {
  FilterRules rules;
  rules.required_engagement = "x_repost";
  rules.engaged_accounts = {"2244990003", "@Fan_9"};
  Comment by_id = comment("fan_3", ""), by_handle = comment("FAN_9", ""), other = comment("fan_4", "");
  by_id.user_id = "2244990003";
  other.user_id = "2244990004";
  Comment again = by_id;
  EXPECT_EQ(reasons_of({by_id, by_handle, other, again}, rules),
            (std::vector<FilterReason>{FilterReason::kept, FilterReason::kept, FilterReason::not_engaged,
                                       FilterReason::duplicate}));
  // The accounts count only when a rule asks for them.
  rules.required_engagement.clear();
  EXPECT_EQ(reasons_of({other}, rules), (std::vector<FilterReason>{FilterReason::kept}));
  // An engagement rule with nobody who engaged removes everyone, and says why.
  rules.required_engagement = "facebook_reaction";
  rules.engaged_accounts.clear();
  auto result = apply_filters({by_id, other}, rules, kNow);
  EXPECT_EQ(result.kept, 0u);
  EXPECT_EQ(result.count(FilterReason::not_engaged), 2u);
  EXPECT_STREQ(filter_reason_name(FilterReason::not_engaged), "not_engaged");
}

TEST(Filters, FirstReasonWinsAndDuplicatesAreDecidedLast) {
  FilterRules rules;
  rules.required_hashtags = {"go"};
  rules.excluded_accounts = {"bad"};
  rules.min_text_length = 3;
  // zoe's first comment fails the hashtag rule, so her second one is kept, not called a duplicate.
  std::vector<Comment> cs = {comment("bad", "x"), comment("zoe", "no tag here"), comment("zoe", "yes #go"),
                             comment("zoe", "again #go"), comment("max", "#g")};
  auto r = apply_filters(cs, rules, kNow);
  EXPECT_EQ(r.reasons, (std::vector<FilterReason>{FilterReason::excluded_account, FilterReason::missing_hashtag,
                                                  FilterReason::kept, FilterReason::duplicate,
                                                  FilterReason::too_short}));
  std::size_t total = 0;
  for (auto n : r.counts) total += n;
  EXPECT_EQ(total, cs.size());
  EXPECT_STREQ(filter_reason_name(FilterReason::missing_hashtag), "missing_hashtag");
}

TEST(Filters, OnePerCommentKeepsEveryCommentButTheSameOneTwice) {
  FilterRules rules;
  rules.one_per_person = false;
  Comment a = comment("@zoe", "1"), b = comment("@zoe", "2"), c = comment("@Zoe", "3"), d = comment("@zoe", "4");
  a.comment_id = "c1";
  b.comment_id = "c2";
  c.comment_id = "c1";  // the same comment imported twice
  auto r = apply_filters({a, b, c, d}, rules, kNow);
  EXPECT_EQ(r.reasons, (std::vector<FilterReason>{FilterReason::kept, FilterReason::kept, FilterReason::duplicate,
                                                  FilterReason::kept}));
  auto entries = entries_for_draw({a, b, c, d}, r, rules);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].id, "zoe#c1");
  EXPECT_EQ(entries[1].id, "zoe#c2");
  EXPECT_EQ(entries[2].id, "zoe#3");  // no comment id: the person's 3rd kept comment
  EXPECT_EQ(entries[2].name, "@zoe");
  auto list = build_participant_list(entries);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->entries.size(), 3u);
  EXPECT_EQ(list->duplicates_dropped, 0u);
}

TEST(Filters, EntriesPerPersonMatchTheProtocolNormalization) {
  Comment a = comment("@Zoé", "x"), b = comment(" @ZOE ", "y"), c = comment("Max", "z");
  c.platform = "instagram";
  c.user_id = "1784";
  auto r = apply_filters({a, b, c}, {}, kNow);
  auto entries = entries_for_draw({a, b, c}, r, {});
  ASSERT_EQ(entries.size(), 3u);  // "zoé" and "zoe" differ: only ASCII letters are lowered
  EXPECT_EQ(entries[2], (Entry{"instagram", "1784", "Max"}));
  auto list = build_participant_list(entries);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->duplicates_dropped, 0u);  // the filter's duplicates are the protocol's
  for (const auto& e : entries) {
    auto n = normalize_entry(e);
    ASSERT_TRUE(n.ok());
    EXPECT_EQ(n->id, person_id(Comment{e.platform, e.platform == "list" ? "" : e.id, e.name, "", {}, "", {}, {}}));
  }
}

TEST(RulesJson, RoundTripAndJcsReady) {
  FilterRules r;
  r.one_per_person = false;
  r.required_hashtags = {"noel"};
  r.min_mentions = 2;
  r.excluded_accounts = {"@bot"};
  r.organizer_account = "@brand";
  r.required_keywords = {"merci"};
  r.keyword_mode = KeywordMode::all;
  r.min_text_length = 5;
  r.window_from = *parse_rfc3339("2026-12-01T00:00:00Z");
  r.window_until = *parse_rfc3339("2026-12-24T18:00:00Z");
  r.min_account_age_days = 30;
  r.required_engagement = "x_like";
  r.engaged_accounts = {"2244990003"};
  const Json j = rules_to_json(r);
  EXPECT_EQ(j["required_engagement"], "x_like");
  EXPECT_FALSE(j.contains("engaged_accounts"));  // data, not a rule
  EXPECT_EQ(j["window_until"], "2026-12-24T18:00:00Z");
  ASSERT_TRUE(jcs(j).ok());  // fit for the commitment's "rules"
  auto back = rules_from_json(j);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(rules_to_json(*back), j);
  EXPECT_FALSE(rules_to_json(FilterRules{}).contains("window_from"));
  ASSERT_TRUE(jcs(rules_to_json(FilterRules{})).ok());
  auto defaults = rules_from_json(Json::object());
  ASSERT_TRUE(defaults.ok());
  EXPECT_TRUE(defaults->one_per_person);
}

TEST(RulesJson, StrictErrorsNameTheField) {
  struct Bad {
    Json j;
    const char* field;
  };
  for (const Bad& b : {Bad{Json{{"one_per_person", "yes"}}, "one_per_person"},
                       Bad{Json{{"required_hashtags", "noel"}}, "required_hashtags"},
                       Bad{Json{{"required_hashtags", {"a", 1}}}, "required_hashtags"},
                       Bad{Json{{"min_mentions", -1}}, "min_mentions"},
                       Bad{Json{{"min_mentions", 2.5}}, "min_mentions"},
                       Bad{Json{{"min_mentions", 5000}}, "min_mentions"},
                       Bad{Json{{"keyword_mode", "some"}}, "keyword_mode"},
                       Bad{Json{{"window_from", "2026-12-01"}}, "window_from"},
                       Bad{Json{{"window_from", "2026-12-02T00:00:00Z"}, {"window_until", "2026-12-01T00:00:00Z"}},
                           "window_until"},
                       Bad{Json{{"min_account_age_days", true}}, "min_account_age_days"},
                       Bad{Json{{"organizer_account", 3}}, "organizer_account"},
                       Bad{Json{{"required_engagement", "instagram_like"}}, "required_engagement"},
                       Bad{Json{{"required_engagement", true}}, "required_engagement"},
                       Bad{Json{{"surprise", 1}}, "surprise"}}) {
    auto r = rules_from_json(b.j);
    ASSERT_FALSE(r.ok()) << b.j.dump();
    EXPECT_NE(r.error().message.find(b.field), std::string::npos) << r.error().message;
  }
  EXPECT_FALSE(rules_from_json(Json::array()).ok());
}

}  // namespace
}  // namespace tirage
