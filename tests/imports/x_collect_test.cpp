// X imports that collect as the giveaway runs (collect_until): the real
// tirage-server (--sandbox) against the fake X, with passes a second apart.
// Replies added to the fake between passes are collected, each later pass asks
// only for replies newer than the newest collected (since_id), a restart in the
// middle of the watch resumes it, a cancel ends it, a late pass reports the
// replies it may have missed, a refused since_id falls back to the whole
// window; bad collect_until values and another organizer's attempts are refused.
// Also: migration 7 keeps the imports, comments and threads of a version 6 database.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <set>
#include <thread>

#include "server/db/migrations.hpp"
#include "tests/imports/fake_platform.hpp"
#include "tests/imports/wait_import.hpp"

namespace tirage::testing {
namespace {

constexpr const char* kRoot = "1858000000000000000";

std::string reply_id(int i) { return std::to_string(1858000000000000001LL + i); }

std::int64_t now_s() { return static_cast<std::int64_t>(std::time(nullptr)); }

std::vector<std::string> x_args(const FakePlatform& fake, int interval_s = 1) {
  return {"--sandbox", "--sandbox-token", "sandbox-token", "--platform-url", "x=" + fake.url(), "--import-backoff-ms", "10",
          "--import-wait-cap-ms", "200", "--x-collect-interval-s", std::to_string(interval_s)};
}

std::set<std::string> collected(const ServerUnderTest& server, const std::string& key, const std::string& id) {
  std::set<std::string> ids;
  for (int offset = 0;; offset += 1000) {
    auto page = server.get("/api/v1/imports/" + id + "/comments?offset=" + std::to_string(offset) + "&limit=1000", bearer(key));
    EXPECT_EQ(page.status, 200) << page.raw;
    if (page.status != 200 || page.body["comments"].empty()) break;
    for (const auto& c : page.body["comments"]) ids.insert(c["comment_id"].get<std::string>());
  }
  return ids;
}

std::vector<std::string> since_ids(const FakePlatform& fake) {
  const Json stats = fake.stats();
  std::vector<std::string> out;
  for (const auto& s : stats["since_ids"]) out.push_back(s.get<std::string>());
  return out;
}

bool has_problem(const Json& job, const std::string& code) {
  for (const auto& p : job["problems"])
    if (p["code"] == code) return true;
  return false;
}

std::string start_watch(const ServerUnderTest& server, const std::string& key, std::int64_t until) {
  auto created = server.post("/api/v1/imports", {{"platform", "x"}, {"post_id", kRoot}, {"collect_until", until}}, bearer(key));
  EXPECT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["collect_until"], until);
  EXPECT_EQ(created.body["watching"], true);
  return created.body.value("id", "");
}

TEST(XCollect, LaterPassesCollectNewRepliesWithSinceIdUntilCancelled) {
  FakePlatform fake("x", 30);
  ServerUnderTest server(x_args(fake));
  server.start();
  const std::string key = server.add_organizer("watch@example.com");
  const std::int64_t until = now_s() + 3600;
  const std::string id = start_watch(server, key, until);
  ASSERT_FALSE(id.empty());

  Json job = wait_import(server, key, id, [](const Json& j) { return j["state"] == "watching"; });
  EXPECT_EQ(job["progress"]["comments"], 30);
  EXPECT_EQ(job["watching"], true);
  EXPECT_EQ(job["collections"].get<int>() >= 1, true);
  ASSERT_TRUE(job["last_collected_at"].is_number()) << job.dump();
  ASSERT_TRUE(job["next_collection_at"].is_number()) << job.dump();
  EXPECT_GE(job["next_collection_at"].get<std::int64_t>(), job["last_collected_at"].get<std::int64_t>());
  EXPECT_LE(job["next_collection_at"].get<std::int64_t>(), now_s() + 2);
  bool window_note = false;
  for (const auto& n : job["notes"])
    if (n["code"] == "x_7_day_window") window_note = n["message"].get<std::string>().find("every 1 second") != std::string::npos;
  EXPECT_TRUE(window_note) << job.dump();
  EXPECT_FALSE(has_problem(job, "collection_gap")) << job.dump();

  // The giveaway gets 15 more replies: a later pass collects them, asking only for what is newer.
  fake.configure({{"comments", 45}});
  job = wait_import(server, key, id, [](const Json& j) { return j["progress"]["comments"] == 45 && j["state"] == "watching"; });
  const int passes = job["collections"];
  job = wait_import(server, key, id, [passes](const Json& j) { return j["collections"].get<int>() > passes; });
  auto ids = collected(server, key, id);
  EXPECT_EQ(ids.size(), 45u);
  EXPECT_TRUE(ids.count(reply_id(44)) && ids.count(reply_id(0)));
  EXPECT_FALSE(ids.count(kRoot));  // the giveaway post itself is not a reply
  const auto sent = since_ids(fake);
  ASSERT_FALSE(sent.empty());
  EXPECT_EQ(sent.front(), "");  // the first pass: the whole window
  EXPECT_NE(std::find(sent.begin(), sent.end(), reply_id(29)), sent.end()) << "no pass asked for replies after the 30th";
  EXPECT_EQ(sent.back(), reply_id(44));  // the pass after the new replies starts from the newest of them
  EXPECT_EQ(std::count(sent.begin(), sent.end(), ""), 1);  // no pass went back to the whole window

  // Cancelling ends the watch: no more searches.
  auto cancelled = server.del("/api/v1/imports/" + id, bearer(key));
  ASSERT_EQ(cancelled.status, 200) << cancelled.raw;
  EXPECT_EQ(cancelled.body["state"], "cancelled");
  EXPECT_EQ(cancelled.body["watching"], false);
  EXPECT_TRUE(cancelled.body["next_collection_at"].is_null());
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // a pass in flight at the cancel may still send its request
  const std::size_t after_cancel = since_ids(fake).size();
  fake.configure({{"comments", 50}});
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_EQ(since_ids(fake).size(), after_cancel);
  EXPECT_EQ(server.get("/api/v1/imports/" + id, bearer(key)).body["progress"]["comments"], 45);
  EXPECT_EQ(server.del("/api/v1/imports/" + id, bearer(key)).status, 409);
}

TEST(XCollect, StopsAtCollectUntilAfterAFinalPass) {
  FakePlatform fake("x", 12);
  ServerUnderTest server(x_args(fake, 60));  // passes an hour apart in spirit: the last one comes at collect_until
  server.start();
  const std::string key = server.add_organizer("until@example.com");
  const std::int64_t until = now_s() + 6;
  const std::string id = start_watch(server, key, until);
  Json job = wait_import(server, key, id, [](const Json& j) { return j["state"] == "watching"; });
  EXPECT_EQ(job["next_collection_at"], until);  // not interval later: collect_until comes first
  fake.configure({{"comments", 20}});
  job = wait_import(server, key, id, [](const Json& j) { return j["state"] != "watching" && j["state"] != "running"; }, 30);
  EXPECT_EQ(job["state"], "done") << job.dump();
  EXPECT_EQ(job["watching"], false);
  EXPECT_EQ(job["collections"], 2);
  EXPECT_EQ(job["progress"]["comments"], 20);
  EXPECT_GE(job["last_collected_at"].get<std::int64_t>(), until);
  EXPECT_TRUE(job["next_collection_at"].is_null());
}

TEST(XCollect, ARestartMidWatchResumesFromTheNewestReply) {
  FakePlatform fake("x", 40);
  ServerUnderTest server(x_args(fake, 2));
  server.start();
  const std::string key = server.add_organizer("restart@example.com");
  const std::string id = start_watch(server, key, now_s() + 3600);
  wait_import(server, key, id, [](const Json& j) { return j["state"] == "watching"; });
  server.crash();  // SIGKILL while watching
  fake.configure({{"comments", 55}});
  const std::size_t before = since_ids(fake).size();
  server.start();
  Json job = wait_import(server, key, id, [](const Json& j) { return j["progress"]["comments"] == 55 && j["state"] == "watching"; });
  EXPECT_EQ(collected(server, key, id).size(), 55u);
  const auto sent = since_ids(fake);
  ASSERT_GT(sent.size(), before);
  EXPECT_EQ(sent[before], reply_id(39)) << "the first pass after the restart did not resume from the newest reply";
  EXPECT_EQ(std::count(sent.begin(), sent.end(), ""), 1);
  EXPECT_FALSE(has_problem(job, "collection_gap")) << job.dump();
}

TEST(XCollect, ALatePassSaysWhatMayBeMissingAndARefusedSinceIdSearchesTheWholeWindow) {
  FakePlatform fake("x", 25);
  ServerUnderTest server(x_args(fake, 3600));
  server.start();
  const std::string key = server.add_organizer("late@example.com");
  const std::string id = start_watch(server, key, now_s() + 30 * 86400);
  wait_import(server, key, id, [](const Json& j) { return j["state"] == "watching"; });
  ASSERT_EQ(server.stop(), 0);
  {
    // As if the server had been down for 8 days since the last pass.
    auto db = server::Database::open(server.data_dir() + "/data/tirage.db");
    ASSERT_TRUE(db) << db.error().message;
    auto st = (*db)->prepare("UPDATE imports SET last_collected_at = last_collected_at - 8 * 86400, next_attempt_ms = 0 WHERE id = ?");
    st.bind(1, id);
    ASSERT_TRUE(st.run());
  }
  // X no longer accepts the newest collected reply as since_id (it is older than the window).
  fake.configure({{"comments", 32}, {"oldest_since_id", reply_id(30)}});
  server.start();
  Json job = wait_import(server, key, id, [](const Json& j) { return j["collections"] == 2; });
  EXPECT_EQ(job["state"], "watching");
  EXPECT_EQ(job["progress"]["comments"], 32);
  ASSERT_TRUE(has_problem(job, "collection_gap")) << job.dump();
  ASSERT_TRUE(has_problem(job, "since_id_refused")) << job.dump();
  for (const auto& p : job["problems"]) {
    if (p["code"] == "collection_gap") {
      EXPECT_NE(p["message"].get<std::string>().find("may be missing"), std::string::npos) << p.dump();
    }
  }
  const auto sent = since_ids(fake);
  ASSERT_GE(sent.size(), 3u);
  EXPECT_EQ(sent[sent.size() - 2], reply_id(24));  // tried from the newest, refused...
  EXPECT_EQ(sent.back(), "");                      // ...then the whole window
  EXPECT_EQ(collected(server, key, id).size(), 32u);
}

TEST(XCollect, BadCollectUntilIsRefusedAndAnotherOrganizerSeesNothing) {
  FakePlatform fake("x", 10);
  FakePlatform instagram("instagram", 10);
  auto args = x_args(fake, 3600);
  args.push_back("--platform-url");
  args.push_back("instagram=" + instagram.url());
  ServerUnderTest server(args);
  server.start();
  const std::string key = server.add_organizer("bad@example.com");
  const std::string mallory = server.add_organizer("mallory@example.com");
  struct Case { Json body; const char* says; };
  const std::int64_t now = now_s();
  for (const Case& c : {
           Case{{{"platform", "x"}, {"post_id", kRoot}, {"collect_until", now - 10}}, "must be in the future"},
           Case{{{"platform", "x"}, {"post_id", kRoot}, {"collect_until", now + 61 * 86400}}, "at most 60 days ahead"},
           Case{{{"platform", "x"}, {"post_id", kRoot}, {"collect_until", "next week"}}, "Unix time in seconds"},
           Case{{{"platform", "x"}, {"post_id", kRoot}, {"collect_until", 1.5e9}}, "Unix time in seconds"},
           Case{{{"platform", "instagram"}, {"post_id", "17900000000000001"}, {"collect_until", now + 86400}}, "X imports only"},
       }) {
    auto r = server.post("/api/v1/imports", c.body, bearer(key));
    EXPECT_EQ(r.status, 400) << c.body.dump() << " " << r.raw;
    EXPECT_EQ(r.body["error"]["code"], "bad_request");
    EXPECT_NE(r.body["error"]["message"].get<std::string>().find(c.says), std::string::npos) << r.raw;
  }
  EXPECT_EQ(since_ids(fake).size(), 0u);  // nothing was started

  const std::string id = start_watch(server, key, now + 86400);
  wait_import(server, key, id, [](const Json& j) { return j["state"] == "watching"; });
  // Asking again gives the same import, with the new end of collection.
  auto again = server.post("/api/v1/imports", {{"platform", "x"}, {"post_url", "https://x.com/demoshop/status/" + std::string(kRoot)},
                                              {"collect_until", now + 2 * 86400}}, bearer(key));
  EXPECT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(again.body["id"], id);
  EXPECT_EQ(again.body["collect_until"], now + 2 * 86400);

  for (const auto& r : {server.get("/api/v1/imports/" + id, bearer(mallory)),
                        server.get("/api/v1/imports/" + id + "/comments", bearer(mallory)),
                        server.del("/api/v1/imports/" + id, bearer(mallory)),
                        server.post("/api/v1/imports/" + id + "/resume", Json::object(), bearer(mallory))}) {
    EXPECT_EQ(r.status, 404) << r.raw;
    EXPECT_EQ(r.raw.find(kRoot), std::string::npos);
  }
  // Mallory's own import of the same post is hers, not a window onto Alice's.
  auto hers = server.post("/api/v1/imports", {{"platform", "x"}, {"post_id", kRoot}}, bearer(mallory));
  EXPECT_EQ(hers.status, 201) << hers.raw;
  EXPECT_NE(hers.body["id"], id);
  EXPECT_EQ(hers.body["watching"], false);
  // Her import may still be running on a loaded machine (409 until it stops): wait for it, bounded.
  int deleted = 409;
  for (int i = 0; i < 100 && deleted == 409; ++i) {
    deleted = server.del("/api/v1/imports/" + hers.body.value("id", ""), bearer(mallory)).status;
    if (deleted == 409) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(deleted, 200);
  EXPECT_EQ(server.get("/api/v1/imports/" + id, bearer(key)).body["state"], "watching");
}

TEST(XCollect, TheIntervalFlagIsBounded) {
  for (const char* bad : {"0", "518401", "6h", ""}) {
    std::string out;
    const int status = run(std::string("'") + TIRAGE_SERVER + "' --x-collect-interval-s '" + bad + "' --data /nonexistent 2>&1", &out);
    EXPECT_EQ(status, 2) << bad << ": " << out;
    EXPECT_NE(out.find("--x-collect-interval-s must be a number from 1 to 518400"), std::string::npos) << out;
  }
}

TEST(XCollect, Migration7KeepsImportsCommentsAndThreadsOfAVersion6Database) {
  const std::string dir = make_temp_dir("migration7");
  {
    auto db = server::Database::open(dir + "/tirage.db");
    ASSERT_TRUE(db);
    ASSERT_TRUE(server::migrate_to(**db, 6));
    ASSERT_TRUE((*db)->exec(
        "INSERT INTO organizers (id, email, password_hash, created_at) VALUES ('org_1', 'o@example.com', 'x', 1);"
        "INSERT INTO imports (id, organizer_id, platform, post_id, include_replies, state, stage, pages, comments, created_at, updated_ms)"
        " VALUES ('imp_1', 'org_1', 'instagram', '179', 1, 'stopped', 'replies', 3, 2, 1700000000, 5);"
        "INSERT INTO import_comments (import_id, comment_id, body) VALUES ('imp_1', 'b', '{\"n\":1}'), ('imp_1', 'a', '{\"n\":2}');"
        "INSERT INTO import_threads (import_id, parent_id, cursor) VALUES ('imp_1', 'p2', 'c'), ('imp_1', 'p1', '');"));
    // Version 6 refuses the new state.
    EXPECT_FALSE((*db)->exec("UPDATE imports SET state = 'watching' WHERE id = 'imp_1'"));
  }
  auto db = server::Database::open(dir + "/tirage.db");
  ASSERT_TRUE(db);
  auto migrated = server::migrate(**db);
  ASSERT_TRUE(migrated) << migrated.error().message;
  auto job = (*db)->prepare("SELECT state, stage, pages, comments, pass_started_at, passes, collect_until FROM imports WHERE id = 'imp_1'");
  ASSERT_TRUE(job.step());
  EXPECT_EQ(job.text(0), "stopped");
  EXPECT_EQ(job.text(1), "replies");
  EXPECT_EQ(job.integer(2), 3);
  EXPECT_EQ(job.integer(3), 2);
  EXPECT_EQ(job.integer(4), 1700000000);  // the first pass began when the import was created
  EXPECT_EQ(job.integer(5), 0);
  EXPECT_TRUE(job.is_null(6));
  auto comments = (*db)->prepare("SELECT comment_id FROM import_comments WHERE import_id = 'imp_1' ORDER BY rowid");
  std::vector<std::string> order;
  while (comments.step()) order.push_back(comments.text(0));
  EXPECT_EQ(order, (std::vector<std::string>{"b", "a"}));  // arrival order kept
  auto threads = (*db)->prepare("SELECT parent_id, cursor FROM import_threads WHERE import_id = 'imp_1' ORDER BY rowid");
  ASSERT_TRUE(threads.step());
  EXPECT_EQ(threads.text(0), "p2");
  EXPECT_EQ(threads.text(1), "c");
  EXPECT_TRUE((*db)->exec("UPDATE imports SET state = 'watching' WHERE id = 'imp_1'"));
  // Foreign keys still hold after the rebuild.
  EXPECT_FALSE((*db)->exec("INSERT INTO import_comments (import_id, comment_id, body) VALUES ('imp_none', 'x', '{}')"));
  auto check = (*db)->prepare("PRAGMA foreign_key_check");
  EXPECT_FALSE(check.step());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tirage::testing
