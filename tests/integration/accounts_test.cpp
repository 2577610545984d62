// Accounts over the browser's path: sign-up, verification mail through a real
// SMTP server (aiosmtpd), login sessions, CSRF, password reset, rate limits,
// API keys; each attack is tried and refused.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <thread>

#include "tests/integration/harness.hpp"

namespace tirage::testing {
namespace {

class AccountsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    maildir_ = make_temp_dir("maildir");
    smtp_port_ = free_port();
    smtp_.start({"/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(smtp_port_), "-c",
                 "aiosmtpd.handlers.Mailbox", maildir_ + "/box"},
                maildir_ + "/smtp.log");
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    server_ = new ServerUnderTest({"--smtp-url", "smtp://127.0.0.1:" + std::to_string(smtp_port_)});
    server_->start();
  }
  static void TearDownTestSuite() {
    delete server_;
    smtp_.kill_now();
    std::filesystem::remove_all(maildir_);
  }

  // The mails received for an address, waiting up to 15 s for `count` of them.
  static std::vector<Json> mails_for(const std::string& address, std::size_t count = 1) {
    std::vector<Json> out;
    for (int i = 0; i < 150; ++i) {
      std::string text;
      run("/usr/bin/python3 '" + std::string(TIRAGE_FAKES) + "/read_mail.py' '" + maildir_ + "/box' '" + address + "'",
          &text);
      out.clear();
      std::istringstream lines(text);
      for (std::string line; std::getline(lines, line);)
        if (auto j = parse_json(line)) out.push_back(*j);
      if (out.size() >= count) return out;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "no mail for " << address << "; smtp log and server log:\n" << server_->log();
    return out;
  }

  static std::string token_in(const Json& mail, const std::string& kind) {
    std::smatch m;
    const std::string text = mail["text"];
    EXPECT_TRUE(std::regex_search(text, m, std::regex(kind + "=([0-9a-f]{64})"))) << text;
    return m.size() > 1 ? m[1].str() : "";
  }

  struct Login {
    std::string cookie, csrf;
  };
  static Login login(const std::string& email, const std::string& password, int expect = 200) {
    auto r = server_->post("/api/v1/accounts/login", Json{{"email", email}, {"password", password}});
    EXPECT_EQ(r.status, expect) << r.raw;
    Login l;
    const std::string set = r.headers["Set-Cookie"];
    l.cookie = set.substr(0, set.find(';'));
    if (r.status == 200) l.csrf = r.body["csrf_token"];
    EXPECT_TRUE(r.status != 200 || set.find("HttpOnly") != std::string::npos) << set;
    EXPECT_TRUE(r.status != 200 || set.find("SameSite=Lax") != std::string::npos) << set;
    return l;
  }

  static ServerUnderTest* server_;
  static Process smtp_;
  static std::string maildir_;
  static int smtp_port_;
};
ServerUnderTest* AccountsTest::server_ = nullptr;
Process AccountsTest::smtp_;
std::string AccountsTest::maildir_;
int AccountsTest::smtp_port_ = 0;

TEST_F(AccountsTest, SignUpVerifyByMailAndLogIn) {
  auto r = server_->post("/api/v1/accounts/signup",
                         Json{{"email", "Zoe@Example.com"}, {"password", "a perfectly fine passphrase"}, {"language", "fr"}});
  ASSERT_EQ(r.status, 202) << r.raw;
  EXPECT_EQ(r.body["email"], "zoe@example.com");
  auto mails = mails_for("zoe@example.com");
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0]["subject"], "Confirmez votre compte Tirage");
  EXPECT_TRUE(mails[0]["has_html"].get<bool>());
  const std::string token = token_in(mails[0], "verify");
  EXPECT_EQ(server_->post("/api/v1/accounts/verify", Json{{"token", token}}).status, 200);
  // The link works once.
  EXPECT_EQ(server_->post("/api/v1/accounts/verify", Json{{"token", token}}).status, 400);

  Login l = login("zoe@example.com", "a perfectly fine passphrase");
  auto me = server_->get("/api/v1/me", {{"Cookie", l.cookie}});
  ASSERT_EQ(me.status, 200) << me.raw;
  EXPECT_EQ(me.body["email"], "zoe@example.com");
  // Signing up again answers the same (tests/security tells why); the owner gets a mail instead.
  EXPECT_EQ(server_->post("/api/v1/accounts/signup",
                          Json{{"email", "zoe@example.com"}, {"password", "another fine passphrase"}}).status, 202);
  EXPECT_EQ(mails_for("zoe@example.com", 2).back()["subject"], "Vous avez déjà un compte Tirage");
}

TEST_F(AccountsTest, WeakPasswordsAndBadEmailsAreRefused) {
  for (const char* pw : {"short", "password123", "aaaaaaaaaaaa"}) {
    auto r = server_->post("/api/v1/accounts/signup", Json{{"email", "weak@example.com"}, {"password", pw}});
    EXPECT_EQ(r.status, 400) << pw;
    EXPECT_EQ(r.body["error"]["code"], "weak_password") << pw;
  }
  EXPECT_EQ(server_->post("/api/v1/accounts/signup", Json{{"email", "not-an-email"}, {"password", "long enough pass"}}).status,
            400);
}

TEST_F(AccountsTest, StateChangesWithACookieNeedTheCsrfHeader) {
  server_->add_organizer("carol@example.com");
  Login l = login("carol@example.com", "a long enough password");
  Json body = Json{{"label", "laptop"}};
  auto no_csrf = server_->post("/api/v1/api-keys", body, {{"Cookie", l.cookie}});
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(no_csrf.body["error"]["code"], "csrf");
  auto wrong = server_->post("/api/v1/api-keys", body, {{"Cookie", l.cookie}, {"X-CSRF-Token", std::string(64, 'f')}});
  EXPECT_EQ(wrong.status, 403);
  auto ok = server_->post("/api/v1/api-keys", body, {{"Cookie", l.cookie}, {"X-CSRF-Token", l.csrf}});
  ASSERT_EQ(ok.status, 201) << ok.raw;
  const std::string key = ok.body["key"], key_id = ok.body["id"];
  EXPECT_EQ(server_->get("/api/v1/me", bearer(key)).status, 200);
  // Revoking the key: it stops working at once.
  EXPECT_EQ(server_->del("/api/v1/api-keys/" + key_id, {{"Cookie", l.cookie}}).status, 403);
  EXPECT_EQ(server_->del("/api/v1/api-keys/" + key_id, {{"Cookie", l.cookie}, {"X-CSRF-Token", l.csrf}}).status, 200);
  EXPECT_EQ(server_->get("/api/v1/me", bearer(key)).status, 401);
  // Logging out ends the session.
  EXPECT_EQ(server_->post("/api/v1/accounts/logout", Json::object(), {{"Cookie", l.cookie}, {"X-CSRF-Token", l.csrf}}).status,
            200);
  EXPECT_EQ(server_->get("/api/v1/me", {{"Cookie", l.cookie}}).status, 401);
}

TEST_F(AccountsTest, AnotherOrganizersKeyCannotBeRevoked) {
  const std::string dave = server_->add_organizer("dave@example.com");
  const std::string erin = server_->add_organizer("erin@example.com");
  auto keys = server_->get("/api/v1/api-keys", bearer(dave));
  const std::string dave_key_id = keys.body["api_keys"][0]["id"];
  EXPECT_EQ(server_->del("/api/v1/api-keys/" + dave_key_id, bearer(erin)).status, 404);
  EXPECT_EQ(server_->get("/api/v1/me", bearer(dave)).status, 200);
}

TEST_F(AccountsTest, PasswordResetLinkIsSingleUseAndEndsSessions) {
  server_->add_organizer("frank@example.com");
  Login old_session = login("frank@example.com", "a long enough password");
  EXPECT_EQ(server_->post("/api/v1/accounts/password-reset", Json{{"email", "frank@example.com"}}).status, 202);
  // Unknown addresses get the same answer, so accounts cannot be discovered.
  EXPECT_EQ(server_->post("/api/v1/accounts/password-reset", Json{{"email", "nobody@example.com"}}).status, 202);
  auto mails = mails_for("frank@example.com");
  ASSERT_FALSE(mails.empty());
  const std::string token = token_in(mails.back(), "reset");
  Json confirm{{"token", token}, {"password", "a brand new passphrase"}};
  EXPECT_EQ(server_->post("/api/v1/accounts/password-reset/confirm", confirm).status, 200);
  // Replayed: refused.
  confirm["password"] = "yet another passphrase";
  EXPECT_EQ(server_->post("/api/v1/accounts/password-reset/confirm", confirm).status, 400);
  EXPECT_EQ(server_->get("/api/v1/me", {{"Cookie", old_session.cookie}}).status, 401);
  login("frank@example.com", "a long enough password", 401);
  login("frank@example.com", "a brand new passphrase", 200);
}

TEST_F(AccountsTest, ExpiredResetTokenIsRefused) {
  server_->add_organizer("gina@example.com");
  EXPECT_EQ(server_->post("/api/v1/accounts/password-reset", Json{{"email", "gina@example.com"}}).status, 202);
  auto mails = mails_for("gina@example.com");
  ASSERT_FALSE(mails.empty());
  const std::string token = token_in(mails.back(), "reset");
  // Age every token by two hours, straight in the server's SQLite file.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((server_->data_dir() + "/data/tirage.db").c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE one_time_tokens SET expires_at = expires_at - 7200", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto r = server_->post("/api/v1/accounts/password-reset/confirm",
                         Json{{"token", token}, {"password", "a brand new passphrase"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.raw.find("expired"), std::string::npos);
}

TEST_F(AccountsTest, RepeatedFailedLoginsAreRateLimited) {
  server_->add_organizer("hal@example.com");
  for (int i = 0; i < 5; ++i) login("hal@example.com", "wrong password " + std::to_string(i), 401);
  auto limited = server_->post("/api/v1/accounts/login", Json{{"email", "hal@example.com"}, {"password", "a long enough password"}});
  EXPECT_EQ(limited.status, 429);
  EXPECT_FALSE(limited.headers["Retry-After"].empty());
}

// The outbox keeps a message the relay could not take, across a crash, and
// delivers it once the relay is back.
TEST(Outbox, MailSurvivesARelayOutageAndARestart) {
  const std::string maildir = make_temp_dir("outbox");
  const int smtp_port = free_port();
  ServerUnderTest server({"--smtp-url", "smtp://127.0.0.1:" + std::to_string(smtp_port), "--mail-retry-seconds", "1"});
  server.start();
  auto r = server.post("/api/v1/accounts/signup", Json{{"email", "ivy@example.com"}, {"password", "a perfectly fine passphrase"}});
  ASSERT_EQ(r.status, 202) << r.raw;
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // at least one failed attempt
  EXPECT_NE(server.log().find("mail_retry"), std::string::npos) << server.log();
  server.crash();
  Process smtp;
  smtp.start({"/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(smtp_port), "-c",
              "aiosmtpd.handlers.Mailbox", maildir + "/box"},
             maildir + "/smtp.log");
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  server.start();
  std::string text;
  for (int i = 0; i < 100 && text.find("Tirage") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    run("/usr/bin/python3 '" + std::string(TIRAGE_FAKES) + "/read_mail.py' '" + maildir + "/box' ivy@example.com", &text);
  }
  EXPECT_NE(text.find("Confirm your Tirage account"), std::string::npos) << "the stored message never arrived: " << server.log();
  smtp.kill_now();
  std::filesystem::remove_all(maildir);
}

TEST_F(AccountsTest, NoSecretReachesTheLog) {
  const std::string log = server_->log();
  EXPECT_EQ(log.find("a long enough password"), std::string::npos);
  EXPECT_EQ(log.find("tk_"), std::string::npos);
  EXPECT_EQ(log.find("passphrase"), std::string::npos);
}

}  // namespace
}  // namespace tirage::testing
