// The commitment's fields added for issue 13 (publish_by, sources,
// giveaway_url): read when present, optional for commitments made before them,
// checked with errors that say what and where; and the verifier's deadline check.
#include <gtest/gtest.h>

#include "shared/protocol/bundle.hpp"
#include "shared/protocol/statements.hpp"
#include "tests/support/example_bundle.hpp"

namespace tirage {
namespace {

Json statement() {
  return Json{{"type", kCommitmentType},
              {"draw_id", "d_1"},
              {"giveaway_id", "g_1"},
              {"title", "t"},
              {"organizer", "o_1"},
              {"participants_root", std::string(64, 'a')},
              {"participants_count", 10},
              {"winners", 1},
              {"alternates", 0},
              {"rules", Json::object()},
              {"beacon", Json{{"source", "local"}, {"commit", std::string(64, 'b')}, {"reveal_at", "2026-12-24T18:00:10Z"}}},
              {"committed_at", "2026-12-24T18:00:00Z"}};
}

TEST(CommitmentFields, AbsentInOldCommitments) {
  auto c = parse_commitment(statement());
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_FALSE(c->publish_by.has_value());
  EXPECT_TRUE(c->sources.empty());
  EXPECT_TRUE(c->giveaway_url.empty());
}

TEST(CommitmentFields, ReadWhenPresent) {
  Json s = statement();
  s["publish_by"] = "2026-12-25T18:00:10Z";
  s["sources"] = Json::array({Json{{"platform", "instagram"}, {"post_id", "17900"}}, Json{{"platform", "x"}, {"post_id", "1858"}}});
  s["giveaway_url"] = "https://www.instagram.com/p/C0abc/";
  auto c = parse_commitment(s);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(*c->publish_by, *parse_rfc3339("2026-12-25T18:00:10Z"));
  EXPECT_EQ(c->sources, (std::vector<PostRef>{{"instagram", "17900"}, {"x", "1858"}}));
  EXPECT_EQ(c->giveaway_url, "https://www.instagram.com/p/C0abc/");
  EXPECT_EQ(post_refs_to_json(c->sources), s["sources"]);
}

TEST(CommitmentFields, BadValuesAreNamed) {
  const std::pair<Json, std::string> cases[] = {
      {Json{{"publish_by", "tomorrow"}}, "commitment.publish_by: "},
      {Json{{"publish_by", 5}}, "commitment.publish_by: got integer 5, wanted string"},
      {Json{{"sources", "instagram"}}, "\"sources\" must be an array"},
      {Json{{"sources", Json::array()}}, "at least one post"},
      {Json{{"sources", Json::array({Json{{"platform", "myspace"}, {"post_id", "1"}}})}}, "sources[0]: \"platform\" must be one of"},
      {Json{{"sources", Json::array({Json{{"platform", "x"}, {"post_id", "1"}}, Json{{"platform", "x"}, {"post_id", "\x01"}}})}},
       "sources[1]: \"post_id\" must be printable ASCII"},
      {Json{{"sources", Json::array({Json{{"platform", "x"}, {"post_id", "1"}}, Json{{"platform", "x"}, {"post_id", "1"}}})}},
       "sources[1]: repeats sources[0]"},
      {Json{{"sources", Json::array({Json{{"platform", "x"}}})}}, "sources[0]: \"post_id\" must be a string"},
      {Json{{"sources", Json::array({Json{{"platform", "x"}, {"post_id", std::string(201, '7')}}})}}, "1 to 200 bytes"},
      {Json{{"giveaway_url", "ftp://example.com"}}, "\"giveaway_url\" must be an https:// link"},
      {Json{{"giveaway_url", "https:///path"}}, "\"giveaway_url\" must be an https:// link"},
      {Json{{"giveaway_url", "https://example.com/\xc3\xa9"}}, "printable ASCII"},
      {Json{{"giveaway_url", 3}}, "commitment.giveaway_url: got integer 3, wanted string"},
  };
  for (const auto& [extra, words] : cases) {
    Json s = statement();
    for (auto it = extra.begin(); it != extra.end(); ++it) s[it.key()] = it.value();
    auto c = parse_commitment(s);
    ASSERT_FALSE(c.ok()) << extra.dump();
    EXPECT_NE(c.error().message.find(words), std::string::npos) << c.error().message;
  }
  Json many = Json::array();
  for (int i = 0; i < 21; ++i) many.push_back(Json{{"platform", "x"}, {"post_id", std::to_string(i)}});
  EXPECT_FALSE(post_refs_from_json(many).ok());
}

const Check* find_check(const BundleReport& r, const std::string& id) {
  for (const auto& c : r.checks)
    if (c.id == id) return &c;
  return nullptr;
}

// The example bundles are checked with the key set a verifier pins for them.
BundleReport verify_example(const testing::ExampleOptions& o) {
  return verify_bundle(testing::make_example_bundle(o), *keyset_from_json(testing::example_trusted_keys()));
}

TEST(CommitmentFields, TheVerifierChecksTheDeadline) {
  for (const char* source : {"local", "drand"}) {
    SCOPED_TRACE(source);
    testing::ExampleOptions o;
    o.beacon_source = source;
    o.publish_window = 3600;
    auto in_time = verify_example(o);
    EXPECT_TRUE(in_time.ok()) << (in_time.first_failure() ? in_time.first_failure()->detail : "");
    const Check* c = find_check(in_time, "published_in_time");
    ASSERT_NE(c, nullptr);
    EXPECT_TRUE(c->ok);
    EXPECT_EQ(c->step, 3);
    EXPECT_NE(c->detail.find("deadline "), std::string::npos) << c->detail;

    // The example result is drawn one second after the beacon: a zero window is already too late.
    o.publish_window = 0;
    auto late = verify_example(o);
    EXPECT_FALSE(late.ok());
    ASSERT_NE(late.first_failure(), nullptr);
    EXPECT_EQ(late.first_failure()->id, "published_in_time");
    EXPECT_NE(late.first_failure()->detail.find("after the publication deadline"), std::string::npos) << late.first_failure()->detail;

    o.publish_window = -5;
    auto before_beacon = verify_example(o);
    ASSERT_NE(before_beacon.first_failure(), nullptr);
    EXPECT_EQ(before_beacon.first_failure()->id, "published_in_time");
    EXPECT_NE(before_beacon.first_failure()->detail.find("before the beacon's publication"), std::string::npos);
  }
  // A commitment made before deadlines existed passes, and says so.
  auto old = verify_example({});
  EXPECT_TRUE(old.ok());
  const Check* c = find_check(old, "published_in_time");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->ok);
  EXPECT_EQ(c->detail, "no publication deadline (made before deadlines existed)");
}

}  // namespace
}  // namespace tirage
