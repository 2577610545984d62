// Attacks on what the server's answers tell a browser (issue 14, item 4),
// against a real tirage-server: script injected into a page (no CSP), a page
// framed by another site to steal clicks, content sniffed as another type,
// a session cookie planted or read over plain http, an organizer's JSON kept
// by a shared cache. The widget and /v/ must stay embeddable meanwhile.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <regex>

#include "shared/core/base64url.hpp"
#include "shared/crypto/sha256.hpp"
#include "tests/integration/harness.hpp"
#include "tests/security/attack_report.hpp"

namespace tirage::testing {
namespace {

std::string header(const HttpAnswer& a, const std::string& name) {
  for (const auto& [k, v] : a.headers) {
    std::string lk = k, ln = name;
    for (char& c : lk) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (char& c : ln) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lk == ln) return v;
  }
  return "";
}

// The directive of a CSP ("script-src 'self' ..."), empty when absent.
std::string directive(const std::string& csp, const std::string& name) {
  std::smatch m;
  if (std::regex_search(csp, m, std::regex("(^|;)\\s*(" + name + "\\b[^;]*)"))) return m[2];
  return "";
}

class HeadersAttacks : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerUnderTest({"--static", TIRAGE_REPO});
    server_->start();
    key_ = server_->add_organizer("headers@example.com");
    const std::string people = server_->data_dir() + "/people.jsonl";
    write_participants(people, 5);
    auto created = server_->post("/api/v1/draws", draw_body(people, 1, 0, "local", "g_headers"), bearer(key_));
    draw_id_ = created.body.value("draw_id", "");
  }
  static void TearDownTestSuite() { delete server_; }

  static ServerUnderTest* server_;
  static std::string key_, draw_id_;
};
ServerUnderTest* HeadersAttacks::server_ = nullptr;
std::string HeadersAttacks::key_;
std::string HeadersAttacks::draw_id_;

TEST_F(HeadersAttacks, EveryHtmlPageForbidsInjectedScriptAndFraming) {
  attack("run script injected into one of our HTML pages, or frame the app, billing or sign-in pages from another site");
  ASSERT_FALSE(draw_id_.empty());
  const std::vector<std::string> pages = {"/", "/app", "/billing", "/privacy", "/terms", "/data-deletion",
                                          "/data-deletion/status?code=NOPE", "/api/v1/oauth/google/start?purpose=login",
                                          "/api/v1/oauth/link?token=" + std::string(64, 'a'), "/assets/widget/demo.html",
                                          "/v/" + draw_id_, "/v/d_unknown",
                                          "/o/" + server_->get("/api/v1/me", bearer(key_)).body.value("organizer_id", "o_unknown")};
  for (const auto& path : pages) {
    auto r = server_->get(path);
    SCOPED_TRACE(path + " answered " + std::to_string(r.status));
    ASSERT_EQ(header(r, "Content-Type").rfind("text/html", 0), 0u);
    const std::string csp = header(r, "Content-Security-Policy");
    ASSERT_FALSE(csp.empty());
    EXPECT_EQ(directive(csp, "default-src"), "default-src 'self'");
    EXPECT_EQ(directive(csp, "object-src"), "object-src 'none'");
    EXPECT_EQ(directive(csp, "base-uri"), "base-uri 'none'");
    for (const char* d : {"script-src", "style-src"}) {
      EXPECT_NE(directive(csp, d), "");
      EXPECT_EQ(directive(csp, d).find("unsafe-inline"), std::string::npos);
      EXPECT_EQ(directive(csp, d).find("'unsafe-eval'"), std::string::npos);
    }
    EXPECT_EQ(header(r, "X-Content-Type-Options"), "nosniff");
    if (path.rfind("/v/", 0) == 0) {
      EXPECT_EQ(directive(csp, "frame-ancestors"), "frame-ancestors *") << "the verify page is meant to be embedded";
      EXPECT_EQ(header(r, "X-Frame-Options"), "");
    } else {
      EXPECT_EQ(directive(csp, "frame-ancestors"), "frame-ancestors 'none'");
      EXPECT_EQ(header(r, "X-Frame-Options"), "DENY");
    }
  }
}

TEST_F(HeadersAttacks, OurOwnInlineBlocksStillRun) {
  guard("our own pages keep working under the CSP: the landing page's inline style is allowed by its hash, a rendered page gets no hash");
  std::ifstream in(std::string(TIRAGE_REPO) + "/public/index.html");
  const std::string html{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const auto open = html.find("<style>") + 7, close = html.find("</style>");
  ASSERT_NE(close, std::string::npos);
  const std::string hash = "'sha256-" + base64_encode(sha256(std::string_view(html).substr(open, close - open))) + "'";
  for (const char* encoding : {"identity", "gzip, deflate"}) {  // compressed before the headers are made, too
    const std::string csp = header(server_->get("/", {{"Accept-Encoding", encoding}}), "Content-Security-Policy");
    EXPECT_NE(directive(csp, "style-src").find(hash), std::string::npos) << encoding << ": " << csp;
  }
  // A rendered page gets no hash: what it echoes (a title, an error) can never become an allowed script.
  EXPECT_EQ(header(server_->get("/privacy"), "Content-Security-Policy").find("sha256-"), std::string::npos);
}

TEST_F(HeadersAttacks, NoAnswerCanBeSniffedAsAnotherType) {
  attack("get a JSON answer, a script or an error read as HTML by a browser that sniffs content");
  for (const std::string path : {"/healthz", "/api/v1/log/sth", "/assets/widget/widget.js", "/api/v1/nothing-here",
                                 "/.well-known/tirage-keys.json"}) {
    auto r = server_->get(path);
    EXPECT_EQ(header(r, "X-Content-Type-Options"), "nosniff") << path;
  }
}

TEST_F(HeadersAttacks, TheWidgetAndPublicReadsStayEmbeddable) {
  guard("partner sites keep working: the widget and public reads load from any origin");
  for (const std::string& path : std::vector<std::string>{"/assets/widget/widget.js", "/api/v1/draws/" + draw_id_, "/api/v1/log/sth"}) {
    auto r = server_->get(path, {{"Origin", "https://partner.example"}});
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(header(r, "Access-Control-Allow-Origin"), "*") << path;
    EXPECT_EQ(header(r, "Cross-Origin-Resource-Policy"), "cross-origin") << path;
  }
  // What is private stays with this origin.
  EXPECT_EQ(header(server_->get("/api/v1/me", bearer(key_)), "Cross-Origin-Resource-Policy"), "same-origin");
  EXPECT_EQ(header(server_->get("/api/v1/me", bearer(key_)), "Access-Control-Allow-Origin"), "");
}

TEST_F(HeadersAttacks, AnOrganizersJsonIsNeverCached) {
  attack("read an organizer's answers (keys, draws, session token) back from a shared or browser cache");
  for (const std::string path : {"/api/v1/me", "/api/v1/api-keys", "/api/v1/draws", "/api/v1/billing", "/api/v1/connections"}) {
    auto r = server_->get(path, bearer(key_));
    EXPECT_EQ(r.status, 200) << path << ": " << r.raw;
    EXPECT_EQ(header(r, "Cache-Control"), "no-store") << path;
  }
  auto login = server_->post("/api/v1/accounts/login", Json{{"email", "headers@example.com"}, {"password", "a long enough password"}});
  EXPECT_EQ(header(login, "Cache-Control"), "no-store");
}

// [SECTION] https

TEST(HttpsHeaders, BehindHttpsTheBrowserIsToldToStayOnHttpsAndCookiesAreHostOnly) {
  attack("downgrade to http (no HSTS) or plant a session cookie from a subdomain or a plain-http page (no __Host- prefix)");
  ServerUnderTest server({"--public-url", "https://tirage.example"});
  server.start();
  server.add_organizer("https@example.com");
  auto r = server.post("/api/v1/accounts/login", Json{{"email", "https@example.com"}, {"password", "a long enough password"}});
  ASSERT_EQ(r.status, 200) << r.raw;
  const std::string set = header(r, "Set-Cookie");
  EXPECT_EQ(set.rfind("__Host-tirage_session=", 0), 0u) << set;
  EXPECT_NE(set.find("; Secure"), std::string::npos) << set;
  EXPECT_NE(set.find("; Path=/"), std::string::npos) << set;
  EXPECT_EQ(set.find("Domain"), std::string::npos) << set;
  EXPECT_EQ(header(r, "Strict-Transport-Security").rfind("max-age=", 0), 0u);
  const std::string cookie = set.substr(0, set.find(';'));
  EXPECT_EQ(server.get("/api/v1/me", {{"Cookie", cookie}}).status, 200);
  // The same token under the old name (set by anything that is not this exact https host) is not a session.
  EXPECT_EQ(server.get("/api/v1/me", {{"Cookie", "tirage_session=" + cookie.substr(cookie.find('=') + 1)}}).status, 401);
}

TEST(HttpsHeaders, OnlyTheTrustedProxySaysARequestCameOverHttps) {
  attack("claim X-Forwarded-Proto: https from a client that is not the proxy");
  ServerUnderTest trusted({"--trusted-proxy", "127.0.0.1"});
  trusted.start();
  EXPECT_NE(header(trusted.get("/healthz", {{"X-Forwarded-Proto", "https"}}), "Strict-Transport-Security"), "");
  EXPECT_EQ(header(trusted.get("/healthz", {{"X-Forwarded-Proto", "http"}}), "Strict-Transport-Security"), "");
  ServerUnderTest elsewhere({"--trusted-proxy", "10.0.0.0/8"});
  elsewhere.start();
  EXPECT_EQ(header(elsewhere.get("/healthz", {{"X-Forwarded-Proto", "https"}}), "Strict-Transport-Security"), "");
}

}  // namespace
}  // namespace tirage::testing
