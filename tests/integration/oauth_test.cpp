// OAuth sign-in and platform connections against fake Google, Facebook,
// Instagram, X and TikTok OAuth servers (tests/fakes/fake_oauth.py), through
// a real tirage-server: full login and connect flows, and each attack tried
// and refused (wrong, replayed or foreign state, replayed code, PKCE
// mismatch, another organizer's connections, a forged data-deletion request);
// tokens renewed when they expire, sealed in the SQLite file, revoked and
// deleted on disconnect.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "shared/oauth/signed_request.hpp"
#include "tests/integration/browser.hpp"
#include "tests/integration/fake_oauth.hpp"
#include "tests/integration/harness.hpp"

namespace tirage::testing {
namespace {

const char* kTokenKey = FakeOAuth::kTokenKey;
const char* kFacebookSecret = FakeOAuth::kFacebookSecret;
const char* kInstagramSecret = FakeOAuth::kInstagramSecret;

std::string query_value(const std::string& url, const std::string& name) {
  std::smatch m;
  if (std::regex_search(url, m, std::regex("[?&]" + name + "=([^&#]*)"))) return m[1];
  return "";
}

// url with the value of one query parameter replaced (by hand: a value starting with a digit would read as "$1N").
std::string with_query_value(std::string url, const std::string& name, const std::string& value) {
  std::smatch m;
  if (!std::regex_search(url, m, std::regex("[?&]" + name + "=([^&#]*)"))) return url;
  return url.replace(static_cast<std::size_t>(m.position(1)), static_cast<std::size_t>(m.length(1)), value);
}

class OAuthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    fake_ = new FakeOAuth();
    secrets_dir_ = fake_->dir();
    server_ = new ServerUnderTest({"--oauth-sandbox", fake()});
    server_->start();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete fake_;
  }

  static std::string fake() { return fake_->url(); }
  static Json fake_call(const std::string& path, const Json& body = nullptr) { return fake_->call(path, body); }
  static void fake_identity(const Json& who) { fake_->identity(who); }
  static Json fake_log() { return fake_call("/_fake/log"); }

  Browser browser() const { return Browser{server_->url(), {}}; }

  // A browser signed in with a password as a new organizer; its API key in *key.
  Browser signed_in(const std::string& email, std::string* key = nullptr, ServerUnderTest* on = nullptr) {
    ServerUnderTest& s = on ? *on : *server_;
    const std::string k = s.add_organizer(email);
    if (key) *key = k;
    Browser b{s.url(), {}};
    auto r = b.request("POST", s.url() + "/api/v1/accounts/login",
                       Json{{"email", email}, {"password", "a long enough password"}}.dump(), "application/json");
    EXPECT_EQ(r.status, 200) << r.body;
    return b;
  }

  // Who the browser is signed in as ("" when not signed in).
  std::string session_email(Browser& b) {
    auto r = b.request("GET", server_->url() + "/api/v1/me");
    if (r.status != 200) return "";
    return (*parse_json(r.body))["email"];
  }

  Json connections(const std::string& key) {
    auto r = server_->get("/api/v1/connections", bearer(key));
    EXPECT_EQ(r.status, 200) << r.raw;
    Json by_platform = Json::object();
    for (const auto& c : r.body["connections"]) by_platform[c["platform"].get<std::string>()] = c;
    return by_platform;
  }

  // Connects the browser's organizer to a provider; the last hop's URL.
  std::string connect(Browser& b, const std::string& provider) {
    auto hops = b.follow(b.server + "/api/v1/oauth/" + provider + "/start?purpose=connect");
    for (const auto& h : hops)
      if (h.status >= 400 && h.url.find("/app") == std::string::npos) ADD_FAILURE() << h.url << " -> " << h.status << ": " << h.body;
    return hops.back().url;
  }

  static ServerUnderTest* server_;
  static FakeOAuth* fake_;
  static std::string secrets_dir_;
};
ServerUnderTest* OAuthTest::server_ = nullptr;
FakeOAuth* OAuthTest::fake_ = nullptr;
std::string OAuthTest::secrets_dir_;

// [SECTION] Sign-in

TEST_F(OAuthTest, GoogleSignInWithANewEmailCreatesTheAccount) {
  fake_identity({{"provider", "google"}, {"subject", "g-new-1"}, {"email", "New.Person@Example.com"}, {"email_verified", true}});
  Browser b = browser();
  auto hops = b.follow(server_->url() + "/api/v1/oauth/google/start?purpose=login");
  ASSERT_GE(hops.size(), 3u);
  EXPECT_EQ(hops[0].status, 302);
  // The authorize request carries state and an S256 PKCE challenge; the browser is bound by a cookie.
  EXPECT_EQ(query_value(hops[0].location, "code_challenge_method"), "S256");
  EXPECT_EQ(query_value(hops[0].location, "code_challenge").size(), 43u);
  EXPECT_EQ(query_value(hops[0].location, "state").size(), 64u);
  EXPECT_EQ(query_value(hops[0].location, "access_type"), "");  // a sign-in asks for no offline access
  EXPECT_TRUE(b.cookies.count("tirage_oauth"));
  EXPECT_NE(hops.back().url.find("/app"), std::string::npos) << hops.back().url;
  EXPECT_EQ(session_email(b), "new.person@example.com");
  // Signing in again with the same Google account lands in the same account.
  Browser again = browser();
  again.follow(server_->url() + "/api/v1/oauth/google/start?purpose=login");
  EXPECT_EQ(session_email(again), "new.person@example.com");
  auto me = again.request("GET", server_->url() + "/api/v1/me");
  EXPECT_EQ((*parse_json(me.body))["csrf_token"].get<std::string>().size(), 64u);  // the page's CSRF token after a redirect
  auto exported = again.request("GET", server_->url() + "/api/v1/account/export");
  EXPECT_EQ((*parse_json(exported.body))["sign_ins"][0]["provider"], "google");
}

TEST_F(OAuthTest, SameVerifiedEmailIsLinkedOnlyAfterTheUserConfirms) {
  server_->add_organizer("owner@example.com");
  fake_identity({{"provider", "google"}, {"subject", "g-owner"}, {"email", "owner@example.com"}, {"email_verified", true}});
  Browser b = browser();
  auto hops = b.follow(server_->url() + "/api/v1/oauth/google/start?purpose=login");
  const auto& page = hops.back();
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("owner@example.com"), std::string::npos);
  EXPECT_EQ(session_email(b), "") << "linked silently";
  std::smatch m;
  ASSERT_TRUE(std::regex_search(page.body, m, std::regex("name=\"token\" value=\"([0-9a-f]{64})\"")));
  const std::string token = m[1];
  // Another browser (without the binding cookie) cannot confirm the offer.
  Browser thief = browser();
  auto stolen = thief.request("POST", server_->url() + "/api/v1/oauth/link/confirm", "token=" + token);
  EXPECT_EQ(stolen.status, 400);
  EXPECT_EQ(session_email(thief), "");
  auto yes = b.request("POST", server_->url() + "/api/v1/oauth/link/confirm", "token=" + token);
  EXPECT_EQ(yes.status, 303) << yes.body;
  EXPECT_EQ(session_email(b), "owner@example.com");
  // The offer is single use.
  EXPECT_EQ(b.request("POST", server_->url() + "/api/v1/oauth/link/confirm", "token=" + token).status, 400);
  // From now on Google signs in to that account directly.
  Browser later = browser();
  later.follow(server_->url() + "/api/v1/oauth/google/start?purpose=login");
  EXPECT_EQ(session_email(later), "owner@example.com");
}

// Facebook does not vouch for the addresses it gives, nor Google for one it marks unverified:
// the sign-in offer is mailed there, and the browser that signed in finishes it from the mail.
TEST_F(OAuthTest, AddressesNoProviderVouchesForAreProvenByMail) {
  auto mailed_link = [](const std::string& to) {
    std::string out;
    run("sqlite3 '" + server_->data_dir() + "/data/tirage.db' \"SELECT body_text FROM outbox WHERE recipient = '" + to + "'\"", &out);
    std::smatch m;
    EXPECT_TRUE(std::regex_search(out, m, std::regex("https?://\\S+/api/v1/oauth/link\\?token=[0-9a-f]{64}"))) << out;
    return m.size() ? m[0].str() : std::string();
  };
  fake_identity({{"provider", "facebook"}, {"subject", "fb-new-1"}, {"email", "fbfan@example.com"}, {"email_verified", true}});
  Browser b = browser();
  auto hops = b.follow(server_->url() + "/api/v1/oauth/facebook/start?purpose=login");
  EXPECT_NE(query_value(hops[0].location, "code_challenge"), "");
  EXPECT_EQ(hops.back().status, 200);
  EXPECT_NE(hops.back().body.find("id=\"mail-sent\""), std::string::npos) << hops.back().body;
  EXPECT_EQ(session_email(b), "");
  const std::string link = mailed_link("fbfan@example.com");
  auto page = b.request("GET", link);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Create your Tirage account with Facebook?"), std::string::npos) << page.body;
  EXPECT_EQ(b.request("POST", server_->url() + "/api/v1/oauth/link/confirm", "token=" + link.substr(link.size() - 64)).status, 303);
  EXPECT_EQ(session_email(b), "fbfan@example.com");

  fake_identity({{"provider", "google"}, {"subject", "g-unverified"}, {"email", "unverified@example.com"}, {"email_verified", false}});
  Browser u = browser();
  auto mailed = u.follow(server_->url() + "/api/v1/oauth/google/start?purpose=login");
  EXPECT_EQ(mailed.back().status, 200) << mailed.back().body;
  EXPECT_NE(mailed.back().body.find("unverified@example.com"), std::string::npos);
  EXPECT_EQ(session_email(u), "");
  EXPECT_FALSE(mailed_link("unverified@example.com").empty());
  // Without any address, there is nothing to prove.
  fake_identity({{"provider", "google"}, {"subject", "g-no-mail"}, {"email", ""}, {"email_verified", false}});
  Browser n = browser();
  EXPECT_EQ(n.follow(server_->url() + "/api/v1/oauth/google/start?purpose=login").back().status, 403);
  // X, Instagram and TikTok connect accounts; they do not sign people in.
  EXPECT_EQ(u.request("GET", server_->url() + "/api/v1/oauth/x/start?purpose=login").status, 400);
}

TEST_F(OAuthTest, WrongForeignAndReplayedStateAreRefused) {
  fake_identity({{"provider", "google"}, {"subject", "g-state"}, {"email", "state@example.com"}, {"email_verified", true}});
  Browser b = browser();
  const std::string callback = b.authorize("/api/v1/oauth/google/start?purpose=login");
  ASSERT_NE(query_value(callback, "code"), "");
  // A state we never issued.
  auto wrong = b.request("GET", with_query_value(callback, "state", std::string(64, 'a')));
  EXPECT_EQ(wrong.status, 400);
  EXPECT_NE(wrong.body.find("another browser"), std::string::npos);
  // The right state in another browser (login CSRF: an attacker's callback URL opened by a victim),
  // with no binding cookie, or with its own from a flow it started.
  Browser victim = browser();
  EXPECT_EQ(victim.request("GET", callback).status, 400);
  victim.authorize("/api/v1/oauth/google/start?purpose=login");
  ASSERT_EQ(victim.cookies["tirage_oauth"].size(), 64u);
  EXPECT_NE(victim.cookies["tirage_oauth"], b.cookies["tirage_oauth"]);
  EXPECT_EQ(victim.request("GET", callback).status, 400);
  EXPECT_EQ(session_email(victim), "");
  // The real thing works once...
  EXPECT_EQ(b.request("GET", callback).status, 302);
  EXPECT_EQ(session_email(b), "state@example.com");
  // ...and never twice.
  Browser replay = b;
  replay.cookies.erase("tirage_session");
  EXPECT_EQ(replay.request("GET", callback).status, 400);
  EXPECT_EQ(session_email(replay), "");
}

TEST_F(OAuthTest, ExpiredStateAndLinkOfferAreRefused) {
  auto age_everything = [](const char* table) {
    run("sqlite3 '" + server_->data_dir() + "/data/tirage.db' \"UPDATE " + table + " SET expires_at = 1 WHERE used_at IS NULL\"");
  };
  fake_identity({{"provider", "google"}, {"subject", "g-late"}, {"email", "late@example.com"}, {"email_verified", true}});
  Browser b = browser();
  const std::string callback = b.authorize("/api/v1/oauth/google/start?purpose=login");
  age_everything("oauth_states");  // as if the person came back after more than 10 minutes
  auto late = b.request("GET", callback);
  EXPECT_EQ(late.status, 400) << late.body;
  EXPECT_EQ(session_email(b), "");
  // A link offer expires the same way.
  server_->add_organizer("late-link@example.com");
  fake_identity({{"provider", "google"}, {"subject", "g-late-link"}, {"email", "late-link@example.com"}, {"email_verified", true}});
  auto hops = b.follow(server_->url() + "/api/v1/oauth/google/start?purpose=login");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(hops.back().body, m, std::regex("name=\"token\" value=\"([0-9a-f]{64})\""))) << hops.back().body;
  const std::string token = m[1];
  age_everything("oauth_link_offers");
  EXPECT_EQ(b.request("POST", server_->url() + "/api/v1/oauth/link/confirm", "token=" + token).status, 400);
  EXPECT_EQ(session_email(b), "");
}

TEST_F(OAuthTest, ReplayedCodeIsRefusedByTheProviderAndNothingIsSignedIn) {
  fake_identity({{"provider", "google"}, {"subject", "g-code"}, {"email", "code@example.com"}, {"email_verified", true}});
  Browser b = browser();
  const std::string first = b.authorize("/api/v1/oauth/google/start?purpose=login");
  EXPECT_EQ(b.request("GET", first).status, 302);
  // The same browser starts again and the attacker substitutes the old code.
  Browser c = browser();
  const std::string second = c.authorize("/api/v1/oauth/google/start?purpose=login");
  auto replay = c.request("GET", with_query_value(second, "code", query_value(first, "code")));
  EXPECT_EQ(replay.status, 502) << replay.body;
  EXPECT_NE(replay.body.find("invalid_grant"), std::string::npos) << replay.body;
  EXPECT_EQ(session_email(c), "");
}

TEST_F(OAuthTest, PkceMismatchIsRefused) {
  // An attacker who intercepted a victim's code injects it into the attacker's own flow:
  // the verifier the server holds for that flow does not match the victim's challenge.
  std::string key;
  Browser victim = signed_in("pkce-victim@example.com", &key);
  const std::string victim_callback = victim.authorize("/api/v1/oauth/x/start?purpose=connect");
  Browser attacker = signed_in("pkce-attacker@example.com");
  const std::string own = attacker.authorize("/api/v1/oauth/x/start?purpose=connect");
  auto r = attacker.request("GET", with_query_value(own, "code", query_value(victim_callback, "code")));
  EXPECT_EQ(r.status, 502) << r.body;
  EXPECT_NE(r.body.find("Code verifier"), std::string::npos) << r.body;
  // TikTok's variant (hex challenge) is checked the same way.
  const std::string tt_victim = victim.authorize("/api/v1/oauth/tiktok/start?purpose=connect");
  EXPECT_EQ(query_value(tt_victim, "code").empty(), false);
  const std::string tt_own = attacker.authorize("/api/v1/oauth/tiktok/start?purpose=connect");
  EXPECT_EQ(attacker.request("GET", with_query_value(tt_own, "code", query_value(tt_victim, "code"))).status, 502);
  EXPECT_TRUE(connections(key).empty());
}

// [SECTION] Connections

TEST_F(OAuthTest, ConnectsEveryPlatformAndSealsTheTokens) {
  std::string key;
  Browser b = signed_in("connect-all@example.com", &key);
  for (const char* provider : {"google", "facebook", "instagram", "x", "tiktok"})
    EXPECT_NE(connect(b, provider).find("/app?connected="), std::string::npos) << provider;
  Json c = connections(key);
  ASSERT_EQ(c.size(), 5u) << c.dump();
  EXPECT_EQ(c["instagram"]["account_id"], "17841400000000001");
  EXPECT_EQ(c["instagram"]["account_name"], "demo.shop");
  EXPECT_EQ(c["x"]["account_name"], "demo_shop");
  EXPECT_EQ(c["tiktok"]["account_name"], "Demo Shop");
  EXPECT_EQ(c["youtube"]["scopes"].get<std::string>().find("youtube.readonly") != std::string::npos, true);
  for (const char* p : {"youtube", "facebook", "instagram", "x", "tiktok"}) {
    auto check = server_->get(std::string("/api/v1/connections/") + p + "/check", bearer(key));
    EXPECT_EQ(check.status, 200) << p << ": " << check.raw;
  }
  // No token the providers issued is readable anywhere in the database files.
  std::string bytes;
  for (const char* suffix : {"", "-wal"}) {
    std::ifstream in(server_->data_dir() + "/data/tirage.db" + suffix, std::ios::binary);
    bytes += std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  ASSERT_GT(bytes.size(), 10000u);
  const Json issued = fake_log()["issued"];
  ASSERT_GE(issued.size(), 5u);
  for (const auto& t : issued) EXPECT_EQ(bytes.find(t.get<std::string>()), std::string::npos) << "plaintext token in the database";
  // The key id is stored beside each row, for rotation.
  std::string out;
  run("sqlite3 '" + server_->data_dir() + "/data/tirage.db' \"SELECT DISTINCT key_id FROM connections\"", &out);
  EXPECT_EQ(out.size(), 17u) << out;
  // The export lists the connections but never a token.
  auto exported = server_->get("/api/v1/account/export", bearer(key));
  ASSERT_EQ(exported.status, 200);
  EXPECT_EQ(exported.body["account"]["email"], "connect-all@example.com");
  EXPECT_EQ(exported.body["connections"].size(), 5u);
  for (const auto& t : issued) EXPECT_EQ(exported.raw.find(t.get<std::string>()), std::string::npos);
}

TEST_F(OAuthTest, FacebookPagesAreListedAcrossResultPagesAndNeverLeaveTheGraphHost) {
  std::string key;
  Browser b = signed_in("pages@example.com", &key);
  connect(b, "facebook");
  auto pages = server_->get("/api/v1/connections/facebook/pages", bearer(key));
  ASSERT_EQ(pages.status, 200) << pages.raw;
  ASSERT_EQ(pages.body["pages"].size(), 3u) << pages.raw;  // two result pages of the Graph API
  EXPECT_EQ(pages.body["pages"][1]["name"], "Demo Café");
  EXPECT_EQ(pages.raw.find("access_token"), std::string::npos) << "a Page token reached the browser";
  // A paging link to another host is not followed (it would carry the user token there).
  fake_call("/_fake/config", {{"provider", "facebook"}, {"foreign_next", true}});
  auto capped = server_->get("/api/v1/connections/facebook/pages", bearer(key));
  fake_call("/_fake/config", {{"provider", "facebook"}, {"foreign_next", false}});
  EXPECT_EQ(capped.body["pages"].size(), 2u) << capped.raw;
  EXPECT_EQ(fake_log()["foreign_hits"], 0);
  // Meta's deauthorize callback ends the connection (signed, like the deletion callback).
  const Json payload = {{"algorithm", "HMAC-SHA256"}, {"issued_at", std::time(nullptr)}, {"user_id", connections(key)["facebook"]["account_id"]}};
  EXPECT_EQ(server_->post_raw("/api/v1/oauth/facebook/deauthorize", "signed_request=" + make_signed_request(payload, "nope"),
                              "application/x-www-form-urlencoded").status, 400);
  EXPECT_TRUE(connections(key).contains("facebook"));
  auto ok = server_->post_raw("/api/v1/oauth/facebook/deauthorize", "signed_request=" + make_signed_request(payload, kFacebookSecret),
                              "application/x-www-form-urlencoded");
  EXPECT_EQ(ok.status, 200) << ok.raw;
  EXPECT_FALSE(connections(key).contains("facebook"));
}

// The recent-posts picker of an account managing several Pages: it asks which Page, lists that Page's posts
// with that Page's token, and refuses a Page the organizer's connection does not manage (another organizer's).
TEST_F(OAuthTest, FacebookPickerListsTheChosenPagesPostsAndRefusesOtherPages) {
  const int fb_port = free_port();
  Process fb;
  fb.start({"/usr/bin/python3", std::string(TIRAGE_FAKES) + "/fake_facebook.py", "--port", std::to_string(fb_port), "--comments",
            "30", "--token", "no-fixed-token", "--token-check", fake() + "/_fake/token"},
           secrets_dir_ + "/fake_facebook.log");
  const std::string fb_url = "http://127.0.0.1:" + std::to_string(fb_port);
  httplib::Client fbc(fb_url);
  for (int i = 0; i < 200; ++i) {
    if (auto r = fbc.Get("/_fake/stats"); r && r->status == 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ServerUnderTest s({"--oauth-sandbox", fake(), "--sandbox", "--platform-url", "facebook=" + fb_url});
  s.start();
  const std::string shop = "104857600000001", cafe = "104857600000002", other = "104857600000009";
  auto pages_text = [](std::initializer_list<std::pair<std::string, std::string>> pages) {
    Json list = Json::array();
    for (const auto& [id, name] : pages) list.push_back({{"id", id}, {"name", name}});
    return list.dump();
  };
  std::string a_key, b_key;
  fake_identity({{"provider", "facebook"}, {"subject", "fb-pages-a"}, {"name", "Shop Owner"},
                 {"pages", pages_text({{shop, "Demo Shop"}, {cafe, "Demo Café"}})}});
  Browser a = signed_in("fb-pages-a@example.com", &a_key, &s);
  connect(a, "facebook");
  fake_identity({{"provider", "facebook"}, {"subject", "fb-pages-b"}, {"name", "Other Owner"},
                 {"pages", pages_text({{other, "Other Shop"}})}});
  Browser b = signed_in("fb-pages-b@example.com", &b_key, &s);
  connect(b, "facebook");
  fake_identity({{"provider", "facebook"}, {"subject", "fb-200"}, {"pages", ""}});  // back to the default Pages

  // Two Pages and none chosen: the picker is told to ask (409, not a 500 hiding the message).
  auto ask = s.get("/api/v1/platforms/facebook/posts", bearer(a_key));
  EXPECT_EQ(ask.status, 409) << ask.raw;
  EXPECT_EQ(ask.body["error"]["code"], "choose_page") << ask.raw;
  EXPECT_NE(ask.raw.find("2 Pages"), std::string::npos) << ask.raw;
  auto listed = s.get("/api/v1/connections/facebook/pages", bearer(a_key));
  ASSERT_EQ(listed.body["pages"].size(), 2u) << listed.raw;
  EXPECT_EQ(listed.body["pages"][1]["id"], cafe);

  // The chosen Page's posts, read with that Page's token, on every result page.
  auto first = s.get("/api/v1/platforms/facebook/posts?page_id=" + cafe, bearer(a_key));
  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(first.body["page_id"], cafe);
  ASSERT_EQ(first.body["posts"].size(), 25u) << first.raw;
  EXPECT_EQ(first.body["posts"][0]["id"], cafe + "_122100000000000123");
  ASSERT_TRUE(first.body.contains("next_cursor")) << first.raw;
  auto second = s.get("/api/v1/platforms/facebook/posts?page_id=" + cafe + "&cursor=" + first.body["next_cursor"].get<std::string>(),
                      bearer(a_key));
  ASSERT_EQ(second.status, 200) << second.raw;
  ASSERT_EQ(second.body["posts"].size(), 6u) << second.raw;
  for (const auto* page : {&first, &second})
    for (const auto& p : page->body["posts"]) EXPECT_EQ(p["id"].get<std::string>().rfind(cafe + "_", 0), 0u) << p;
  auto shop_posts = s.get("/api/v1/platforms/facebook/posts?page_id=" + shop, bearer(a_key));
  ASSERT_EQ(shop_posts.status, 200) << shop_posts.raw;
  EXPECT_EQ(shop_posts.body["posts"][0]["id"], shop + "_122100000000000123");
  bool page_token_used = false;
  const Json served = Json::parse(fbc.Get("/_fake/stats")->body);
  for (const auto& t : served["tokens"])
    page_token_used = page_token_used || t.get<std::string>().rfind("EAAGpage" + cafe, 0) == 0;
  EXPECT_TRUE(page_token_used) << "the Café Page's posts were not read with its token: " << served.dump();

  // One Page: no extra step.
  auto only = s.get("/api/v1/platforms/facebook/posts", bearer(b_key));
  ASSERT_EQ(only.status, 200) << only.raw;
  EXPECT_EQ(only.body["posts"][0]["id"], other + "_122100000000000123");

  // The attack: another organizer's Page, a Page nobody manages, a malformed id, another platform.
  const int requests_before = Json::parse(fbc.Get("/_fake/stats")->body)["requests"].get<int>();
  auto foreign = s.get("/api/v1/platforms/facebook/posts?page_id=" + other, bearer(a_key));
  EXPECT_EQ(foreign.status, 404) << foreign.raw;
  EXPECT_FALSE(foreign.body.contains("posts")) << foreign.raw;
  EXPECT_NE(foreign.raw.find("does not manage"), std::string::npos) << foreign.raw;
  EXPECT_EQ(s.get("/api/v1/platforms/facebook/posts?page_id=" + cafe, bearer(b_key)).status, 404);
  EXPECT_EQ(s.get("/api/v1/platforms/facebook/posts?page_id=123", bearer(a_key)).status, 404);
  auto malformed = s.get("/api/v1/platforms/facebook/posts?page_id=1%2F..%2Fme", bearer(a_key));
  EXPECT_EQ(malformed.status, 400) << malformed.raw;
  EXPECT_NE(malformed.raw.find("page_id"), std::string::npos) << malformed.raw;
  EXPECT_EQ(s.get("/api/v1/platforms/facebook/posts?page_id=" + std::string(40, '1'), bearer(a_key)).status, 400);
  EXPECT_EQ(s.get("/api/v1/platforms/x/posts?page_id=" + cafe, bearer(a_key)).status, 400);
  EXPECT_EQ(Json::parse(fbc.Get("/_fake/stats")->body)["requests"].get<int>(), requests_before + 1)  // + this look
      << "a refused Page reached the platform";
  // Nor can B import a post of A's Page: the token for it is A's alone.
  auto stolen = s.post("/api/v1/imports", {{"platform", "facebook"}, {"post_id", cafe + "_122100000000000123"}}, bearer(b_key));
  EXPECT_EQ(stolen.status, 404) << stolen.raw;

  // A post picked on the chosen Page imports with that Page's token.
  auto created = s.post("/api/v1/imports", {{"platform", "facebook"}, {"post_id", cafe + "_122100000000000123"}}, bearer(a_key));
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string id = created.body["id"];
  HttpAnswer job;
  for (int i = 0; i < 300; ++i) {
    job = s.get("/api/v1/imports/" + id, bearer(a_key));
    if (job.body.value("state", "") != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(job.body["state"], "done") << job.raw;
  EXPECT_EQ(job.body["progress"]["comments"], 30) << job.raw;

  // Pasted links with two Pages: a link with no ids is looked for in each Page's posts (the Café's, here, not the
  // Shop's, whose giveaway post has the same pfbid under another Page); one naming the Page by id needs no search.
  auto by_link = s.post("/api/v1/imports", {{"platform", "facebook"},
                                            {"post_url", "https://www.facebook.com/" + cafe + "/posts/pfbid02FakeLink123"}},
                        bearer(a_key));
  ASSERT_LT(by_link.status, 300) << by_link.raw;
  EXPECT_EQ(by_link.body["post_id"], cafe + "_122100000000000123") << by_link.raw;
  auto by_ids = s.post("/api/v1/imports", {{"platform", "facebook"},
                                           {"post_url", "https://www.facebook.com/" + shop + "/posts/122000000000000005"}},
                       bearer(a_key));
  ASSERT_LT(by_ids.status, 300) << by_ids.raw;
  EXPECT_EQ(by_ids.body["post_id"], shop + "_122000000000000005") << by_ids.raw;
  auto elsewhere = s.post("/api/v1/imports", {{"platform", "facebook"},
                                              {"post_url", "https://www.facebook.com/demoshop/posts/pfbid02NotOurs999"}},
                          bearer(a_key));
  EXPECT_EQ(elsewhere.status, 404) << elsewhere.raw;
  EXPECT_NE(elsewhere.raw.find("Pages the connected Facebook account manages"), std::string::npos) << elsewhere.raw;
}

TEST_F(OAuthTest, ExpiredTokensAreRenewedBeforeUse) {
  std::string key;
  Browser b = signed_in("refresh@example.com", &key);
  // X and TikTok rotate refresh tokens; Google keeps its own.
  for (const char* provider : {"x", "tiktok", "google"}) {
    fake_call("/_fake/config", {{"provider", provider}, {"access_expires_in", 2}});
    connect(b, provider);
    fake_call("/_fake/config", {{"provider", provider}, {"access_expires_in", 3600}});
  }
  // Instagram renews a long-lived token itself, only while it still works: here in its last week.
  fake_call("/_fake/config", {{"provider", "instagram"}, {"access_expires_in", 3 * 86400}});
  connect(b, "instagram");
  fake_call("/_fake/config", {{"provider", "instagram"}, {"access_expires_in", 60 * 86400}});
  const Json before = fake_log()["refreshes"];
  std::this_thread::sleep_for(std::chrono::seconds(3));  // the 2-second access tokens are now dead at the provider
  for (const char* platform : {"x", "tiktok", "youtube", "instagram"}) {
    auto check = server_->get(std::string("/api/v1/connections/") + platform + "/check", bearer(key));
    EXPECT_EQ(check.status, 200) << platform << ": " << check.raw;
  }
  const Json after = fake_log()["refreshes"];
  for (const char* provider : {"x", "tiktok", "google", "instagram"})
    EXPECT_EQ(after.value(provider, 0), before.value(provider, 0) + 1) << provider;
  // Renewed tokens last long enough now: no second renewal.
  for (const char* platform : {"x", "tiktok", "youtube", "instagram"})
    EXPECT_EQ(server_->get(std::string("/api/v1/connections/") + platform + "/check", bearer(key)).status, 200);
  EXPECT_EQ(fake_log()["refreshes"], after);
  // A token refused before its time (as after a password change) is renewed once, then works.
  fake_call("/_fake/config", {{"provider", "google"}, {"kill_access", true}});
  auto renewed = server_->get("/api/v1/connections/youtube/check", bearer(key));
  EXPECT_EQ(renewed.status, 200) << renewed.raw;
  EXPECT_EQ(fake_log()["refreshes"].value("google", 0), after.value("google", 0) + 1);
  // Facebook has no refresh token: a refused token means reconnecting, said plainly.
  connect(b, "facebook");
  fake_call("/_fake/config", {{"provider", "facebook"}, {"kill_access", true}});
  auto dead = server_->get("/api/v1/connections/facebook/check", bearer(key));
  EXPECT_EQ(dead.status, 409) << dead.raw;
  EXPECT_EQ(dead.body["error"]["code"], "reconnect_needed");
  // X rotated its refresh token: the old one is dead at the provider, and the server kept the new one.
  EXPECT_EQ(connections(key)["x"]["renewable"], true);
}

TEST_F(OAuthTest, TokensFollowKeyRotationAndRefuseTamperingOrAWrongKey) {
  const std::string key2 = std::string(64, '2'), key3 = std::string(64, '3');
  auto sql = [](const ServerUnderTest& s, const std::string& q) {
    std::string out;
    run("sqlite3 '" + s.data_dir() + "/data/tirage.db' \"" + q + "\"", &out);
    return out;
  };
  ServerUnderTest second({"--oauth-sandbox", fake()});
  second.start();
  std::string a_key, b_key;
  Browser a = signed_in("rotate-a@example.com", &a_key, &second);
  Browser b = signed_in("rotate-b@example.com", &b_key, &second);
  connect(a, "x");
  connect(b, "x");
  const std::string first_id = sql(second, "SELECT DISTINCT key_id FROM connections");
  EXPECT_EQ(second.stop(), 0);
  // A new key, the old one kept for reading: rows are resealed at start and keep working.
  ::setenv("TIRAGE_TOKEN_KEY", key2.c_str(), 1);
  ::setenv("TIRAGE_TOKEN_KEYS_OLD", kTokenKey, 1);
  second.start();
  const std::string second_id = sql(second, "SELECT DISTINCT key_id FROM connections");
  EXPECT_NE(second_id, first_id);
  EXPECT_EQ(second_id.size(), 17u) << second_id;  // both rows under the one new key
  EXPECT_EQ(second.get("/api/v1/connections/x/check", bearer(a_key)).status, 200);
  // A's sealed token copied into B's row does not open there (the organizer is authenticated data).
  const std::string a_id = second.get("/api/v1/me", bearer(a_key)).body["organizer_id"];
  const std::string b_id = second.get("/api/v1/me", bearer(b_key)).body["organizer_id"];
  sql(second, "UPDATE connections SET access_token = (SELECT access_token FROM connections WHERE organizer_id = '" + a_id +
                  "') WHERE organizer_id = '" + b_id + "'");
  auto swapped = second.get("/api/v1/connections/x/check", bearer(b_key));
  EXPECT_EQ(swapped.status, 409) << swapped.raw;
  EXPECT_EQ(swapped.body["error"]["code"], "token_unreadable");
  EXPECT_EQ(second.stop(), 0);
  // Without the key that sealed them, tokens are unreadable, and the answer says so.
  ::setenv("TIRAGE_TOKEN_KEY", key3.c_str(), 1);
  ::unsetenv("TIRAGE_TOKEN_KEYS_OLD");
  second.start();
  auto lost = second.get("/api/v1/connections/x/check", bearer(a_key));
  EXPECT_EQ(lost.status, 409) << lost.raw;
  EXPECT_EQ(lost.body["error"]["code"], "token_unreadable");
  // Disconnecting still deletes.
  auto gone = second.del("/api/v1/connections/x", bearer(a_key));
  EXPECT_EQ(gone.status, 200);
  EXPECT_EQ(gone.body["deleted"], true);
  EXPECT_EQ(gone.body["revoked"], false);
  ::setenv("TIRAGE_TOKEN_KEY", kTokenKey, 1);
}

TEST_F(OAuthTest, DisconnectRevokesWhereAllowedAndAlwaysDeletes) {
  std::string key;
  Browser b = signed_in("disconnect@example.com", &key);
  for (const char* provider : {"google", "x", "tiktok", "facebook", "instagram"}) connect(b, provider);
  const std::size_t revoked_before = fake_log()["revoked"].size();
  for (const char* platform : {"youtube", "x", "tiktok", "facebook"}) {
    // Without the CSRF header a session cannot disconnect.
    auto no_csrf = b.request("DELETE", server_->url() + "/api/v1/connections/" + platform);
    EXPECT_EQ(no_csrf.status, 403) << no_csrf.body;
    auto r = server_->del(std::string("/api/v1/connections/") + platform, bearer(key));
    ASSERT_EQ(r.status, 200) << platform << ": " << r.raw;
    EXPECT_EQ(r.body["revoked"], true) << platform << ": " << r.raw;
    EXPECT_EQ(r.body["deleted"], true);
    EXPECT_EQ(server_->get(std::string("/api/v1/connections/") + platform + "/check", bearer(key)).status, 404);
  }
  EXPECT_EQ(fake_log()["revoked"].size(), revoked_before + 4);
  auto ig = server_->del("/api/v1/connections/instagram", bearer(key));
  ASSERT_EQ(ig.status, 200);
  EXPECT_EQ(ig.body["revoked"], false);  // Instagram Login offers no revocation endpoint
  EXPECT_EQ(ig.body["deleted"], true);
  EXPECT_TRUE(connections(key).empty());
  EXPECT_EQ(server_->del("/api/v1/connections/instagram", bearer(key)).status, 404);
  EXPECT_EQ(server_->del("/api/v1/connections/myspace", bearer(key)).status, 404);
}

TEST_F(OAuthTest, OrganizersSeeAndDeleteOnlyTheirOwnConnections) {
  std::string a_key, b_key;
  Browser a = signed_in("owner-a@example.com", &a_key);
  Browser other = signed_in("owner-b@example.com", &b_key);
  connect(a, "x");
  EXPECT_TRUE(connections(b_key).empty());
  EXPECT_EQ(server_->del("/api/v1/connections/x", bearer(b_key)).status, 404);
  EXPECT_EQ(server_->get("/api/v1/connections/x/check", bearer(b_key)).status, 404);
  EXPECT_EQ(connections(a_key).size(), 1u);
  EXPECT_EQ(server_->get("/api/v1/connections").status, 401);
  // A connection started by A cannot land in B's account, even in the same browser.
  const std::string callback = a.authorize("/api/v1/oauth/tiktok/start?purpose=connect");
  a.cookies["tirage_session"] = other.cookies["tirage_session"];
  auto r = a.request("GET", callback);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_TRUE(connections(b_key).empty());
  EXPECT_FALSE(connections(a_key).contains("tiktok"));
  // Connecting needs a signed-in browser.
  Browser nobody = browser();
  EXPECT_EQ(nobody.request("GET", server_->url() + "/api/v1/oauth/x/start?purpose=connect").status, 401);
}

// [SECTION] App review

TEST_F(OAuthTest, MetaDataDeletionCallbackNeedsAValidSignature) {
  std::string key;
  Browser b = signed_in("deletion@example.com", &key);
  fake_identity({{"provider", "facebook"}, {"subject", "fb-delete-me"}, {"email", "deletion@example.com"}, {"email_verified", true}});
  connect(b, "facebook");
  connect(b, "instagram");
  ASSERT_EQ(connections(key).size(), 2u);
  const Json payload = {{"algorithm", "HMAC-SHA256"}, {"issued_at", std::time(nullptr)}, {"user_id", "fb-delete-me"}};
  // Forged: signed with another secret, or a valid signature over another payload.
  auto forged = server_->post_raw("/api/v1/oauth/facebook/data-deletion", "signed_request=" + make_signed_request(payload, "guess"),
                                  "application/x-www-form-urlencoded");
  EXPECT_EQ(forged.status, 400);
  EXPECT_EQ(forged.body["error"]["code"], "bad_signature");
  auto garbage = server_->post_raw("/api/v1/oauth/facebook/data-deletion", "signed_request=abc", "application/x-www-form-urlencoded");
  EXPECT_EQ(garbage.status, 400);
  EXPECT_EQ(connections(key).size(), 2u) << "a forged request deleted data";
  // Valid.
  auto ok = server_->post_raw("/api/v1/oauth/facebook/data-deletion", "signed_request=" + make_signed_request(payload, kFacebookSecret),
                              "application/x-www-form-urlencoded");
  ASSERT_EQ(ok.status, 200) << ok.raw;
  const std::string code = ok.body["confirmation_code"];
  EXPECT_EQ(ok.body["url"], server_->url() + "/data-deletion/status?code=" + code);
  Json left = connections(key);
  EXPECT_FALSE(left.contains("facebook"));
  EXPECT_TRUE(left.contains("instagram"));
  auto status = server_->get("/data-deletion/status?code=" + code + "&lang=fr");
  EXPECT_EQ(status.status, 200);
  EXPECT_NE(status.raw.find("data-status=\"completed\""), std::string::npos);
  EXPECT_NE(status.raw.find("Connexions supprimées : 1"), std::string::npos) << status.raw;
  EXPECT_EQ(server_->get("/api/v1/data-deletion/" + code).body["status"], "completed");
  EXPECT_EQ(server_->get("/data-deletion/status?code=NOPE").status, 404);
  // Instagram's callback is checked with Instagram's secret, not Facebook's.
  const Json ig = {{"algorithm", "HMAC-SHA256"}, {"issued_at", std::time(nullptr)}, {"user_id", "8392019283746512"}};
  EXPECT_EQ(server_->post_raw("/api/v1/oauth/instagram/data-deletion", "signed_request=" + make_signed_request(ig, kFacebookSecret),
                              "application/x-www-form-urlencoded").status, 400);
  EXPECT_EQ(server_->post_raw("/api/v1/oauth/instagram/data-deletion", "signed_request=" + make_signed_request(ig, kInstagramSecret),
                              "application/x-www-form-urlencoded").status, 200);
  EXPECT_TRUE(connections(key).empty());
}

TEST_F(OAuthTest, LegalPagesInFourLanguages) {
  const std::map<std::string, std::vector<std::string>> titles = {
      {"en", {"Privacy policy", "Terms of service", "Deleting your data"}},
      {"fr", {"Politique de confidentialité", "Conditions d&#39;utilisation", "Supprimer vos données"}},
      {"es", {"Política de privacidad", "Condiciones del servicio", "Eliminar tus datos"}},
      {"de", {"Datenschutzerklärung", "Nutzungsbedingungen", "Ihre Daten löschen"}}};
  for (const auto& [lang, want] : titles) {
    int i = 0;
    for (const char* path : {"/privacy", "/terms", "/data-deletion"}) {
      auto r = server_->get(std::string(path) + "?lang=" + lang);
      EXPECT_EQ(r.status, 200);
      EXPECT_NE(r.raw.find("<html lang=\"" + lang + "\""), std::string::npos) << path << " " << lang;
      EXPECT_NE(r.raw.find("<h1>" + want[i]), std::string::npos) << path << " " << lang;
      ++i;
    }
  }
  auto by_header = server_->get("/privacy", {{"Accept-Language", "de-CH, de;q=0.9"}});
  EXPECT_NE(by_header.raw.find("Datenschutzerklärung"), std::string::npos);
}

TEST_F(OAuthTest, SecretFilesOpenToOthersAreRefusedAtStart) {
  const std::string file = secrets_dir_ + "/open_secret";
  std::ofstream(file) << "x-secret-1\n";
  ::chmod(file.c_str(), 0644);
  const std::string data = make_temp_dir("oauth-badsecret");
  std::string out;
  const int rc = run("TIRAGE_X_CLIENT_SECRET= TIRAGE_X_CLIENT_SECRET_FILE='" + file + "' '" + TIRAGE_SERVER +
                         "' --data '" + data + "' --listen 127.0.0.1:0 --beacon local 2>&1",
                     &out);
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("TIRAGE_X_CLIENT_SECRET_FILE"), std::string::npos) << out;
  EXPECT_NE(out.find("chmod 600"), std::string::npos) << out;
  std::filesystem::remove_all(data);
}

}  // namespace
}  // namespace tirage::testing
