// Outcome shopping (issue 13) against a real tirage-server: an organizer who
// commits one list several times, reads each selection once the beacon is
// out and publishes only the draw they like; another organizer writing into
// someone else's giveaway; a result published long after its beacon. The
// server runs with a 10 s publication window so deadlines pass within a test.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "shared/protocol/bundle.hpp"
#include "tests/integration/harness.hpp"

namespace tirage::testing {
namespace {

constexpr int kWindow = 10;  // --publish-window of the server under test

class ShoppingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerUnderTest({"--publish-window", std::to_string(kWindow)});
    server_->start();
    alice_ = server_->add_organizer("alice@example.com");
    bob_ = server_->add_organizer("bob@example.com");
    dir_ = make_temp_dir("shopping");
    participants_ = dir_ + "/participants.jsonl";
    write_participants(participants_, 40);
  }
  static void TearDownTestSuite() {
    delete server_;
    std::filesystem::remove_all(dir_);
  }

  static Json create(const Json& body, const std::string& key) {
    auto r = server_->post("/api/v1/draws", body, bearer(key));
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body;
  }

  static std::string organizer_of(const Json& created) { return created["commitment"]["statement"]["organizer"]; }

  // Sleeps until the server's clock is past t (whole seconds, as the server counts them).
  static void wait_past(UnixSeconds t) {
    while (std::time(nullptr) <= t) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }

  static const Json* related_entry(const Json& related, const std::string& draw_id) {
    for (const auto& r : related)
      if (r["draw_id"] == draw_id) return &r;
    return nullptr;
  }

  static ServerUnderTest* server_;
  static std::string alice_, bob_, dir_, participants_;
};
ServerUnderTest* ShoppingTest::server_ = nullptr;
std::string ShoppingTest::alice_, ShoppingTest::bob_, ShoppingTest::dir_, ShoppingTest::participants_;

// The attack of the issue: five commitments of one list under five giveaway
// ids, the selections read once the beacon is out, one published.
TEST_F(ShoppingTest, FiveCommitmentsOfOneListThePublishedOneListsTheOtherFourAndTheyEndAbandoned) {
  const std::string tag = std::to_string(std::time(nullptr));
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    Json created = create(draw_body(participants_, 2, 1, "local", "g_shop_" + tag + "_" + std::to_string(i)), alice_);
    ids.push_back(created["draw_id"]);
    const Json& st = created["commitment"]["statement"];
    EXPECT_TRUE(st.contains("publish_by")) << st.dump();
    // The deadline is the beacon's publication time plus the window.
    if (st.contains("publish_by")) {
      EXPECT_EQ(*parse_rfc3339(st["publish_by"].get<std::string>()),
                *parse_rfc3339(st["beacon"]["reveal_at"].get<std::string>()) + kWindow);
    }
  }
  std::map<std::string, Json> selections;
  for (const auto& id : ids) {
    wait_for_beacon(*server_, id);
    selections[id] = server_->get("/api/v1/draws/" + id + "/selection").body;
  }
  const std::string chosen = ids[3];
  auto published = server_->post("/api/v1/draws/" + chosen + "/result",
                                 result_body_from_tool(*server_, chosen, participants_, 2, 1), bearer(alice_));
  ASSERT_EQ(published.status, 201) << published.raw;

  // Before the deadline: the four others are on the published draw's page (main listed none: other giveaway ids)...
  auto page = server_->get("/v/" + chosen + "?lang=en");
  ASSERT_EQ(page.status, 200);
  for (const auto& id : ids)
    if (id != chosen) {
      EXPECT_NE(page.raw.find("href=\"/v/" + id + "\""), std::string::npos) << id << " is not linked from the page";
    }
  // ... and in its related list, waiting.
  auto related = server_->get("/api/v1/draws/" + chosen + "/related");
  ASSERT_EQ(related.status, 200) << related.raw;
  EXPECT_EQ(related.body["draw_id"], chosen);
  for (const auto& id : ids) {
    const Json* r = related_entry(related.body["related"], id);
    if (id == chosen) {
      EXPECT_EQ(r, nullptr) << "a draw is not related to itself";
      continue;
    }
    ASSERT_NE(r, nullptr) << id << " is missing from " << related.raw;
    EXPECT_EQ((*r)["status"], "waiting") << r->dump();
    EXPECT_NE(std::find((*r)["reasons"].begin(), (*r)["reasons"].end(), "same_list"), (*r)["reasons"].end()) << r->dump();
    EXPECT_FALSE(r->contains("selected")) << "a waiting draw does not show its selection: " << r->dump();
  }

  // After the deadline: abandoned, with the positions that were drawn.
  UnixSeconds deadline = 0;
  for (const auto& r : related.body["related"])
    deadline = std::max(deadline, *parse_rfc3339(r["publish_by"].get<std::string>()));
  wait_past(deadline);
  related = server_->get("/api/v1/draws/" + chosen + "/related");
  for (const auto& id : ids) {
    if (id == chosen) continue;
    const Json* r = related_entry(related.body["related"], id);
    ASSERT_NE(r, nullptr) << related.raw;
    EXPECT_EQ((*r)["status"], "abandoned") << r->dump();
    EXPECT_EQ((*r)["selected"]["winners"], selections[id]["winners"]) << r->dump();
    EXPECT_EQ((*r)["selected"]["alternates"], selections[id]["alternates"]) << r->dump();
  }
  // Each abandoned draw says so on its own, and the published one's view, page, certificate and organizer page too.
  auto abandoned = server_->get("/api/v1/draws/" + ids[0]);
  EXPECT_EQ(abandoned.body["status"], "abandoned") << abandoned.raw;
  EXPECT_EQ(abandoned.body["selected"]["winners"], selections[ids[0]]["winners"]);
  auto view = server_->get("/api/v1/draws/" + chosen);
  EXPECT_EQ(view.body["status"], "drawn");
  ASSERT_EQ(view.body["related"].size(), 4u) << view.raw;
  for (const auto& r : view.body["related"]) EXPECT_EQ(r["status"], "abandoned");
  page = server_->get("/v/" + chosen + "?lang=en");
  for (const auto& id : ids) {
    if (id == chosen) continue;
    const auto at = page.raw.find("data-draw=\"" + id + "\"");
    ASSERT_NE(at, std::string::npos);
    EXPECT_NE(page.raw.substr(at, 300).find("data-status=\"abandoned\""), std::string::npos) << page.raw.substr(at, 300);
  }
  auto own = server_->get("/v/" + ids[0] + "?lang=fr");
  EXPECT_NE(own.raw.find("status-abandoned"), std::string::npos);

  auto pdf = server_->get("/api/v1/draws/" + chosen + "/certificate.pdf?lang=en");
  ASSERT_EQ(pdf.status, 200);
  std::ofstream(dir_ + "/shopping.pdf", std::ios::binary) << pdf.raw;
  std::string text;
  ASSERT_EQ(run("pdftotext -enc UTF-8 '" + dir_ + "/shopping.pdf' - 2>/dev/null", &text), 0);
  std::replace(text.begin(), text.end(), '\n', ' ');
  for (const auto& id : ids)
    if (id != chosen) {
      EXPECT_NE(text.find(id), std::string::npos) << id << " is not on the certificate: " << text;
    }
  EXPECT_NE(text.find("Abandoned"), std::string::npos) << text;

  auto org = server_->get("/api/v1/organizers/" + view.body["commitment"]["statement"]["organizer"].get<std::string>());
  ASSERT_EQ(org.status, 200) << org.raw;
  EXPECT_GE(org.body["totals"]["abandoned"].get<int>(), 4) << org.raw;
}

TEST_F(ShoppingTest, PublishingAfterTheDeadlineIsRefused) {
  Json created = create(draw_body(participants_, 1, 0, "local", "g_late_" + std::to_string(std::time(nullptr))), alice_);
  const std::string id = created["draw_id"];
  wait_for_beacon(*server_, id);
  Json body = result_body_from_tool(*server_, id, participants_, 1, 0);
  wait_past(*parse_rfc3339(created["commitment"]["statement"]["publish_by"].get<std::string>()));
  const auto before = server_->get("/healthz").body["log_size"];
  auto late = server_->post("/api/v1/draws/" + id + "/result", body, bearer(alice_));
  EXPECT_EQ(late.status, 409) << late.raw;
  EXPECT_EQ(late.body["error"]["code"], "deadline_passed") << late.raw;
  EXPECT_NE(late.body["error"]["message"].get<std::string>().find("publication deadline"), std::string::npos) << late.raw;
  EXPECT_EQ(server_->get("/healthz").body["log_size"], before) << "a refused result must not be logged";
  EXPECT_EQ(server_->get("/api/v1/draws/" + id).body["status"], "abandoned");
  EXPECT_EQ(server_->get("/api/v1/draws/" + id + "/bundle").status, 409);
}

TEST_F(ShoppingTest, ADrawUnderAnotherOrganizersGiveawayIsRefused) {
  const std::string giveaway = "g_owned_" + std::to_string(std::time(nullptr));
  Json first = create(draw_body(participants_, 1, 0, "local", giveaway), alice_);
  const auto before = server_->get("/healthz").body["log_size"];
  auto intruder = server_->post("/api/v1/draws", draw_body(participants_, 1, 0, "local", giveaway), bearer(bob_));
  EXPECT_EQ(intruder.status, 409) << intruder.raw;
  EXPECT_EQ(intruder.body["error"]["code"], "giveaway_taken");
  EXPECT_EQ(intruder.body["error"]["message"],
            "the giveaway id " + giveaway + " belongs to another organizer; choose another id");
  EXPECT_EQ(server_->get("/healthz").body["log_size"], before) << "a refused draw must not be logged";
  auto list = server_->get("/api/v1/giveaways/" + giveaway + "/draws");
  ASSERT_EQ(list.body["commitments"].size(), 1u) << list.raw;
  EXPECT_EQ(list.body["organizer_id"], organizer_of(first));
  // The owner re-draws freely; Bob's own giveaway ids are his.
  create(draw_body(participants_, 1, 0, "local", giveaway), alice_);
  create(draw_body(participants_, 1, 0, "local", giveaway + "_bob"), bob_);
  EXPECT_EQ(server_->post("/api/v1/draws", draw_body(participants_, 1, 0, "local", giveaway + "_bob"), bearer(alice_)).status, 409);
}

TEST_F(ShoppingTest, DrawsOfTheSamePostAreRelatedEvenWithAnotherList) {
  const std::string tag = std::to_string(std::time(nullptr));
  const std::string other = dir_ + "/other.jsonl";
  write_participants(other, 41);
  Json a = draw_body(participants_, 1, 0, "local", "g_post_a_" + tag);
  a["sources"] = Json::array({Json{{"platform", "instagram"}, {"post_id", "1790" + tag}}});
  a["giveaway_url"] = "https://www.instagram.com/p/C" + tag + "/";
  Json b = draw_body(other, 1, 0, "local", "g_post_b_" + tag);
  b["sources"] = Json::array({Json{{"platform", "x"}, {"post_id", "77"}}, Json{{"platform", "instagram"}, {"post_id", "1790" + tag}}});
  Json c = draw_body(other, 1, 0, "local", "g_post_c_" + tag);  // another list, no post: unrelated to a
  Json ca = create(a, alice_), cb = create(b, alice_), cc = create(c, alice_);
  EXPECT_EQ(ca["commitment"]["statement"]["sources"], a["sources"]);
  EXPECT_EQ(ca["commitment"]["statement"]["giveaway_url"], a["giveaway_url"]);
  EXPECT_FALSE(cc["commitment"]["statement"].contains("sources")) << "no sources for a file";
  // The same post by another organizer is not this organizer's re-draw.
  Json bob_body = draw_body(other, 1, 0, "local", "g_post_bob_" + tag);
  bob_body["sources"] = a["sources"];
  Json cbob = create(bob_body, bob_);

  auto related = server_->get("/api/v1/draws/" + ca["draw_id"].get<std::string>() + "/related");
  ASSERT_EQ(related.status, 200);
  const Json* rb = related_entry(related.body["related"], cb["draw_id"]);
  ASSERT_NE(rb, nullptr) << related.raw;
  EXPECT_EQ((*rb)["reasons"], Json::array({"same_post"}));
  EXPECT_EQ(related_entry(related.body["related"], cc["draw_id"]), nullptr) << related.raw;
  EXPECT_EQ(related_entry(related.body["related"], cbob["draw_id"]), nullptr) << related.raw;
  auto page = server_->get("/v/" + ca["draw_id"].get<std::string>() + "?lang=en");
  EXPECT_NE(page.raw.find("href=\"" + a["giveaway_url"].get<std::string>() + "\""), std::string::npos);
  EXPECT_NE(page.raw.find("1790" + tag), std::string::npos) << "the source post is not named";
}

TEST_F(ShoppingTest, SourcesAndGiveawayUrlAreCheckedWithClearErrors) {
  const auto before = server_->get("/healthz").body["log_size"];
  auto expect_400 = [&](const char* field, const Json& value, const std::string& words) {
    Json body = draw_body(participants_, 1, 0, "local", "g_checked");
    body[field] = value;
    auto r = server_->post("/api/v1/draws", body, bearer(alice_));
    EXPECT_EQ(r.status, 400) << value.dump();
    EXPECT_NE(r.body["error"]["message"].get<std::string>().find(words), std::string::npos) << r.raw;
  };
  expect_400("sources", Json::object(), "\"sources\" must be an array");
  expect_400("sources", Json::array({Json{{"platform", "myspace"}, {"post_id", "1"}}}),
             "sources[0]: \"platform\" must be one of instagram, facebook, x, youtube, tiktok");
  expect_400("sources", Json::array({Json{{"platform", "x"}, {"post_id", ""}}}), "sources[0]: \"post_id\" must have 1 to 200");
  expect_400("sources", Json::array({Json{{"platform", "x"}, {"post_id", std::string(201, '1')}}}), "1 to 200");
  expect_400("sources", Json::array({Json{{"platform", "x"}, {"post_id", "12\n3"}}}), "printable ASCII");
  expect_400("sources", Json::array({Json{{"platform", "x"}, {"post_id", "1"}, {"extra", 1}}}), "unknown field \"extra\"");
  expect_400("sources", Json::array(), "at least one");
  expect_400("giveaway_url", "http://instagram.com/p/x", "https://");
  expect_400("giveaway_url", "https://x.com/" + std::string(500, 'a'), "at most 500 bytes");
  expect_400("giveaway_url", "https://exa mple.com/", "printable ASCII");
  expect_400("giveaway_url", 7, "\"giveaway_url\" must be a string");
  EXPECT_EQ(server_->get("/healthz").body["log_size"], before);
}

TEST_F(ShoppingTest, TheOrganizerPageCountsDrawsPerMonth) {
  // Bob: one published draw, one abandoned with a substitution-free history, in this month.
  const std::string tag = std::to_string(std::time(nullptr));
  Json kept = create(draw_body(participants_, 1, 1, "local", "g_month_" + tag), bob_);
  Json dropped = create(draw_body(participants_, 1, 1, "local", "g_month_" + tag), bob_);
  const std::string kept_id = kept["draw_id"];
  wait_for_beacon(*server_, kept_id);
  ASSERT_EQ(server_->post("/api/v1/draws/" + kept_id + "/result", result_body_from_tool(*server_, kept_id, participants_, 1, 1),
                          bearer(bob_)).status, 201);
  ASSERT_EQ(server_->post("/api/v1/draws/" + kept_id + "/substitutions", Json{{"replaced_rank", 1}, {"reason", "no answer"}},
                          bearer(bob_)).status, 201);
  wait_past(*parse_rfc3339(dropped["commitment"]["statement"]["publish_by"].get<std::string>()));

  const std::string org = organizer_of(kept);
  auto summary = server_->get("/api/v1/organizers/" + org);
  ASSERT_EQ(summary.status, 200) << summary.raw;
  EXPECT_EQ(summary.body["organizer_id"], org);
  const std::string month = format_rfc3339(std::time(nullptr)).substr(0, 7);
  ASSERT_GE(summary.body["months"].size(), 1u) << summary.raw;
  const Json& m = summary.body["months"][0];
  EXPECT_EQ(m["month"], month) << summary.raw;
  EXPECT_GE(m["draws"].get<int>(), 2);
  EXPECT_GE(m["published"].get<int>(), 1);
  EXPECT_GE(m["abandoned"].get<int>(), 1);
  EXPECT_EQ(m["substitutions"], 1);
  EXPECT_EQ(m["draws"].get<int>(), m["published"].get<int>() + m["waiting"].get<int>() + m["abandoned"].get<int>());
  EXPECT_EQ(server_->get("/api/v1/organizers/org_nobody").status, 404);

  for (const auto& [lang, word] : {std::pair{"fr", "abandonné"}, {"en", "abandoned"}, {"es", "abandonado"}, {"de", "aufgegeben"}}) {
    auto page = server_->get("/o/" + org + "?lang=" + lang);
    ASSERT_EQ(page.status, 200) << lang;
    EXPECT_NE(page.raw.find(std::string("<html lang=\"") + lang + "\">"), std::string::npos) << lang;
    EXPECT_NE(page.raw.find(month), std::string::npos) << lang;
    EXPECT_NE(page.raw.find(word), std::string::npos) << lang << ": " << page.raw;
    EXPECT_NE(page.raw.find("/v/" + kept_id), std::string::npos) << lang;
  }
  EXPECT_EQ(server_->get("/o/org_nobody").status, 404);
  // The verify page links to the organizer's page.
  EXPECT_NE(server_->get("/v/" + kept_id).raw.find("href=\"/o/" + org + "\""), std::string::npos);
}

// A database written by main before this change (tests/integration/fixtures/main_v7.sql,
// made by main's tirage-server: see the fixture's header) is migrated in place: giveaway ids
// go to the first organizer that used them, old commitments keep verifying and have no deadline.
TEST(ShoppingMigration, ADatabaseMadeByTheSchemaBeforeDeadlinesIsMigrated) {
  ServerUnderTest server;
  const std::string data = server.data_dir() + "/data";
  std::filesystem::create_directories(data + "/keys");
  const std::string fixture = std::string(TIRAGE_REPO) + "/tests/integration/fixtures";
  ASSERT_EQ(run("sqlite3 '" + data + "/tirage.db' < '" + fixture + "/main_v7.sql'"), 0);
  // The fixture's signing key (a test key, made with the database), mode 0600 as the server wants.
  for (const auto& f : std::filesystem::directory_iterator(fixture + "/main_v7_keys")) {
    const std::string key = data + "/keys/" + f.path().filename().string();
    std::filesystem::copy_file(f.path(), key);
    std::filesystem::permissions(key, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::replace);
  }
  ::chmod((data + "/keys").c_str(), 0700);
  server.start();
  std::ifstream ids_file(fixture + "/main_v7.json");
  const Json ids = *parse_json(std::string(std::istreambuf_iterator<char>(ids_file), {}));
  const std::string people = fixture + "/main_v7_people.jsonl";

  // g_shared was Bob's first, then Alice drew under it too (main allowed it): Bob owns it now.
  auto alice_again = server.post("/api/v1/draws", draw_body(people,
                                                            1, 0, "local", "g_shared"),
                                 bearer(ids["alice_key"]));
  EXPECT_EQ(alice_again.status, 409) << alice_again.raw;
  EXPECT_EQ(alice_again.body["error"]["code"], "giveaway_taken");
  auto bob_again = server.post("/api/v1/draws", draw_body(people,
                                                          1, 0, "local", "g_shared"),
                               bearer(ids["bob_key"]));
  EXPECT_EQ(bob_again.status, 201) << bob_again.raw;
  auto alice_own = server.post("/api/v1/draws", draw_body(people,
                                                          1, 0, "local", "g_alice"),
                               bearer(ids["alice_key"]));
  EXPECT_EQ(alice_own.status, 201) << alice_own.raw;

  // Alice's published old draw lists her other old commitments of that list, without a deadline.
  const std::string published = ids["alice_published"];
  auto related = server.get("/api/v1/draws/" + published + "/related");
  ASSERT_EQ(related.status, 200) << related.raw;
  bool found_waiting = false, found_new = false;
  for (const auto& r : related.body["related"]) {
    if (r["draw_id"] == alice_own.body["draw_id"]) {  // made now: it has a deadline
      found_new = true;
      EXPECT_TRUE(r["publish_by"].is_string()) << r.dump();
      continue;
    }
    EXPECT_TRUE(r["publish_by"].is_null()) << r.dump();
    EXPECT_NE(r["draw_id"], ids["bob_shared"]) << "another organizer's draw is never related";
    found_waiting = found_waiting || (r["draw_id"] == ids["alice_unpublished"] && r["status"] == "waiting");
  }
  EXPECT_TRUE(found_waiting && found_new) << related.raw;
  // Its bundle still holds under the server's keys, the missing deadline noted, not failed;
  // but it was committed before commit-time log heads were signed, so it cannot prove it was
  // logged before its beacon (design E): that one check fails, and says why.
  auto bundle = server.get("/api/v1/draws/" + published + "/bundle");
  ASSERT_EQ(bundle.status, 200) << bundle.raw;
  const std::string path = server.data_dir() + "/old-bundle.json";
  std::ofstream(path) << bundle.raw;
  const std::string keys = server.data_dir() + "/keys.json";
  std::ofstream(keys) << server.get("/.well-known/tirage-keys.json").raw;
  std::string out;
  EXPECT_EQ(run(std::string("'") + TIRAGE_CLI + "' verify '" + path + "' --keys '" + keys + "'", &out), 1) << out;
  EXPECT_NE(out.find("no publication deadline (made before deadlines existed)"), std::string::npos) << out;
  EXPECT_NE(out.find("NOT VERIFIED: step 6 failed: The commitment was in the signed log before the beacon existed: "
                     "the bundle does not prove the commitment was logged before the beacon"),
            std::string::npos)
      << out;
  std::size_t failures = 0;
  for (std::size_t at = out.find("\nFAIL "); at != std::string::npos; at = out.find("\nFAIL ", at + 1)) ++failures;
  EXPECT_EQ(failures, 1u) << out;
  // The old unpublished draw can still be published: it never stated a deadline.
  const std::string old = ids["alice_unpublished"];
  auto late = server.post("/api/v1/draws/" + old + "/result", result_body_from_tool(server, old, people, 1, 0),
                          bearer(ids["alice_key"]));
  EXPECT_EQ(late.status, 201) << late.raw;
  EXPECT_EQ(server.get("/v/" + published).status, 200);
  EXPECT_EQ(server.get("/o/" + ids["alice_organizer"].get<std::string>()).status, 200);
}

}  // namespace
}  // namespace tirage::testing

namespace tirage::testing {
namespace {

TEST(ShoppingFlags, ThePublishWindowIsBounded) {
  for (const char* bad : {"9", "-5", "1d", "", "10000000000"}) {
    std::string out;
    const int status = run(std::string("'") + TIRAGE_SERVER + "' --publish-window '" + bad + "' --data /nonexistent 2>&1", &out);
    EXPECT_EQ(status, 2) << bad << ": " << out;
    EXPECT_NE(out.find("--publish-window must be a number of seconds, at least 10"), std::string::npos) << out;
  }
}

}  // namespace
}  // namespace tirage::testing
