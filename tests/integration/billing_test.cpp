// Billing against a real tirage-server and the fake Stripe (tests/fakes/fake_stripe.py):
// upgrades through Checkout and signed webhooks, single draws, failed payments
// (grace period, mail through a real SMTP server, downgrade that deletes
// nothing), cancellation in the portal, duplicate/concurrent/reordered
// deliveries processed once, a restart between checkout and webhook, plan
// limits enforced on the API itself, forged webhooks and Stripe's errors.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <sstream>
#include <thread>

#include "server/billing/stripe_client.hpp"
#include "server/billing/stripe_signature.hpp"
#include "tests/integration/harness.hpp"

namespace tirage::testing {
namespace {

constexpr const char* kKey = "sk_test_tirage_integration_4242";
constexpr const char* kWebhookSecret = "whsec_tirage_integration";
constexpr int kGraceSeconds = 4;

struct Session {
  std::string organizer, cookie, csrf;
  httplib::Headers headers() const { return {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}; }
};

class BillingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = make_temp_dir("billing");
    // The repository's plans with a short grace period, through --plans.
    std::ifstream in(std::string(TIRAGE_REPO) + "/config/plans.json");
    std::stringstream ss;
    ss << in.rdbuf();
    Json plans = *parse_json(ss.str());
    plans["grace_period_seconds"] = kGraceSeconds;
    plans_ = dir_ + "/plans.json";
    std::ofstream(plans_) << plans.dump(2);

    smtp_port_ = free_port();
    smtp_.start({"/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(smtp_port_), "-c",
                 "aiosmtpd.handlers.Mailbox", dir_ + "/box"},
                dir_ + "/smtp.log");
    stripe_port_ = free_port();
    server_ = new ServerUnderTest({"--plans", plans_, "--stripe-api-url", stripe_url(), "--smtp-url",
                                   "smtp://127.0.0.1:" + std::to_string(smtp_port_), "--mail-retry-seconds", "1"});
    fake_.start({"/usr/bin/python3", std::string(TIRAGE_FAKES) + "/fake_stripe.py", "--port", std::to_string(stripe_port_),
                 "--api-key", kKey, "--webhook-url", server_->url() + "/api/v1/stripe/webhook", "--webhook-secret",
                 kWebhookSecret, "--plans", plans_},
                dir_ + "/fake_stripe.log");
    with_stripe_env([] { server_->start(); });
    for (int i = 0; i < 100; ++i) {
      if (httplib::Client(stripe_url()).Get("/_test/events")) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  static void TearDownTestSuite() {
    delete server_;
    fake_.kill_now();
    smtp_.kill_now();
    std::filesystem::remove_all(dir_);
  }
  void SetUp() override { control("delivery", Json{{"duplicates", 1}, {"reverse", false}, {"concurrent", false}, {"hold", false}}); }

  static std::string stripe_url() { return "http://127.0.0.1:" + std::to_string(stripe_port_); }

  // Runs fn (which starts a server) with the Stripe secrets in the environment, and removes them after.
  static void with_stripe_env(const std::function<void()>& fn, const char* key = kKey) {
    ::setenv("STRIPE_SECRET_KEY", key, 1);
    ::setenv("STRIPE_WEBHOOK_SECRET", kWebhookSecret, 1);
    fn();
    ::unsetenv("STRIPE_SECRET_KEY");
    ::unsetenv("STRIPE_WEBHOOK_SECRET");
  }

  // A verified organizer on the default (free) plan, logged in; `key` gets an API key.
  static Session free_organizer(const std::string& email, std::string* key = nullptr) {
    std::string out;
    const std::string cmd = std::string("'") + TIRAGE_SERVER + "' user add --data '" + server_->data_dir() +
                            "/data' --email '" + email + "' --password 'a long enough password' --api-key";
    EXPECT_EQ(run(cmd, &out), 0) << out;
    if (key) *key = out.substr(out.rfind("tk_"), 67);
    auto r = server_->post("/api/v1/accounts/login", Json{{"email", email}, {"password", "a long enough password"}});
    EXPECT_EQ(r.status, 200) << r.raw;
    Session s;
    s.organizer = r.body.value("organizer_id", "");
    s.cookie = r.headers["Set-Cookie"].substr(0, r.headers["Set-Cookie"].find(';'));
    s.csrf = r.body.value("csrf_token", "");
    return s;
  }

  static Json billing(const Session& s) {
    auto r = server_->get("/api/v1/billing", s.headers());
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body;
  }

  static bool wait_until(const std::function<bool()>& done, int seconds = 20) {
    for (int i = 0; i < seconds * 10; ++i) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  static Json control(const std::string& what, const Json& body) {
    auto r = httplib::Client(stripe_url()).Post(("/_test/" + what).c_str(), body.dump(), "application/json");
    EXPECT_TRUE(r && r->status == 200) << what << ": " << (r ? r->body : "no answer");
    return r ? *parse_json(r->body) : Json();
  }

  static Json fake_get(const std::string& path) {
    auto r = httplib::Client(stripe_url()).Get(path.c_str());
    return r ? *parse_json(r->body) : Json();
  }

  // Starts Checkout and presses "Pay" on the fake's page, as the browser would.
  static std::string checkout_and_pay(const Session& s, const Json& choice) {
    auto r = server_->post("/api/v1/billing/checkout", choice, s.headers());
    EXPECT_EQ(r.status, 201) << r.raw;
    const std::string url = r.body.value("url", "");
    EXPECT_EQ(url.rfind(stripe_url() + "/pay/cs_", 0), 0u) << url;
    auto paid = httplib::Client(stripe_url()).Post(url.substr(stripe_url().size()).c_str());
    EXPECT_TRUE(paid && paid->status == 303) << (paid ? paid->body : "no answer");
    if (paid) {
      EXPECT_NE(paid->get_header_value("Location").find("/billing?checkout=success&session_id=cs_"), std::string::npos);
    }
    return r.body.value("session_id", "");
  }

  static Session pro_organizer(const std::string& email) {
    Session s = free_organizer(email);
    checkout_and_pay(s, Json{{"plan", "pro"}, {"interval", "month"}, {"currency", "eur"}});
    EXPECT_TRUE(wait_until([&] { return billing(s)["plan"]["id"] == "pro"; })) << server_->log();
    return s;
  }

  static std::string subscription_of(const Session& s) {
    auto audit = billing(s)["audit"];
    for (const auto& a : audit)
      if (a["field"] == "subscription" && !a["new"].get<std::string>().empty()) return a["new"];
    return "";
  }

  static Json draw(const Session& s, int participants, int alternates, const httplib::Headers& auth = {}) {
    const std::string path = dir_ + "/p" + std::to_string(participants) + ".jsonl";
    if (!std::filesystem::exists(path)) write_participants(path, participants);
    Json body = draw_body(path, 1, alternates, "local", "g_" + s.organizer);  // giveaway ids belong to one organizer
    auto r = server_->post("/api/v1/draws", body, auth.empty() ? s.headers() : auth);
    return Json{{"status", r.status}, {"body", r.body}};
  }

  // Rows of the server's database (read-only, beside the running server).
  static std::vector<std::vector<std::string>> query(const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2((server_->data_dir() + "/data/tirage.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* st = nullptr;
    std::vector<std::vector<std::string>> rows;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) {
      while (sqlite3_step(st) == SQLITE_ROW) {
        std::vector<std::string> row;
        for (int i = 0; i < sqlite3_column_count(st); ++i) {
          const unsigned char* t = sqlite3_column_text(st, i);
          row.push_back(t ? reinterpret_cast<const char*>(t) : "NULL");
        }
        rows.push_back(row);
      }
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rows;
  }

  static std::vector<Json> mails_for(const std::string& address) {
    std::string text;
    run("/usr/bin/python3 '" + std::string(TIRAGE_FAKES) + "/read_mail.py' '" + dir_ + "/box' '" + address + "' 2>/dev/null", &text);
    std::vector<Json> out;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
      if (auto j = parse_json(line)) out.push_back(*j);
    return out;
  }

  static HttpAnswer post_webhook(const std::string& body, const std::string& signature) {
    return server_->post_raw("/api/v1/stripe/webhook", body, "application/json", {{"Stripe-Signature", signature}});
  }

  static ServerUnderTest* server_;
  static Process fake_, smtp_;
  static std::string dir_, plans_;
  static int stripe_port_, smtp_port_;
};
ServerUnderTest* BillingTest::server_ = nullptr;
Process BillingTest::fake_, BillingTest::smtp_;
std::string BillingTest::dir_, BillingTest::plans_;
int BillingTest::stripe_port_ = 0, BillingTest::smtp_port_ = 0;

TEST_F(BillingTest, ANewOrganizerIsOnTheFreePlanWithItsLimitsAndUsage) {
  Session s = free_organizer("free@example.com");
  Json b = billing(s);
  EXPECT_EQ(b["plan"]["id"], "free");
  EXPECT_EQ(b["limits"]["participants_per_draw"], 200);
  EXPECT_EQ(b["limits"]["api_access"], false);
  EXPECT_EQ(b["usage"]["draws_this_month"], 0);
  EXPECT_EQ(b["payments_enabled"], true);
  EXPECT_EQ(b["currencies"], Json::array({"eur", "chf"}));
  EXPECT_EQ(b["plans"].size(), 4u);
  EXPECT_EQ(server_->get("/api/v1/billing").status, 401);
}

TEST_F(BillingTest, UpgradeThroughCheckoutAndSignedWebhooks) {
  Session s = free_organizer("upgrade@example.com");
  const std::string session = checkout_and_pay(s, Json{{"plan", "business"}, {"interval", "year"}, {"currency", "chf"}});
  ASSERT_TRUE(wait_until([&] { return billing(s)["plan"]["id"] == "business"; })) << server_->log();
  Json b = billing(s);
  EXPECT_EQ(b["status"], "active");
  EXPECT_EQ(b["interval"], "year");
  EXPECT_EQ(b["currency"], "chf");
  EXPECT_EQ(b["limits"]["draws_per_month"], nullptr);
  EXPECT_TRUE(wait_until([&] { return server_->get("/api/v1/billing?session_id=" + session, s.headers()).body["checkout"]["completed"] == true; }));
  // The audit trail says what changed and which event caused it.
  bool plan_change = false;
  for (const auto& a : b["audit"])
    plan_change |= a["field"] == "plan" && a["old"] == "free" && a["new"] == "business" && a["source"].get<std::string>().rfind("evt_", 0) == 0;
  EXPECT_TRUE(plan_change) << b["audit"].dump(1);
  // What we sent Stripe: form-encoded, an Idempotency-Key on every create, tax ids collected, our ids attached.
  int creates = 0;
  for (const auto& r : fake_get("/_test/requests")) {
    if (r["method"] != "POST") continue;
    ++creates;
    EXPECT_TRUE(r["idempotency_key"].is_string() && !r["idempotency_key"].get<std::string>().empty()) << r.dump();
    if (r["path"] == "checkout/sessions" && r["form"]["client_reference_id"] == s.organizer) {
      EXPECT_EQ(r["form"]["mode"], "subscription");
      EXPECT_EQ(r["form"]["line_items[0][price]"], "price_tirage_business_year_chf");
      EXPECT_EQ(r["form"]["tax_id_collection[enabled]"], "true");
      EXPECT_EQ(r["form"]["subscription_data[metadata][organizer_id]"], s.organizer);
    }
  }
  EXPECT_GE(creates, 2);
  // A second subscription is refused: changes go through the portal.
  auto again = server_->post("/api/v1/billing/checkout", Json{{"plan", "pro"}, {"interval", "month"}, {"currency", "eur"}}, s.headers());
  EXPECT_EQ(again.status, 409) << again.raw;
}

TEST_F(BillingTest, CheckoutRefusesBadChoicesAndCsrfLessRequests) {
  Session s = free_organizer("choices@example.com");
  for (const Json& bad : {Json{{"plan", "gold"}, {"interval", "month"}, {"currency", "eur"}},
                          Json{{"plan", "pro"}, {"interval", "week"}, {"currency", "eur"}},
                          Json{{"plan", "pro"}, {"interval", "month"}, {"currency", "usd"}},
                          Json{{"plan", "free"}, {"currency", "eur"}},
                          Json{{"plan", "pro"}, {"interval", "month"}, {"currency", "eur"}, {"coupon", "FREE"}}}) {
    auto r = server_->post("/api/v1/billing/checkout", bad, s.headers());
    EXPECT_EQ(r.status, 400) << bad.dump() << r.raw;
  }
  auto no_csrf = server_->post("/api/v1/billing/checkout", Json{{"plan", "pro"}, {"interval", "month"}, {"currency", "eur"}},
                               {{"Cookie", s.cookie}});
  EXPECT_EQ(no_csrf.status, 403) << no_csrf.raw;
  EXPECT_EQ(server_->post("/api/v1/billing/portal", Json::object(), s.headers()).status, 409);
}

TEST_F(BillingTest, ASingleDrawCoversOneDrawBeyondTheFreePlan) {
  Session s = free_organizer("single@example.com");
  Json refused = draw(s, 500, 1);
  ASSERT_EQ(refused["status"], 402) << refused.dump();
  EXPECT_EQ(refused["body"]["error"]["limit"], "participants_per_draw");
  EXPECT_EQ(refused["body"]["error"]["upgrade"], Json::array({"single_draw", "pro", "business"}));
  checkout_and_pay(s, Json{{"plan", "single_draw"}, {"currency", "chf"}});
  ASSERT_TRUE(wait_until([&] { return billing(s)["usage"]["single_draw_credits"] == 1; })) << server_->log();
  EXPECT_EQ(billing(s)["plan"]["id"], "free");
  Json ok = draw(s, 500, 5);
  EXPECT_EQ(ok["status"], 201) << ok.dump();
  EXPECT_EQ(billing(s)["usage"]["single_draw_credits"], 0);
  EXPECT_EQ(draw(s, 500, 1)["status"], 402);
}

TEST_F(BillingTest, AFailedPaymentMailsThenDowngradesAfterTheGracePeriodAndDeletesNothing) {
  Session s = pro_organizer("failing@example.com");
  ASSERT_EQ(draw(s, 1000, 10)["status"], 201);  // a Pro-sized draw
  const std::string sub = subscription_of(s);
  ASSERT_FALSE(sub.empty());
  control("fail_payment", Json{{"subscription", sub}});
  ASSERT_TRUE(wait_until([&] { return !billing(s)["grace_until"].is_null(); })) << server_->log();
  Json b = billing(s);
  EXPECT_EQ(b["plan"]["id"], "pro");  // still Pro during the grace period
  EXPECT_EQ(b["status"], "past_due");
  // The organizer is told, once.
  ASSERT_TRUE(wait_until([&] { return !mails_for("failing@example.com").empty(); })) << server_->log();
  auto mails = mails_for("failing@example.com");
  EXPECT_NE(mails[0]["subject"].get<std::string>().find("Payment failed"), std::string::npos) << mails[0].dump();
  EXPECT_NE(mails[0]["text"].get<std::string>().find("/billing"), std::string::npos);
  // After the grace period: the Free plan, and the draw is still there.
  ASSERT_TRUE(wait_until([&] { return billing(s)["plan"]["id"] == "free"; }, kGraceSeconds + 10));
  EXPECT_EQ(mails_for("failing@example.com").size(), 1u);
  auto draws = server_->get("/api/v1/draws", s.headers());
  EXPECT_EQ(draws.body["draws"].size(), 1u) << draws.raw;
  EXPECT_EQ(draw(s, 1000, 10)["status"], 402);
  bool audited = false;
  const Json audit = billing(s)["audit"];
  for (const auto& a : audit) audited |= a["field"] == "plan" && a["new"] == "free" && a["source"] == "grace_period";
  EXPECT_TRUE(audited) << audit.dump(1);
  // Paying later restores Pro.
  control("pay_invoice", Json{{"subscription", sub}});
  EXPECT_TRUE(wait_until([&] { return billing(s)["plan"]["id"] == "pro" && billing(s)["grace_until"].is_null(); }));
}

TEST_F(BillingTest, CancelingInThePortalEndsThePlan) {
  Session s = pro_organizer("portal@example.com");
  auto r = server_->post("/api/v1/billing/portal", Json::object(), s.headers());
  ASSERT_EQ(r.status, 201) << r.raw;
  const std::string url = r.body["url"];
  ASSERT_EQ(url.rfind(stripe_url() + "/portal/bps_", 0), 0u) << url;
  auto cancel = httplib::Client(stripe_url()).Post((url.substr(stripe_url().size()) + "/cancel").c_str());
  ASSERT_TRUE(cancel && cancel->status == 303);
  EXPECT_EQ(cancel->get_header_value("Location"), server_->url() + "/billing");
  ASSERT_TRUE(wait_until([&] { return billing(s)["plan"]["id"] == "free"; })) << server_->log();
  EXPECT_EQ(billing(s)["status"], "canceled");
}

TEST_F(BillingTest, DuplicateAndConcurrentDeliveriesAreProcessedOnce) {
  control("delivery", Json{{"duplicates", 6}, {"concurrent", true}});
  Session s = free_organizer("dupes@example.com");
  const std::string session = checkout_and_pay(s, Json{{"plan", "single_draw"}, {"currency", "eur"}});
  ASSERT_TRUE(wait_until([&] { return billing(s)["usage"]["single_draw_credits"] == 1; })) << server_->log();
  // Every copy was delivered and acknowledged...
  std::string event_id;
  ASSERT_TRUE(wait_until([&] {
    for (const auto& e : fake_get("/_test/events"))
      if (e["type"] == "checkout.session.completed" && e["deliveries"].size() == 6) event_id = e["id"];
    return !event_id.empty();
  }));
  // ...and redelivered again, all at once, later.
  control("redeliver", Json{{"event", event_id}, {"times", 8}, {"concurrent", true}});
  ASSERT_TRUE(wait_until([&] {
    auto rows = query("SELECT deliveries FROM stripe_events WHERE id = '" + event_id + "'");
    return !rows.empty() && rows[0][0] == "14";
  })) << server_->log();
  EXPECT_EQ(billing(s)["usage"]["single_draw_credits"], 1);  // one purchase, one credit
  // Processed exactly once: one "stripe_event" line for it; the 13 other deliveries were answered as duplicates.
  std::istringstream log(server_->log());
  int processed = 0;
  for (std::string line; std::getline(log, line);)
    processed += line.find("\"event\":\"stripe_event\"") != std::string::npos && line.find(event_id) != std::string::npos;
  EXPECT_EQ(processed, 1);
  auto credits = query("SELECT COUNT(*) FROM billing_audit WHERE organizer_id = '" + s.organizer + "' AND field = 'single_draw_credits'");
  EXPECT_EQ(credits[0][0], "1");
}

TEST_F(BillingTest, OutOfOrderDeliveriesEndInStripesCurrentState) {
  control("delivery", Json{{"reverse", true}});
  Session s = pro_organizer("order@example.com");  // invoice.paid, subscription.created, then checkout.completed
  const std::string sub = subscription_of(s);
  // Failure then recovery, delivered newest first: the subscription is active now, so no grace period.
  control("delivery", Json{{"hold", true}, {"reverse", true}});
  control("fail_payment", Json{{"subscription", sub}});
  control("pay_invoice", Json{{"subscription", sub}});
  control("flush", Json::object());
  ASSERT_TRUE(wait_until([&] {
    auto rows = query("SELECT COUNT(*) FROM stripe_events WHERE processed_at IS NOT NULL AND payload LIKE '%" + sub + "%'");
    return !rows.empty() && rows[0][0] == "7";  // 3 from the purchase, 2 + 2
  })) << server_->log();
  Json b = billing(s);
  EXPECT_EQ(b["plan"]["id"], "pro");
  EXPECT_EQ(b["status"], "active");
  EXPECT_TRUE(mails_for("order@example.com").empty());  // it had recovered: no warning
  // A renewal then a cancellation, delivered newest first: the older "active" news does not revive the plan.
  control("delivery", Json{{"hold", true}, {"reverse", true}});
  control("pay_invoice", Json{{"subscription", sub}});
  control("cancel", Json{{"subscription", sub}});
  control("flush", Json::object());
  ASSERT_TRUE(wait_until([&] {
    auto rows = query("SELECT COUNT(*) FROM stripe_events WHERE processed_at IS NOT NULL AND payload LIKE '%" + sub + "%'");
    return !rows.empty() && rows[0][0] == "10";
  })) << server_->log();
  EXPECT_EQ(billing(s)["plan"]["id"], "free");
  EXPECT_EQ(billing(s)["status"], "canceled");
}

TEST_F(BillingTest, LimitsAreEnforcedOnTheApiEvenWithoutTheApp) {
  std::string key;
  Session s = free_organizer("limits@example.com", &key);
  Json too_many = draw(s, 201, 0);
  ASSERT_EQ(too_many["status"], 402) << too_many.dump();
  const Json& e = too_many["body"]["error"];
  EXPECT_EQ(e["code"], "plan_limit");
  EXPECT_EQ(e["limit"], "participants_per_draw");
  EXPECT_EQ(e["allowed"], 200);
  EXPECT_EQ(e["requested"], 201);
  EXPECT_EQ(e["plan"], "free");
  EXPECT_EQ(e["upgrade_url"], server_->url() + "/billing");
  EXPECT_EQ(draw(s, 50, 3)["body"]["error"]["limit"], "alternates");
  // API keys need a plan with API access.
  auto api = server_->get("/api/v1/draws", bearer(key));
  EXPECT_EQ(api.status, 402) << api.raw;
  EXPECT_EQ(api.body["error"]["limit"], "api_access");
  EXPECT_EQ(api.body["error"]["upgrade"], Json::array({"pro", "business"}));
  // Three draws a month, even when five are asked for at once.
  std::vector<std::future<Json>> attempts;
  for (int i = 0; i < 5; ++i) attempts.push_back(std::async(std::launch::async, [&] { return draw(s, 50, 1); }));
  int created = 0, refused = 0;
  for (auto& a : attempts) {
    Json r = a.get();
    if (r["status"] == 201) ++created;
    if (r["status"] == 402 && r["body"]["error"]["limit"] == "draws_per_month") ++refused;
  }
  EXPECT_EQ(created, 3);
  EXPECT_EQ(refused, 2);
  EXPECT_EQ(billing(s)["usage"]["draws_this_month"], 3);
  // A refused request changed nothing.
  EXPECT_EQ(server_->get("/api/v1/draws", s.headers()).body["draws"].size(), 3u);
}

TEST_F(BillingTest, ARestartBetweenCheckoutAndWebhookLosesNothing) {
  Session s = free_organizer("restart@example.com");
  control("delivery", Json{{"hold", true}});
  checkout_and_pay(s, Json{{"plan", "pro"}, {"interval", "year"}, {"currency", "eur"}});
  server_->crash();                  // SIGKILL after Checkout started, before any webhook
  control("flush", Json::object());  // deliveries fail while it is down; the fake retries, as Stripe does
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  with_stripe_env([] { server_->start(); });
  ASSERT_TRUE(wait_until([&] { return billing(s)["plan"]["id"] == "pro"; })) << server_->log();
  EXPECT_EQ(billing(s)["interval"], "year");
  bool failed_delivery = false;
  for (const auto& e : fake_get("/_test/events"))
    for (const auto& d : e["deliveries"]) failed_delivery |= d.is_null();
  EXPECT_TRUE(failed_delivery) << "the server was never down during a delivery";
}

TEST_F(BillingTest, ForgedOrReplayedWebhooksAreRefused) {
  const std::string body = R"({"id":"evt_forged","object":"event","type":"customer.subscription.deleted","created":1,)"
                           R"("data":{"object":{"id":"sub_x","object":"subscription"}}})";
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  auto sign = [&](const std::string& secret, std::int64_t t, const std::string& b) {
    return "t=" + std::to_string(t) + ",v1=" + server::stripe_v1_signature(secret, t, b);
  };
  EXPECT_EQ(post_webhook(body, "").status, 400);
  EXPECT_EQ(post_webhook(body, sign("whsec_attacker", now, body)).status, 400);
  EXPECT_EQ(post_webhook(body, sign(kWebhookSecret, now - 301, body)).status, 400);  // a replay of an old delivery
  std::string tampered = body;
  tampered.replace(tampered.find("sub_x"), 5, "sub_y");
  auto r = post_webhook(tampered, sign(kWebhookSecret, now, body));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body["error"]["code"], "bad_signature");
  EXPECT_TRUE(query("SELECT id FROM stripe_events WHERE id = 'evt_forged'").empty());
  // Correctly signed, but Stripe has no such subscription: not processed, 5xx so Stripe retries.
  auto unknown = post_webhook(body, sign(kWebhookSecret, now, body));
  EXPECT_EQ(unknown.status, 500) << unknown.raw;
  auto rows = query("SELECT processed_at, last_error FROM stripe_events WHERE id = 'evt_forged'");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "NULL");
  EXPECT_NE(rows[0][1].find("No such subscription"), std::string::npos) << rows[0][1];
  // A Checkout Session this server never created is acknowledged and changes nothing.
  const std::string other = R"({"id":"evt_other","object":"event","type":"checkout.session.completed","created":1,)"
                            R"("data":{"object":{"id":"cs_test_notours","object":"checkout.session"}}})";
  EXPECT_EQ(post_webhook(other, sign(kWebhookSecret, now, other)).status, 200);
}

TEST_F(BillingTest, StripesErrorsAreReadableAndTheKeyNeverLogged) {
  ServerUnderTest wrong({"--stripe-api-url", stripe_url()});
  with_stripe_env([&] { wrong.start(); }, "sk_test_wrong_key_9999");
  wrong.add_organizer("wrongkey@example.com");
  auto login = wrong.post("/api/v1/accounts/login", Json{{"email", "wrongkey@example.com"}, {"password", "a long enough password"}});
  httplib::Headers h = {{"Cookie", login.headers["Set-Cookie"].substr(0, login.headers["Set-Cookie"].find(';'))},
                        {"X-CSRF-Token", login.body.value("csrf_token", "")}};
  auto r = wrong.post("/api/v1/billing/checkout", Json{{"plan", "pro"}, {"interval", "month"}, {"currency", "eur"}}, h);
  EXPECT_EQ(r.status, 502) << r.raw;
  EXPECT_NE(r.body["error"]["message"].get<std::string>().find("refused the secret key"), std::string::npos) << r.raw;
  EXPECT_EQ(r.raw.find("wrong_key"), std::string::npos);
  EXPECT_EQ(wrong.log().find("sk_test_wrong"), std::string::npos) << wrong.log();
  EXPECT_EQ(server_->log().find(kKey), std::string::npos);
  // Without any key, payments say so and limits still apply.
  ServerUnderTest none;
  none.start();
  none.add_organizer("nokey@example.com");
  auto l2 = none.post("/api/v1/accounts/login", Json{{"email", "nokey@example.com"}, {"password", "a long enough password"}});
  httplib::Headers h2 = {{"Cookie", l2.headers["Set-Cookie"].substr(0, l2.headers["Set-Cookie"].find(';'))},
                         {"X-CSRF-Token", l2.body.value("csrf_token", "")}};
  auto r2 = none.post("/api/v1/billing/checkout", Json{{"plan", "pro"}, {"interval", "month"}, {"currency", "eur"}}, h2);
  EXPECT_EQ(r2.status, 503) << r2.raw;
  EXPECT_EQ(none.post_raw("/api/v1/stripe/webhook", "{}", "application/json").status, 503);
}

TEST_F(BillingTest, TheClientAndTheFakeSpeakStripesIdempotencyAndErrors) {
  server::StripeClient client(stripe_url(), kKey);
  auto a = client.create("customers", {{"email", "idem@example.com"}}, "key-1");
  auto b = client.create("customers", {{"email", "idem@example.com"}}, "key-1");
  ASSERT_TRUE(a && b);
  EXPECT_EQ((*a)["id"], (*b)["id"]);  // replayed, not created twice
  auto conflict = client.create("customers", {{"email", "other@example.com"}}, "key-1");
  ASSERT_FALSE(conflict);
  EXPECT_NE(conflict.error().message.find("idempotency_error"), std::string::npos) << conflict.error().message;
  auto bad_price = client.create("checkout/sessions",
                                 {{"mode", "subscription"}, {"line_items[0][price]", "price_nope"}, {"success_url", "http://x/"}},
                                 server::new_idempotency_key());
  ASSERT_FALSE(bad_price);
  EXPECT_NE(bad_price.error().message.find("about line_items[0][price]"), std::string::npos) << bad_price.error().message;
  auto missing = client.retrieve("subscriptions/sub_missing");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "not_found");
  auto unauthorized = server::StripeClient(stripe_url(), "sk_test_bad").retrieve("customers/" + (*a)["id"].get<std::string>());
  ASSERT_FALSE(unauthorized);
  EXPECT_EQ(unauthorized.error().code, "stripe_auth");
}

}  // namespace
}  // namespace tirage::testing
