// Attacks with Meta's signed callbacks (issue 14, item 4): a signed_request
// captured once (a log, a proxy) stays validly signed forever. Replayed days
// later, or replayed after the person connected again, it must not delete
// anything; replayed at once, it must not make a second deletion request.
#include <gtest/gtest.h>

#include <ctime>

#include "shared/oauth/signed_request.hpp"
#include "tests/integration/browser.hpp"
#include "tests/integration/fake_oauth.hpp"
#include "tests/integration/harness.hpp"
#include "tests/security/attack_report.hpp"

namespace tirage::testing {
namespace {

class MetaCallbackAttacks : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    oauth_ = new FakeOAuth();
    server_ = new ServerUnderTest({"--oauth-sandbox", oauth_->url()});
    server_->start();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete oauth_;
  }
  static HttpAnswer callback(const std::string& kind, const Json& payload) {
    return server_->post_raw("/api/v1/oauth/facebook/" + kind, "signed_request=" + make_signed_request(payload, FakeOAuth::kFacebookSecret),
                             "application/x-www-form-urlencoded");
  }
  // A browser signed in as a new organizer (its API key in *key) with Facebook connected as subject.
  static Browser connected(const std::string& email, const std::string& subject, std::string* key) {
    *key = server_->add_organizer(email);
    Browser b(server_->url());
    b.request("POST", server_->url() + "/api/v1/accounts/login", Json{{"email", email}, {"password", "a long enough password"}}.dump(),
              "application/json");
    oauth_->identity({{"provider", "facebook"}, {"subject", subject}, {"name", "Page Owner"}});
    connect(b);
    return b;
  }
  static void connect(Browser& b) { b.follow(server_->url() + "/api/v1/oauth/facebook/start?purpose=connect"); }
  static bool has_facebook(const std::string& key) {
    auto r = server_->get("/api/v1/connections", bearer(key));
    for (const auto& c : r.body["connections"])
      if (c["platform"] == "facebook") return true;
    return false;
  }
  static std::string count(const std::string& table) {
    std::string out;
    run("sqlite3 '" + server_->data_dir() + "/data/tirage.db' 'SELECT COUNT(*) FROM " + table + "'", &out);
    return out.substr(0, out.find('\n'));
  }

  static FakeOAuth* oauth_;
  static ServerUnderTest* server_;
};
FakeOAuth* MetaCallbackAttacks::oauth_ = nullptr;
ServerUnderTest* MetaCallbackAttacks::server_ = nullptr;

TEST_F(MetaCallbackAttacks, AnOldSignedRequestIsRefused) {
  attack("replay a validly signed data-deletion or deauthorize request captured two days ago (or one with no issued_at)");
  std::string key;
  Browser b = connected("stale@example.com", "fb-stale", &key);
  ASSERT_TRUE(has_facebook(key));
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  for (const char* kind : {"deauthorize", "data-deletion"}) {
    auto old = callback(kind, {{"algorithm", "HMAC-SHA256"}, {"issued_at", now - 2 * 86400}, {"user_id", "fb-stale"}});
    EXPECT_EQ(old.status, 400) << kind << ": " << old.raw;
    EXPECT_EQ(old.body["error"]["code"], "stale_signed_request") << old.raw;
    auto undated = callback(kind, {{"algorithm", "HMAC-SHA256"}, {"user_id", "fb-stale"}});
    EXPECT_EQ(undated.status, 400) << kind << ": " << undated.raw;
  }
  EXPECT_TRUE(has_facebook(key)) << "a stale request deleted the connection";
}

TEST_F(MetaCallbackAttacks, AReplayedDeletionRequestIsOneRequest) {
  attack("replay a fresh data-deletion request to make a second deletion request with a new code");
  std::string key;
  Browser b = connected("replay@example.com", "fb-replay", &key);
  const Json payload = {{"algorithm", "HMAC-SHA256"}, {"issued_at", static_cast<std::int64_t>(std::time(nullptr))}, {"user_id", "fb-replay"}};
  const std::string before = count("data_deletion_requests");
  auto first = callback("data-deletion", payload);
  auto again = callback("data-deletion", payload);
  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(again.body["confirmation_code"], first.body["confirmation_code"]);
  EXPECT_EQ(std::stoi(count("data_deletion_requests")), std::stoi(before) + 1);
  EXPECT_FALSE(has_facebook(key));
}

TEST_F(MetaCallbackAttacks, AReplayedDeauthorizeDoesNotEndALaterConnection) {
  attack("replay a deauthorize request after the person connected Facebook again, to cut the new connection");
  std::string key;
  Browser b = connected("again@example.com", "fb-again", &key);
  const Json payload = {{"algorithm", "HMAC-SHA256"}, {"issued_at", static_cast<std::int64_t>(std::time(nullptr))}, {"user_id", "fb-again"}};
  ASSERT_EQ(callback("deauthorize", payload).status, 200);
  ASSERT_FALSE(has_facebook(key));
  connect(b);  // the person comes back
  ASSERT_TRUE(has_facebook(key));
  auto replay = callback("deauthorize", payload);
  EXPECT_EQ(replay.status, 200) << replay.raw;
  EXPECT_TRUE(has_facebook(key)) << "the replayed request ended the new connection";
}

}  // namespace
}  // namespace tirage::testing
