// The public API's promises to programs (server/http/api_gate.hpp): every
// answer to an API key says its rate limit, a key over it is refused, a key
// does only what its scopes allow, and a POST retried with the same
// Idempotency-Key is done once. Against a real tirage-server.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <filesystem>

#include "tests/integration/harness.hpp"

namespace tirage::testing {
namespace {

class ApiKeysTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerUnderTest({"--api-key-rate", "40"});
    server_->start();
    key_ = server_->add_organizer("programs@example.com");
    dir_ = make_temp_dir("api_keys");
    participants_ = dir_ + "/participants.jsonl";
    write_participants(participants_, 20);
  }
  static void TearDownTestSuite() {
    delete server_;
    std::filesystem::remove_all(dir_);
  }
  // A new key of the organizer behind `full`, holding `scopes`; checks the answer and the listing say so.
  static std::string key_with(const std::string& full, const Json& scopes) {
    auto made = server_->post("/api/v1/api-keys", Json{{"label", "scoped"}, {"scopes", scopes}}, bearer(full));
    EXPECT_EQ(made.status, 201) << made.raw;
    EXPECT_EQ(made.body["scopes"], scopes) << made.raw;
    const std::string id = made.body["id"];
    bool listed = false;
    const auto keys = server_->get("/api/v1/api-keys", bearer(full));
    for (const auto& k : keys.body["api_keys"])
      if (k["id"] == id) listed = k["scopes"] == scopes;
    EXPECT_TRUE(listed) << "the key list must show the new key's scopes";
    return made.body["key"];
  }
  static int draws_listed(const std::string& key) { return static_cast<int>(server_->get("/api/v1/draws", bearer(key)).body["draws"].size()); }

  static ServerUnderTest* server_;
  static std::string key_, dir_, participants_;
};
ServerUnderTest* ApiKeysTest::server_ = nullptr;
std::string ApiKeysTest::key_, ApiKeysTest::dir_, ApiKeysTest::participants_;

TEST_F(ApiKeysTest, EveryAnswerToAKeySaysItsRateLimitAndAKeyOverItIsRefused) {
  const std::string key = server_->add_organizer("busy@example.com");
  auto first = server_->get("/api/v1/me", bearer(key));
  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(first.headers["RateLimit-Limit"], "40");
  EXPECT_EQ(first.headers["RateLimit-Remaining"], "39");
  const int reset = std::stoi(first.headers["RateLimit-Reset"]);
  EXPECT_GE(reset, 1);
  EXPECT_LE(reset, 60);
  // An error answer to a key carries them too.
  auto missing = server_->get("/api/v1/draws/d_nothing_here_at_all", bearer(key));
  EXPECT_EQ(missing.headers["RateLimit-Remaining"], "38");
  int refused = 0;
  for (int i = 0; i < 45; ++i) {
    auto r = server_->get("/api/v1/me", bearer(key));
    if (r.status == 429) {
      ++refused;
      EXPECT_EQ(r.body["error"]["code"], "rate_limited") << r.raw;
      EXPECT_GE(std::stoi(r.headers["Retry-After"]), 1);
      EXPECT_EQ(r.headers["RateLimit-Remaining"], "0");
    }
  }
  EXPECT_EQ(refused, 7);  // 40 allowed in the minute: 2 above, then 38 of the 45
  // Another key is not slowed by this one, and public reads without a key carry no such headers.
  auto other = server_->get("/api/v1/me", bearer(key_));
  EXPECT_EQ(other.status, 200);
  auto pub = server_->get("/api/v1/log/sth");
  EXPECT_EQ(pub.headers.count("RateLimit-Limit"), 0u);
}

TEST_F(ApiKeysTest, AKeyDoesOnlyWhatItsScopesAllow) {
  const std::string owner = server_->add_organizer("reader@example.com");
  const std::string reader = key_with(owner, Json::array({"read"}));
  EXPECT_EQ(server_->get("/api/v1/draws", bearer(reader)).status, 200);
  auto draw = server_->post("/api/v1/draws", draw_body(participants_, 1, 0, "local", "g_scoped_read"), bearer(reader));
  EXPECT_EQ(draw.status, 403) << draw.raw;
  EXPECT_EQ(draw.body["error"]["code"], "insufficient_scope");
  EXPECT_NE(draw.body["error"]["message"].get<std::string>().find("\"draw\" scope"), std::string::npos) << draw.raw;
  EXPECT_EQ(draws_listed(reader), 0) << "a refused draw must not be committed";
  auto key = server_->post("/api/v1/api-keys", Json::object(), bearer(reader));
  EXPECT_EQ(key.status, 403) << "a read-only key must not mint a key with more scopes: " << key.raw;

  const std::string drawer = key_with(owner, Json::array({"read", "draw"}));
  EXPECT_EQ(server_->post("/api/v1/draws", draw_body(participants_, 1, 0, "local", "g_scoped_draw"), bearer(drawer)).status, 201);
  auto import = server_->post("/api/v1/imports", Json{{"platform", "instagram"}, {"post_id", "17900000000000001"}}, bearer(drawer));
  EXPECT_EQ(import.status, 403) << import.raw;
  EXPECT_EQ(import.body["error"]["code"], "insufficient_scope");
  auto list = server_->get("/api/v1/draws", bearer(drawer));
  EXPECT_EQ(list.status, 200) << list.raw;

  // Keys made before scopes existed, and keys made without "scopes", hold every scope.
  const auto listed = server_->get("/api/v1/api-keys", bearer(owner));
  int full = 0;
  for (const auto& k : listed.body["api_keys"])
    if (k["label"] == "created by user add") full += k["scopes"] == Json::array({"read", "draw", "import"});
  EXPECT_EQ(full, 1) << listed.raw;
  // Bad scopes are refused, naming the element, and make no key.
  for (const Json& bad : {Json::array({"read", "admin"}), Json::array(), Json("read"), Json::array({"draw", "draw"})}) {
    auto refused = server_->post("/api/v1/api-keys", Json{{"scopes", bad}}, bearer(owner));
    EXPECT_EQ(refused.status, 400) << bad.dump() << " " << refused.raw;
  }
  EXPECT_EQ(server_->get("/api/v1/api-keys", bearer(owner)).body["api_keys"].size(), 3u);

  // A revoked or unknown key is refused as before (401), whatever its scopes were.
  auto unknown = server_->post("/api/v1/draws", draw_body(participants_, 1, 0, "local", "g_scoped_x"),
                               bearer("tk_" + std::string(64, '0')));
  EXPECT_EQ(unknown.status, 401) << unknown.raw;
}

TEST_F(ApiKeysTest, APostRetriedWithItsIdempotencyKeyIsDoneOnce) {
  const std::string key = server_->add_organizer("retry@example.com");
  auto headers = bearer(key);
  headers.emplace("Idempotency-Key", "commit-g_retry-1");
  const Json body = draw_body(participants_, 2, 1, "local", "g_retry");
  auto first = server_->post("/api/v1/draws", body, headers);
  ASSERT_EQ(first.status, 201) << first.raw;
  EXPECT_EQ(first.headers.count("Idempotent-Replayed"), 0u);
  auto again = server_->post("/api/v1/draws", body, headers);
  ASSERT_EQ(again.status, 201) << again.raw;
  EXPECT_EQ(again.headers["Idempotent-Replayed"], "true");
  EXPECT_EQ(again.body["draw_id"], first.body["draw_id"]);
  EXPECT_EQ(again.raw, first.raw) << "a replay answers the first answer, byte for byte";
  EXPECT_EQ(draws_listed(key), 1) << "the retried commitment must not be committed twice";

  // The same key for another request is refused, and commits nothing.
  auto other = server_->post("/api/v1/draws", draw_body(participants_, 3, 0, "local", "g_retry"), headers);
  EXPECT_EQ(other.status, 422) << other.raw;
  EXPECT_EQ(other.body["error"]["code"], "idempotency_key_reused");
  EXPECT_EQ(draws_listed(key), 1);

  // A refusal for bad input is kept too: retrying it gets the same 400, not a second attempt.
  auto bad_headers = bearer(key);
  bad_headers.emplace("Idempotency-Key", "bad-body-1");
  auto bad = server_->post("/api/v1/draws", Json{{"title", "no root"}}, bad_headers);
  EXPECT_EQ(bad.status, 400) << bad.raw;
  auto bad_again = server_->post("/api/v1/draws", Json{{"title", "no root"}}, bad_headers);
  EXPECT_EQ(bad_again.status, 400);
  EXPECT_EQ(bad_again.headers["Idempotent-Replayed"], "true");

  // Keys belong to their credential: another organizer's same key runs their own request.
  const std::string other_key = server_->add_organizer("retry2@example.com");
  auto theirs_headers = bearer(other_key);
  theirs_headers.emplace("Idempotency-Key", "commit-g_retry-1");
  auto theirs = server_->post("/api/v1/draws", draw_body(participants_, 2, 1, "local", "g_retry_2"), theirs_headers);
  EXPECT_EQ(theirs.status, 201) << theirs.raw;
  EXPECT_EQ(theirs.headers.count("Idempotent-Replayed"), 0u);
  EXPECT_NE(theirs.body["draw_id"], first.body["draw_id"]);

  // A malformed key is refused, naming the rule.
  auto malformed_headers = bearer(key);
  malformed_headers.emplace("Idempotency-Key", "has a space");
  auto malformed = server_->post("/api/v1/draws", body, malformed_headers);
  EXPECT_EQ(malformed.status, 400) << malformed.raw;
  EXPECT_NE(malformed.raw.find("Idempotency-Key"), std::string::npos);
}

TEST_F(ApiKeysTest, AnIdempotencyKeyOlderThanADayIsForgottenEvenBetweenPurges) {
  const std::string key = server_->add_organizer("retry-late@example.com");
  auto headers = bearer(key);
  headers.emplace("Idempotency-Key", "commit-g_late-1");
  const Json body = draw_body(participants_, 2, 1, "local", "g_late");
  auto first = server_->post("/api/v1/draws", body, headers);
  ASSERT_EQ(first.status, 201) << first.raw;

  // A day and a second later (the row aged in the real database file, the server running), well
  // within the minute between two purges of expired keys.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((server_->data_dir() + "/data/tirage.db").c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE idempotent_requests SET created_at = created_at - 86401", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);

  auto later = server_->post("/api/v1/draws", body, headers);
  EXPECT_EQ(later.headers.count("Idempotent-Replayed"), 0u) << "an expired key must not replay the first answer: " << later.raw;
  EXPECT_NE(later.raw, first.raw) << "the request runs again, as a new one";
}

}  // namespace
}  // namespace tirage::testing
