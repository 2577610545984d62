// Attacks on accounts (issue 14, item 3), each against a real tirage-server
// with a real SMTP server (aiosmtpd) and the fake OAuth providers:
// pre-hijacking an address (sign up first, keep a session or key once the
// owner arrives), a Facebook address taken as proven, mail carrying a
// squatter's text, sign-up telling who has an account, throttles escaped by
// writing an address differently or by a forged proxy header, and a flood of
// distinct keys growing the limiter's memory.
#include <gtest/gtest.h>
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <regex>

#include "server/http/rate_limiter.hpp"
#include "tests/integration/browser.hpp"
#include "tests/integration/fake_oauth.hpp"
#include "tests/integration/harness.hpp"
#include "tests/integration/mail_sink.hpp"
#include "tests/security/attack_report.hpp"

namespace tirage::testing {
namespace {

const char* kPassword = "a long enough password";  // what ServerUnderTest::add_organizer gives

// Headers a request carries when it comes through the trusted proxy (127.0.0.1) from client address.
httplib::Headers from(const std::string& address, httplib::Headers more = {}) {
  more.emplace("X-Forwarded-For", address);
  return more;
}

class AccountsAttacks : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    oauth_ = new FakeOAuth();
    mail_ = new MailSink();
    server_ = new ServerUnderTest({"--oauth-sandbox", oauth_->url(), "--smtp-url", "smtp://127.0.0.1:" + std::to_string(mail_->port()),
                                   "--trusted-proxy", "127.0.0.1"});
    server_->start();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete mail_;
    delete oauth_;
  }

  struct Login {
    int status = 0;
    std::string cookie, csrf;
    httplib::Headers headers(const std::string& address) const { return from(address, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}); }
  };
  static Login login(const std::string& email, const std::string& password, const std::string& address) {
    auto r = server_->post("/api/v1/accounts/login", Json{{"email", email}, {"password", password}}, from(address));
    Login l;
    l.status = r.status;
    const std::string set = r.headers["Set-Cookie"];
    l.cookie = set.substr(0, set.find(';'));
    if (r.status == 200) l.csrf = r.body["csrf_token"];
    return l;
  }
  static HttpAnswer signup(const std::string& email, const std::string& password, const std::string& address) {
    return server_->post("/api/v1/accounts/signup", Json{{"email", email}, {"password", password}}, from(address));
  }
  // The link of kind ("verify=", "reset=", "/api/v1/oauth/link?token=") in the newest of the first count mails to address.
  static std::string link_in_mail(const std::string& address, const std::string& kind, std::size_t count = 1) {
    const std::regex re("https?://\\S+?" + std::regex_replace(kind, std::regex("[?]"), "\\?") + "[0-9a-f]{64}");
    auto mails = mail_->mails_for(address, count);
    for (auto m = mails.rbegin(); m != mails.rend(); ++m) {
      std::smatch found;
      const std::string text = (*m)["text"];
      if (std::regex_search(text, found, re)) return found[0];
    }
    ADD_FAILURE() << "no mail to " << address << " with a " << kind << " link; server log:\n" << server_->log();
    return "";
  }
  static std::string token_of(const std::string& link) { return link.substr(link.size() - 64); }
  static std::string session_email(Browser& b) {
    auto r = b.request("GET", server_->url() + "/api/v1/me");
    return r.status == 200 ? (*parse_json(r.body))["email"].get<std::string>() : "";
  }
  static Browser browser(const std::string& address) {
    Browser b(server_->url());
    b.extra_headers["X-Forwarded-For"] = address;
    return b;
  }

  static FakeOAuth* oauth_;
  static MailSink* mail_;
  static ServerUnderTest* server_;
};
FakeOAuth* AccountsAttacks::oauth_ = nullptr;
MailSink* AccountsAttacks::mail_ = nullptr;
ServerUnderTest* AccountsAttacks::server_ = nullptr;

// [SECTION] Pre-hijacking

TEST_F(AccountsAttacks, SquatterOnSomeoneElsesAddressGetsNoApiKey) {
  attack("sign up with someone else's address and create an API key before the owner ever confirms it");
  ASSERT_EQ(signup("keyvictim@example.com", "squatter chosen pass", "192.0.2.10").status / 100, 2);
  Login squatter = login("keyvictim@example.com", "squatter chosen pass", "192.0.2.10");
  ASSERT_EQ(squatter.status, 200);
  auto key = server_->post("/api/v1/api-keys", Json{{"label", "squat"}}, squatter.headers("192.0.2.10"));
  EXPECT_EQ(key.status, 403) << key.raw;
  EXPECT_EQ(key.body["error"]["code"], "email_unverified") << key.raw;
}

TEST_F(AccountsAttacks, SquatterCannotMailItsTextToTheAddressOwner) {
  attack("sign up with someone else's address, publish a draw titled with a phishing line, and have our server mail it to them");
  const std::string victim = "mailvictim@example.com", addr = "192.0.2.11";
  ASSERT_EQ(signup(victim, "squatter chosen pass", addr).status / 100, 2);
  mail_->mails_for(victim, 1);  // the verification mail the squatter cannot open
  Login squatter = login(victim, "squatter chosen pass", addr);
  ASSERT_EQ(squatter.status, 200);
  const std::string people = server_->data_dir() + "/squat-people.jsonl";
  write_participants(people, 5);
  Json body = draw_body(people, 1, 0, "local", "g_squat");
  body["title"] = "Your account is locked: log in at evil.example";
  auto created = server_->post("/api/v1/draws", body, squatter.headers(addr));
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string id = created.body["draw_id"];
  wait_for_beacon(*server_, id);
  auto published = server_->post("/api/v1/draws/" + id + "/result", result_body_from_tool(*server_, id, people, 1, 0), squatter.headers(addr));
  ASSERT_EQ(published.status, 201) << published.raw;
  // The outbox sends within a second or two; give it four.
  for (const auto& m : mail_->mails_for(victim, 2, 4000))
    EXPECT_EQ(m["text"].get<std::string>().find("evil.example"), std::string::npos) << "mailed: " << m["subject"];
}

TEST_F(AccountsAttacks, OwnerSigningInWithGoogleEndsTheSquattersSessionAndPassword) {
  attack("sign up with someone else's address, stay logged in, and keep the account after the owner signs in with Google");
  const std::string owner = "gowner@example.com", squat_addr = "192.0.2.12";
  ASSERT_EQ(signup(owner, "squatter chosen pass", squat_addr).status / 100, 2);
  Login squatter = login(owner, "squatter chosen pass", squat_addr);
  ASSERT_EQ(squatter.status, 200);

  oauth_->identity({{"provider", "google"}, {"subject", "g-real-owner"}, {"email", owner}, {"email_verified", true}});
  Browser b = browser("192.0.2.13");
  auto hops = b.follow(server_->url() + "/api/v1/oauth/google/start?purpose=login");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(hops.back().body, m, std::regex("name=\"token\" value=\"([0-9a-f]{64})\""))) << hops.back().body;
  EXPECT_EQ(b.request("POST", server_->url() + "/api/v1/oauth/link/confirm", "token=" + m[1].str()).status, 303);
  EXPECT_EQ(session_email(b), owner);

  EXPECT_EQ(server_->get("/api/v1/me", {{"Cookie", squatter.cookie}}).status, 401) << "the squatter's session survived";
  EXPECT_EQ(login(owner, "squatter chosen pass", squat_addr).status, 401) << "the squatter's password still opens the account";
  EXPECT_EQ((*parse_json(b.request("GET", server_->url() + "/api/v1/me").body))["verified"], true);
}

TEST_F(AccountsAttacks, FacebookAccountClaimingSomeoneElsesAddressIsNotLinked) {
  attack("sign in with a Facebook account that claims the victim's address (Facebook never checked it) and take over the victim's account");
  const std::string victim = "fbvictim@example.com";
  server_->add_organizer(victim);
  oauth_->identity({{"provider", "facebook"}, {"subject", "fb-thief"}, {"email", victim}, {"email_verified", true}, {"name", "Thief"}});
  Browser thief = browser("192.0.2.14");
  auto hops = thief.follow(server_->url() + "/api/v1/oauth/facebook/start?purpose=login");
  ASSERT_EQ(hops.back().status, 200) << hops.back().body;
  std::smatch m;
  // Whatever the page offers, the thief tries it.
  if (std::regex_search(hops.back().body, m, std::regex("name=\"token\" value=\"([0-9a-f]{64})\"")))
    thief.request("POST", server_->url() + "/api/v1/oauth/link/confirm", "token=" + m[1].str());
  EXPECT_EQ(session_email(thief), "") << "the Facebook account was linked to the victim's account";
  EXPECT_NE(hops.back().body.find(victim), std::string::npos) << "the page should say where the link was mailed";
  // The offer went to the victim's mailbox; opened in a browser other than the one that signed in, it does nothing.
  const std::string link = link_in_mail(victim, "/api/v1/oauth/link?token=");
  Browser owner = browser("192.0.2.15");
  EXPECT_EQ(owner.request("GET", link).status, 400);
  EXPECT_EQ(owner.request("POST", server_->url() + "/api/v1/oauth/link/confirm", "token=" + token_of(link)).status, 400);
  EXPECT_EQ(session_email(owner), "");
}

TEST_F(AccountsAttacks, FacebookAddressIsProvenByMailBeforeAnAccountIsMade) {
  attack("sign up through Facebook with an address nobody proved, and get a verified account without reading its mail");
  const std::string address = "fbnew@example.com";
  oauth_->identity({{"provider", "facebook"}, {"subject", "fb-new-person"}, {"email", address}, {"email_verified", true}, {"name", "New"}});
  Browser b = browser("192.0.2.16");
  b.follow(server_->url() + "/api/v1/oauth/facebook/start?purpose=login");
  EXPECT_EQ(session_email(b), "") << "signed in before the address was proven";
  // The person who holds the mailbox and the browser finishes it.
  const std::string link = link_in_mail(address, "/api/v1/oauth/link?token=");
  auto page = b.request("GET", link);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find(address), std::string::npos);
  EXPECT_EQ(b.request("POST", server_->url() + "/api/v1/oauth/link/confirm", "token=" + token_of(link)).status, 303);
  EXPECT_EQ(session_email(b), address);
  EXPECT_EQ((*parse_json(b.request("GET", server_->url() + "/api/v1/me").body))["verified"], true);
  // From now on Facebook signs in to it directly.
  Browser later = browser("192.0.2.16");
  later.follow(server_->url() + "/api/v1/oauth/facebook/start?purpose=login");
  EXPECT_EQ(session_email(later), address);
}

TEST_F(AccountsAttacks, PasswordResetEndsEverySessionAndApiKey) {
  attack("keep using a stolen session and API key after the owner resets the password");
  const std::string owner = "resetowner@example.com", addr = "192.0.2.17";
  const std::string key = server_->add_organizer(owner);
  Login stolen = login(owner, kPassword, addr);
  ASSERT_EQ(stolen.status, 200);
  ASSERT_EQ(server_->get("/api/v1/me", bearer(key)).status, 200);
  ASSERT_EQ(server_->post("/api/v1/accounts/password-reset", Json{{"email", owner}}, from(addr)).status, 202);
  const std::string link = link_in_mail(owner, "reset=");
  auto confirmed = server_->post("/api/v1/accounts/password-reset/confirm", Json{{"token", token_of(link)}, {"password", "a brand new passphrase"}});
  ASSERT_EQ(confirmed.status, 200) << confirmed.raw;
  EXPECT_EQ(server_->get("/api/v1/me", {{"Cookie", stolen.cookie}}).status, 401) << "the session survived the reset";
  EXPECT_EQ(server_->get("/api/v1/me", bearer(key)).status, 401) << "the API key survived the reset";
}

// [SECTION] Who has an account

TEST_F(AccountsAttacks, SignUpDoesNotTellWhetherAnAddressHasAnAccount) {
  attack("learn who has an account by signing up with their address (the answer or its timing)");
  server_->add_organizer("known@example.com");
  (void)signup("warmup@example.com", "some fine passphrase", "192.0.2.20");
  std::vector<double> known_ms, fresh_ms;
  std::vector<HttpAnswer> answers;
  for (int i = 0; i < 3; ++i) {
    for (const bool known : {true, false}) {
      const std::string email = known ? "known@example.com" : "fresh" + std::to_string(i) + "@example.com";
      const auto start = std::chrono::steady_clock::now();
      auto r = signup(email, "some fine passphrase", "192.0.2." + std::to_string(21 + i * 2 + known));
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      (known ? known_ms : fresh_ms).push_back(ms);
      r.body.erase("email");  // each echoes its own address
      answers.push_back(r);
    }
  }
  for (std::size_t i = 1; i < answers.size(); ++i) {
    EXPECT_EQ(answers[i].status, answers[0].status) << answers[i].raw << " vs " << answers[0].raw;
    EXPECT_EQ(answers[i].body, answers[0].body);
  }
  std::sort(known_ms.begin(), known_ms.end());
  std::sort(fresh_ms.begin(), fresh_ms.end());
  const double ratio = known_ms[1] / fresh_ms[1];
  std::printf("sign-up median: existing address %.1f ms, new address %.1f ms (ratio %.2f)\n", known_ms[1], fresh_ms[1], ratio);
  EXPECT_GT(ratio, 0.4);
  EXPECT_LT(ratio, 2.5);
  // The owner hears about it, with a way back in.
  const auto mails = mail_->mails_for("known@example.com", 1);
  ASSERT_FALSE(mails.empty());
  EXPECT_EQ(mails[0]["subject"], "You already have a Tirage account");
  EXPECT_NE(mails[0]["text"].get<std::string>().find("reset="), std::string::npos);
}

// [SECTION] Throttles

TEST_F(AccountsAttacks, FailedLoginLimitCountsTheAddressHoweverItIsWritten) {
  attack("escape the failed-login limit of v@x.com by writing V@x.com or \" v@x.com \"");
  server_->add_organizer("v@x.com");
  const std::string addr = "192.0.2.30";
  for (int i = 0; i < 5; ++i) EXPECT_EQ(login("v@x.com", "wrong guess number " + std::to_string(i), addr).status, 401);
  EXPECT_EQ(login("V@x.com", kPassword, addr).status, 429);
  EXPECT_EQ(login(" v@X.COM ", kPassword, addr).status, 429);
}

TEST_F(AccountsAttacks, SignUpsFromOneNetworkAreLimited) {
  attack("create accounts (and send verification mail) in a loop from one address");
  int refused = 0;
  for (int i = 0; i < 12; ++i) {
    auto r = signup("bulk" + std::to_string(i) + "@example.com", "some fine passphrase", "192.0.2.40");
    if (r.status == 429) {
      ++refused;
      EXPECT_FALSE(r.headers["Retry-After"].empty());
    }
  }
  EXPECT_EQ(refused, 2) << "10 sign-ups per address and hour";
}

TEST_F(AccountsAttacks, SignUpsAndResetsForOneAddressAreLimited) {
  attack("flood one person's mailbox with sign-up and password-reset mail from many client addresses");
  std::vector<int> signups, resets;
  for (int i = 0; i < 4; ++i) signups.push_back(signup("Flooded@Example.com ", "some fine passphrase", "192.0.2." + std::to_string(50 + i)).status);
  for (int i = 0; i < 4; ++i)
    resets.push_back(server_->post("/api/v1/accounts/password-reset", Json{{"email", i % 2 ? "flooded@example.com" : "FLOODED@example.com"}},
                                   from("192.0.2." + std::to_string(60 + i))).status);
  EXPECT_EQ(signups, (std::vector<int>{202, 202, 202, 429}));
  EXPECT_EQ(resets, (std::vector<int>{202, 202, 202, 429}));
  // The same for an address with no account, so the limit tells nothing either.
  std::vector<int> nobody;
  for (int i = 0; i < 4; ++i)
    nobody.push_back(server_->post("/api/v1/accounts/password-reset", Json{{"email", "nobody-here@example.com"}}, from("192.0.2." + std::to_string(70 + i))).status);
  EXPECT_EQ(nobody, (std::vector<int>{202, 202, 202, 429}));
}

TEST_F(AccountsAttacks, InclusionLookupsAreLimitedPerClientBehindTheProxy) {
  attack("exhaust the inclusion look-up limit for every visitor behind the proxy, or dodge it with a forged X-Forwarded-For");
  const std::string path = "/api/v1/draws/d_nothing/inclusion?leaf=" + std::string(64, '0');
  int first_limited = -1;
  for (int i = 0; i < 61 && first_limited < 0; ++i)
    if (server_->get(path, from("203.0.113.1")).status == 429) first_limited = i;
  EXPECT_EQ(first_limited, 60) << "60 look-ups a minute per client";
  // Another visitor behind the same proxy is not affected.
  EXPECT_NE(server_->get(path, from("203.0.113.2")).status, 429);
  // A client that writes its own X-Forwarded-For gets the proxy's entry appended: it still counts as itself.
  for (int i = 0; i < 5; ++i) EXPECT_EQ(server_->get(path, from("10.9.8." + std::to_string(i) + ", 203.0.113.1")).status, 429);
}

TEST_F(AccountsAttacks, OneIpv6NetworkCountsAsOneClient) {
  attack("dodge the per-client look-up limit by rotating through the addresses of one's own IPv6 /64");
  const std::string path = "/api/v1/draws/d_nothing/inclusion?leaf=" + std::string(64, '0');
  int limited = 0;
  for (int i = 0; i < 70; ++i) {
    char address[64];
    std::snprintf(address, sizeof address, "2001:db8:77:1:%x:%x::%x", (i * 7919) & 0xffff, i, i + 1);
    limited += server_->get(path, from(address)).status == 429;
  }
  EXPECT_EQ(limited, 10);
  EXPECT_NE(server_->get(path, from("2001:db8:77:2::1")).status, 429) << "the next /64 is someone else";
}

TEST(ProxyHeaders, AreIgnoredFromPeersThatAreNotTheTrustedProxy) {
  attack("dodge the look-up limit by sending a new X-Forwarded-For each time to a server whose proxy is elsewhere");
  ServerUnderTest server({"--trusted-proxy", "10.0.0.0/8"});
  server.start();
  const std::string path = "/api/v1/draws/d_nothing/inclusion?leaf=" + std::string(64, '0');
  int limited = 0;
  for (int i = 0; i < 70; ++i) limited += server.get(path, from("198.18.0." + std::to_string(i))).status == 429;
  EXPECT_EQ(limited, 10);
}

// [SECTION] The limiter's memory

std::size_t heap_in_use() { return mallinfo2().uordblks; }

TEST(LimiterMemory, ManyDistinctKeysCostAFixedAmount) {
  attack("grow the rate limiter's memory without bound with a flood of distinct keys (emails, addresses)");
  server::RateLimiter limiter(5, 15 * 60);
  const std::size_t before = heap_in_use();
  // 100000: the most main's limiter held before pruning (it then scanned every key on each event, so more would take hours).
  for (int i = 0; i < 100000; ++i) limiter.take("someone" + std::to_string(i) + "@flood.example", 1000);
  const std::size_t grown = heap_in_use() - before;
  std::printf("100000 distinct keys: the limiter grew by %.1f MiB\n", static_cast<double>(grown) / (1 << 20));
  EXPECT_LT(grown, 16u << 20);
}

long rss_kib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return -1;
}

TEST(LimiterMemory, AFloodOfLoginsWithDistinctAddressesDoesNotGrowTheServer) {
  attack("after the per-address login limit is reached, send 100000 logins for distinct emails to grow the server's memory");
  ServerUnderTest server;
  server.start();
  httplib::Client c(server.url());
  c.set_keep_alive(true);
  c.set_tcp_nodelay(true);  // headers and body leave at once, not after a delayed ACK
  for (int i = 0; i < 30; ++i)
    c.Post("/api/v1/accounts/login", Json{{"email", "probe" + std::to_string(i) + "@x.example"}, {"password", "wrong password!"}}.dump(), "application/json");
  const long before = rss_kib(server.pid());
  int limited = 0;
  for (int i = 0; i < 100000; ++i) {
    auto r = c.Post("/api/v1/accounts/login", Json{{"email", "flood" + std::to_string(i) + "@x.example"}, {"password", "x"}}.dump(),
                    "application/json");
    limited += r && r->status == 429;
  }
  const long after = rss_kib(server.pid());
  std::printf("100000 refused logins for distinct emails: server memory %ld -> %ld KiB\n", before, after);
  EXPECT_EQ(limited, 100000);
  EXPECT_LT(after - before, 16 * 1024);
}

}  // namespace
}  // namespace tirage::testing
