// CertificateData from the server's public view of a draw.
#include <gtest/gtest.h>

#include "server/certificate/certificate_view.hpp"

namespace tirage::server {
namespace {

Json pick(std::uint64_t rank, const std::string& name, const std::string& platform) {
  return Json{{"rank", rank}, {"index", 7}, {"entry", {{"id", "x"}, {"name", name}, {"platform", platform}}}, {"proof", Json::array()}};
}

// The shape DrawService::public_view answers for a drawn draw.
Json drawn_view() {
  Json commitment = {{"type", "tirage/commitment/v1"},
                     {"draw_id", "d_1"},
                     {"giveaway_id", "g_1"},
                     {"title", "Concours de Noël"},
                     {"organizer", "o_42"},
                     {"participants_root", std::string(64, 'a')},
                     {"participants_count", 40},
                     {"winners", 2},
                     {"alternates", 1},
                     {"rules", {{"one_entry_per", "person"}, {"filters", {{"min_age_days", 30}, {"hashtags", {"#a", "#b"}}}}}},
                     {"beacon", {{"source", "local"}, {"commit", std::string(64, 'c')}, {"reveal_at", "2026-12-24T18:00:10Z"}}},
                     {"committed_at", "2026-12-24T18:00:00Z"}};
  Json result = {{"type", "tirage/result/v1"},
                 {"draw_id", "d_1"},
                 {"winners", {pick(1, "Zoé Müller", "instagram"), pick(2, "Ñandú", "list")}},
                 {"alternates", {pick(1, "François", "x")}},
                 {"drawn_at", "2026-12-24T18:00:31Z"}};
  Json substitution = {{"type", "tirage/substitution/v1"}, {"replaced_rank", 2},         {"alternate_rank", 1},
                       {"reason", "no answer"},             {"substituted_at", "2026-12-31T09:00:00Z"}};
  return Json{{"draw_id", "d_1"},
              {"status", "drawn"},
              {"commitment", {{"statement", commitment}, {"key_id", "k1"}, {"signature", std::string(128, '1')}}},
              {"result", {{"statement", result}, {"key_id", "k2"}, {"signature", std::string(128, '2')}}},
              {"substitutions", {{{"statement", substitution}, {"key_id", "k2"}, {"signature", std::string(128, '3')}}}},
              {"beacon_value", std::string(64, 'b')},
              {"weak_beacon", true}};
}

TEST(CertificateView, ReadsEveryFieldOfADrawnDraw) {
  auto d = certificate_data_from_view(drawn_view(), "https://tirage.app/v/d_1");
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->title, "Concours de Noël");
  EXPECT_EQ(d->organizer, "o_42");
  EXPECT_EQ(d->draw_id, "d_1");
  EXPECT_EQ(d->giveaway_id, "g_1");
  EXPECT_EQ(d->committed_at, "2026-12-24T18:00:00Z");
  EXPECT_EQ(d->drawn_at, "2026-12-24T18:00:31Z");
  EXPECT_EQ(d->participants_count, 40u);
  EXPECT_EQ(d->participants_root, std::string(64, 'a'));
  EXPECT_TRUE(d->beacon.is_weak_local());
  EXPECT_FALSE(d->beacon.round.has_value());
  EXPECT_EQ(d->beacon.commit, std::string(64, 'c'));
  EXPECT_EQ(d->beacon.value, std::string(64, 'b'));
  ASSERT_EQ(d->winners.size(), 2u);
  EXPECT_EQ(d->winners[1].name, "Ñandú");
  EXPECT_EQ(d->winners[1].platform, "list");
  ASSERT_EQ(d->alternates.size(), 1u);
  EXPECT_EQ(d->alternates[0].rank, 1u);
  ASSERT_EQ(d->substitutions.size(), 1u);
  EXPECT_EQ(d->substitutions[0].replaced_rank, 2u);
  EXPECT_EQ(d->substitutions[0].reason, "no answer");
  EXPECT_EQ(d->commitment_signature.key_id, "k1");
  EXPECT_EQ(d->result_signature.signature, std::string(128, '2'));
  EXPECT_EQ(d->verify_url, "https://tirage.app/v/d_1");
  const std::vector<std::pair<std::string, std::string>> rules = {
      {"filters.hashtags", "#a, #b"}, {"filters.min_age_days", "30"}, {"one_entry_per", "person"}};
  EXPECT_EQ(d->rules, rules);
}

TEST(CertificateView, ReadsADrandBeacon) {
  Json view = drawn_view();
  view["commitment"]["statement"]["beacon"] = {{"source", "drand"}, {"chain_hash", std::string(64, 'd')}, {"round", 24819372}};
  auto d = certificate_data_from_view(view, "u");
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_FALSE(d->beacon.is_weak_local());
  EXPECT_EQ(d->beacon.round, 24819372u);
  EXPECT_EQ(d->beacon.chain_hash, std::string(64, 'd'));
}

TEST(CertificateView, ReadsTheRelatedDraws) {
  Json view = drawn_view();
  EXPECT_TRUE(certificate_data_from_view(view, "u")->related.empty());  // a view from before related draws
  view["related"] = Json::array(
      {Json{{"draw_id", "d_2"}, {"giveaway_id", "g_2"}, {"title", "Bis"}, {"committed_at", "2026-12-24T17:00:00Z"},
            {"publish_by", "2026-12-25T17:00:10Z"}, {"status", "abandoned"}, {"reasons", {"same_list"}},
            {"selected", {{"winners", {4, 9}}, {"alternates", {1}}}}},
       Json{{"draw_id", "d_3"}, {"giveaway_id", "g_1"}, {"title", "Old"}, {"committed_at", "2026-11-24T17:00:00Z"},
            {"publish_by", nullptr}, {"status", "waiting"}, {"reasons", {"same_list", "same_giveaway"}}}});
  view["related_truncated"] = true;
  auto d = certificate_data_from_view(view, "u");
  ASSERT_TRUE(d.ok()) << d.error().message;
  ASSERT_EQ(d->related.size(), 2u);
  EXPECT_EQ(d->related[0].draw_id, "d_2");
  EXPECT_EQ(d->related[0].status, "abandoned");
  EXPECT_EQ(d->related[0].publish_by, "2026-12-25T17:00:10Z");
  EXPECT_EQ(d->related[0].winners, (std::vector<std::uint64_t>{4, 9}));
  EXPECT_EQ(d->related[0].alternates, (std::vector<std::uint64_t>{1}));
  EXPECT_EQ(d->related[1].publish_by, "");
  EXPECT_EQ(d->related[1].reasons, (std::vector<std::string>{"same_list", "same_giveaway"}));
  EXPECT_TRUE(d->related[1].winners.empty());
  EXPECT_TRUE(d->related_truncated);
}

TEST(CertificateView, NoCertificateBeforeTheResult) {
  Json view = drawn_view();
  view["result"] = nullptr;
  auto d = certificate_data_from_view(view, "u");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code, "not_yet");
}

TEST(CertificateView, AMissingFieldIsAnErrorValue) {
  Json view = drawn_view();
  view["commitment"]["statement"].erase("participants_root");
  auto d = certificate_data_from_view(view, "u");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code, "certificate_data");
  EXPECT_NE(d.error().message.find("commitment.statement.participants_root: missing"), std::string::npos) << d.error().message;
  view = drawn_view();
  view["result"]["statement"]["winners"][0]["rank"] = "one";
  auto wrong = certificate_data_from_view(view, "u");
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().message.find("result.statement.winners[0].rank: got string \"one\", wanted"), std::string::npos)
      << wrong.error().message;
}

}  // namespace
}  // namespace tirage::server
