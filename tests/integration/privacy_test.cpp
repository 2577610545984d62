// Personal data as promised (issue 14 item 7), on the real tirage-server:
// imported comments are deleted on schedule (after the draw that used them is
// published, or when no draw used them) and when Meta's data-deletion callback
// asks; an organizer deletes their own account (personal data goes, published
// statements stay, a last mail confirms it and is not kept); every legal page
// names the configured operator and states the configured retention; the
// landing page and every mail link the privacy policy.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <thread>

#include "shared/oauth/signed_request.hpp"
#include "tests/imports/fake_platform.hpp"
#include "tests/imports/wait_import.hpp"
#include "tests/integration/browser.hpp"
#include "tests/integration/fake_oauth.hpp"
#include "tests/integration/harness.hpp"
#include "tests/integration/mail_sink.hpp"

namespace tirage::testing {
namespace {

// The first column of the first row of sql in the server's database (read-only, beside the running server).
std::string query_one(const ServerUnderTest& server, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2((server.data_dir() + "/data/tirage.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* st = nullptr;
  std::string out = "no row";
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) out = std::string("bad sql: ") + sqlite3_errmsg(db);
  else if (sqlite3_step(st) == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(st, 0);
    out = t ? reinterpret_cast<const char*>(t) : "NULL";
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

std::string comment_rows(const ServerUnderTest& server, const std::string& import_id) {
  return query_one(server, "SELECT count(*) FROM import_comments WHERE import_id = '" + import_id + "'");
}

std::vector<std::string> import_args(const FakePlatform& fake, std::vector<std::string> more = {}) {
  std::vector<std::string> args = {"--sandbox", "--sandbox-token", "sandbox-token", "--platform-url", "instagram=" + fake.url(),
                                   "--import-backoff-ms", "10", "--import-wait-cap-ms", "200"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// An Instagram import of the fake's post, finished; its id.
std::string finished_import(const ServerUnderTest& server, const std::string& key) {
  auto created = server.post("/api/v1/imports", {{"platform", "instagram"}, {"post_id", "17900000000000001"}}, bearer(key));
  EXPECT_EQ(created.status, 201) << created.raw;
  const std::string id = created.body.value("id", "");
  Json job = wait_import(server, key, id, [](const Json& j) { return j["state"] != "running"; });
  EXPECT_EQ(job["state"], "done") << job.dump();
  return id;
}

// Polls the import until its comments are gone (410), for up to `seconds`; its JSON then.
Json wait_comments_gone(const ServerUnderTest& server, const std::string& key, const std::string& id, int seconds) {
  for (int i = 0; i < seconds * 10; ++i) {
    if (server.get("/api/v1/imports/" + id + "/comments", bearer(key)).status == 410) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return server.get("/api/v1/imports/" + id, bearer(key)).body;
}

// [SECTION] Imported comments on schedule

TEST(PrivacyRetention, CommentsStayWhileTheDrawWaitsAndGoAfterItIsPublished) {
  FakePlatform fake("instagram", 40);
  ServerUnderTest server(import_args(fake, {"--import-retention-seconds", "2", "--import-unused-retention-seconds", "3600"}));
  server.start();
  const std::string key = server.add_organizer("retention@example.com");
  const std::string id = finished_import(server, key);
  ASSERT_EQ(server.get("/api/v1/imports/" + id + "/comments", bearer(key)).status, 200);

  const std::string dir = make_temp_dir("privacy-draw");
  write_participants(dir + "/p.jsonl", 20);
  Json body = draw_body(dir + "/p.jsonl", 1, 0, "local", "g_retention");
  body["sources"] = Json::array({{{"platform", "instagram"}, {"post_id", "17900000000000001"}}});
  auto created = server.post("/api/v1/draws", body, bearer(key));
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string draw = created.body["draw_id"];
  // The beacon is at least 10 s away, far past the 2-second retention: a waiting draw keeps the comments.
  wait_for_beacon(server, draw);
  EXPECT_EQ(server.get("/api/v1/imports/" + id + "/comments", bearer(key)).status, 200) << "deleted while the draw waited";
  EXPECT_EQ(comment_rows(server, id), "40");

  auto published = server.post("/api/v1/draws/" + draw + "/result", result_body_from_tool(server, draw, dir + "/p.jsonl", 1, 0),
                                bearer(key));
  ASSERT_EQ(published.status, 201) << published.raw;
  Json job = wait_comments_gone(server, key, id, 20);
  EXPECT_EQ(job["comments_deleted_reason"], "retention_after_draw") << job.dump();
  EXPECT_TRUE(job["comments_deleted_at"].is_number_integer()) << job.dump();
  auto gone = server.get("/api/v1/imports/" + id + "/comments", bearer(key));
  EXPECT_EQ(gone.status, 410) << gone.raw;
  EXPECT_EQ(gone.body["error"]["code"], "gone");
  EXPECT_EQ(comment_rows(server, id), "0");
  // The published draw stays checkable.
  EXPECT_EQ(server.get("/api/v1/draws/" + draw + "/bundle").status, 200);
  std::filesystem::remove_all(dir);
}

TEST(PrivacyRetention, CommentsGoAfterTheDrawThatUsedThemIsAbandoned) {
  FakePlatform fake("instagram", 15);
  ServerUnderTest server(import_args(fake, {"--import-retention-seconds", "2", "--import-unused-retention-seconds", "3600",
                                            "--publish-window", "10"}));
  server.start();
  const std::string key = server.add_organizer("abandoned@example.com");
  const std::string id = finished_import(server, key);
  const std::string dir = make_temp_dir("privacy-abandoned");
  write_participants(dir + "/p.jsonl", 10);
  Json body = draw_body(dir + "/p.jsonl", 1, 0, "local", "g_abandoned");
  body["sources"] = Json::array({{{"platform", "instagram"}, {"post_id", "17900000000000001"}}});
  auto created = server.post("/api/v1/draws", body, bearer(key));
  ASSERT_EQ(created.status, 201) << created.raw;
  // No result is published: 10 s to the beacon, 10 more to the deadline, then the 2-second retention.
  wait_for_beacon(server, created.body["draw_id"]);
  EXPECT_EQ(comment_rows(server, id), "15") << "deleted before the draw was abandoned";
  Json job = wait_comments_gone(server, key, id, 25);
  EXPECT_EQ(job["comments_deleted_reason"], "retention_after_draw") << job.dump();
  EXPECT_EQ(comment_rows(server, id), "0");
  EXPECT_EQ(server.get("/api/v1/draws/" + created.body["draw_id"].get<std::string>()).body["status"], "abandoned");
  std::filesystem::remove_all(dir);
}

TEST(PrivacyRetention, CommentsOfAnImportNoDrawUsedGoAfterTheUnusedRetention) {
  FakePlatform fake("instagram", 30);
  ServerUnderTest server(import_args(fake, {"--import-unused-retention-seconds", "2"}));
  server.start();
  const std::string key = server.add_organizer("unused@example.com");
  const std::string id = finished_import(server, key);
  EXPECT_EQ(comment_rows(server, id), "30");
  Json job = wait_comments_gone(server, key, id, 15);
  EXPECT_EQ(job["comments_deleted_reason"], "retention_unused") << job.dump();
  EXPECT_EQ(comment_rows(server, id), "0");
  // The import's own record stays, saying what it had.
  EXPECT_EQ(job["progress"]["comments"], 30);
}

TEST(PrivacyRetention, RetentionSettingsAreChecked) {
  for (const auto& [flag, value] : {std::pair{"--import-retention-seconds", "0"}, std::pair{"--import-unused-retention-seconds", "x"},
                                    std::pair{"--import-retention-seconds", "99999999999"}}) {
    std::string out;
    const std::string data = make_temp_dir("privacy-flags");
    const int rc = run(std::string("timeout 10 '") + TIRAGE_SERVER + "' --data '" + data + "' --listen 127.0.0.1:0 --beacon local " + flag +
                           " " + value + " 2>&1",
                       &out);
    EXPECT_NE(rc, 0) << flag << " " << value;
    EXPECT_NE(out.find(flag), std::string::npos) << out;
    std::filesystem::remove_all(data);
  }
  // The environment variable is read, and checked the same way.
  std::string out;
  const std::string data = make_temp_dir("privacy-env");
  EXPECT_NE(run("TIRAGE_IMPORT_RETENTION_SECONDS=0 timeout 10 '" + std::string(TIRAGE_SERVER) + "' --data '" + data +
                    "' --listen 127.0.0.1:0 --beacon local 2>&1",
                &out),
            0);
  EXPECT_NE(out.find("TIRAGE_IMPORT_RETENTION_SECONDS must be a number"), std::string::npos) << out;
  std::filesystem::remove_all(data);
}

// [SECTION] Meta's data-deletion callback

TEST(PrivacyMeta, DataDeletionCallbackDeletesTheCommentsImportedFromThatPlatform) {
  FakeOAuth oauth;
  FakePlatform fake("instagram", 25);
  ServerUnderTest server(import_args(fake, {"--oauth-sandbox", oauth.url()}));
  server.start();
  const std::string key = server.add_organizer("meta@example.com");
  Browser b{server.url(), {}};
  auto login = b.request("POST", server.url() + "/api/v1/accounts/login",
                         Json{{"email", "meta@example.com"}, {"password", "a long enough password"}}.dump(), "application/json");
  ASSERT_EQ(login.status, 200) << login.body;
  for (const auto& hop : b.follow(server.url() + "/api/v1/oauth/instagram/start?purpose=connect"))
    if (hop.status >= 400 && hop.url.find("/app") == std::string::npos) ADD_FAILURE() << hop.url << ": " << hop.body;
  ASSERT_EQ(query_one(server, "SELECT app_user_id FROM connections WHERE platform = 'instagram'"), "8392019283746512");
  const std::string id = finished_import(server, key);
  ASSERT_EQ(comment_rows(server, id), "25");

  const Json payload = {{"algorithm", "HMAC-SHA256"}, {"issued_at", std::time(nullptr)}, {"user_id", "8392019283746512"}};
  auto ok = server.post_raw("/api/v1/oauth/instagram/data-deletion",
                            "signed_request=" + make_signed_request(payload, FakeOAuth::kInstagramSecret),
                            "application/x-www-form-urlencoded");
  ASSERT_EQ(ok.status, 200) << ok.raw;
  EXPECT_EQ(comment_rows(server, id), "0");
  auto gone = server.get("/api/v1/imports/" + id + "/comments", bearer(key));
  EXPECT_EQ(gone.status, 410) << gone.raw;
  EXPECT_EQ(server.get("/api/v1/imports/" + id, bearer(key)).body["comments_deleted_reason"], "platform_deletion_request");
  const std::string code = ok.body["confirmation_code"];
  auto status = server.get("/api/v1/data-deletion/" + code);
  EXPECT_EQ(status.body["imports_with_comments_deleted"], 1) << status.raw;
  auto page = server.get("/data-deletion/status?code=" + code + "&lang=en");
  EXPECT_NE(page.raw.find("Imports whose comments were deleted: 1"), std::string::npos) << page.raw;
}

// [SECTION] Self-service account deletion

TEST(PrivacyAccount, DeletingTheAccountRemovesPersonalDataKeepsPublishedStatementsAndMailsOnce) {
  MailSink sink;
  FakePlatform fake("instagram", 12);
  ServerUnderTest server(import_args(fake, {"--smtp-url", "smtp://127.0.0.1:" + std::to_string(sink.port()),
                                            "--mail-retry-seconds", "1"}));
  server.start();
  const std::string email = "leaving@example.com";
  const std::string key = server.add_organizer(email);
  const std::string import_id = finished_import(server, key);
  const std::string dir = make_temp_dir("privacy-account");
  write_participants(dir + "/p.jsonl", 5);
  auto created = server.post("/api/v1/draws", draw_body(dir + "/p.jsonl", 1, 0, "local", "g_leaving"), bearer(key));
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string draw = created.body["draw_id"];

  Browser b{server.url(), {}};
  auto login = b.request("POST", server.url() + "/api/v1/accounts/login",
                         Json{{"email", email}, {"password", "a long enough password"}}.dump(), "application/json");
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string csrf = (*parse_json(login.body))["csrf_token"];
  b.extra_headers["X-CSRF-Token"] = csrf;

  // The confirmation must be the account's address, typed in full; without the CSRF token, nothing happens.
  auto wrong = b.request("POST", server.url() + "/api/v1/account/delete", Json{{"confirm", "leaving"}}.dump(), "application/json");
  EXPECT_EQ(wrong.status, 400) << wrong.body;
  Browser no_csrf{server.url(), b.cookies};
  EXPECT_EQ(no_csrf.request("POST", server.url() + "/api/v1/account/delete", Json{{"confirm", email}}.dump(), "application/json").status,
            403);
  // An API key cannot delete the account, even with the address.
  EXPECT_EQ(server.post("/api/v1/account/delete", {{"confirm", email}}, bearer(key)).status, 403);
  EXPECT_EQ(server.get("/api/v1/me", bearer(key)).status, 200);

  auto deleted = b.request("POST", server.url() + "/api/v1/account/delete", Json{{"confirm", " Leaving@Example.com"}}.dump(),
                           "application/json");
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  const Json answer = *parse_json(deleted.body);
  EXPECT_EQ(answer["imports_deleted"], 1);
  EXPECT_EQ(answer["comments_deleted"], 12);
  EXPECT_EQ(answer["draws_kept"], 1);

  // Every way in is gone.
  EXPECT_EQ(b.request("GET", server.url() + "/api/v1/me").status, 401);
  EXPECT_EQ(server.get("/api/v1/me", bearer(key)).status, 401);
  EXPECT_EQ(server.post("/api/v1/accounts/login", {{"email", email}, {"password", "a long enough password"}}).status, 401);
  // Personal data is gone from the database; the published statement and the draw record stay.
  EXPECT_EQ(query_one(server, "SELECT count(*) FROM organizers WHERE email = '" + email + "'"), "0");
  EXPECT_EQ(query_one(server, "SELECT count(*) FROM import_comments"), "0");
  EXPECT_EQ(query_one(server, "SELECT count(*) FROM imports WHERE id = '" + import_id + "'"), "0");
  EXPECT_EQ(query_one(server, "SELECT count(*) FROM sessions"), "0");
  EXPECT_EQ(query_one(server, "SELECT count(*) FROM api_keys"), "0");
  EXPECT_EQ(server.get("/api/v1/draws/" + draw).status, 200);
  EXPECT_EQ(query_one(server, "SELECT count(*) FROM log_entries WHERE draw_id = '" + draw + "'"), "1");

  // One mail confirms it, links the privacy policy, and is not kept once sent.
  auto mails = sink.mails_for(email);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0]["subject"], "Your Tirage account is deleted");
  const std::string text = mails[0]["text"];
  EXPECT_NE(text.find("What stays"), std::string::npos) << text;
  EXPECT_NE(text.find(server.url() + "/privacy?lang=en"), std::string::npos) << text;
  std::string left = "1";
  for (int i = 0; i < 50 && left != "0"; ++i) {
    left = query_one(server, "SELECT count(*) FROM outbox WHERE recipient = '" + email + "'");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(left, "0") << "the mail to a deleted account stays in the outbox";
  // The address is free again: signing up creates a new account.
  EXPECT_EQ(server.post("/api/v1/accounts/signup", {{"email", email}, {"password", "another long password 7"}}).status, 202);
  EXPECT_EQ(query_one(server, "SELECT count(*) FROM organizers WHERE email = '" + email + "'"), "1");
  std::filesystem::remove_all(dir);
}

// [SECTION] The operator on every legal page, the privacy policy everywhere

TEST(PrivacyPages, EveryLegalPageNamesTheConfiguredOperatorAndTheRetention) {
  ServerUnderTest server({"--operator-name", "Exemple Tirages SAS", "--operator-address", "12 rue de la Paix, 75002 Paris",
                          "--operator-contact", "privacy@exemple.test", "--import-retention-seconds", "172800",
                          "--import-unused-retention-seconds", "3600"});
  server.start();
  for (const char* lang : {"en", "fr", "es", "de"})
    for (const char* path : {"/privacy", "/terms", "/data-deletion", "/data-deletion/status?code=NOPE"}) {
      const std::string url = std::string(path) + (std::string(path).find('?') == std::string::npos ? "?" : "&") + "lang=" + lang;
      auto page = server.get(url);
      for (const char* want : {"Exemple Tirages SAS", "12 rue de la Paix, 75002 Paris", "privacy@exemple.test"})
        EXPECT_NE(page.raw.find(want), std::string::npos) << url << " lacks " << want;
    }
  const std::map<std::string, std::pair<std::string, std::string>> retention = {
      {"en", {"2 days", "1 hour"}}, {"fr", {"2 jours", "1 heure"}}, {"es", {"2 días", "1 hora"}}, {"de", {"2 Tage", "1 Stunde"}}};
  for (const auto& [lang, says] : retention) {
    auto privacy = server.get("/privacy?lang=" + lang);
    EXPECT_NE(privacy.raw.find(says.first), std::string::npos) << lang;
    EXPECT_NE(privacy.raw.find(says.second), std::string::npos) << lang;
  }
}

TEST(PrivacyPages, WithoutAnOperatorThePagesSaySoRatherThanPretend) {
  ServerUnderTest server;
  server.start();
  auto page = server.get("/privacy?lang=en");
  EXPECT_NE(page.raw.find("Operator: not stated"), std::string::npos) << page.raw;
  EXPECT_NE(server.log().find("operator_unnamed"), std::string::npos);
}

TEST(PrivacyPages, TheLandingPageAndEveryMailLinkThePrivacyPolicy) {
  MailSink sink;
  // The repository's public/ and web/, wherever the test runs from (ctest runs it in the build tree).
  ServerUnderTest server({"--smtp-url", "smtp://127.0.0.1:" + std::to_string(sink.port()), "--static", TIRAGE_REPO});
  server.start();
  auto landing = server.get("/");
  ASSERT_EQ(landing.status, 200);
  EXPECT_NE(landing.raw.find("href=\"/privacy\""), std::string::npos) << landing.raw;
  // A sign-up (verify), the same address again (account_exists), a reset: each mail ends with the link.
  ASSERT_EQ(server.post("/api/v1/accounts/signup", {{"email", "mails@example.com"}, {"password", "a long enough password"},
                                                    {"language", "de"}}).status, 202);
  ASSERT_EQ(server.post("/api/v1/accounts/signup", {{"email", "mails@example.com"}, {"password", "a long enough password"}}).status,
            202);
  ASSERT_EQ(server.post("/api/v1/accounts/password-reset", {{"email", "mails@example.com"}}).status, 202);
  auto mails = sink.mails_for("mails@example.com", 3);
  ASSERT_EQ(mails.size(), 3u);
  for (const auto& m : mails) {
    const std::string text = m["text"];
    EXPECT_NE(text.find(server.url() + "/privacy?lang=de"), std::string::npos) << text;
    EXPECT_NE(text.find("Wie Tirage mit Ihren Daten umgeht"), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace tirage::testing
