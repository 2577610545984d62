// Attacks through JSON bodies: nesting deep enough to exhaust a recursive
// parser, serializer or canonicalizer, and draw rules too large or too deep to
// sign. Each gets 400 at once and costs the server nothing; no draw is signed.
#include <gtest/gtest.h>

#include <chrono>

#include "tests/integration/harness.hpp"
#include "tests/security/attack_report.hpp"
#include "tests/security/process_watch.hpp"
#include "tests/security/raw_connection.hpp"

namespace tirage::testing {
namespace {

using Clock = std::chrono::steady_clock;

class JsonLimits : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerUnderTest();
    server_->start();
    key_ = server_->add_organizer("json@example.com");
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  // A valid create-draw body whose "rules" member is the raw JSON text rules.
  static std::string draw_with_rules(const std::string& rules) {
    return R"({"giveaway_id":"g_json","title":"Deep","participants_root":")" + std::string(64, 'a') +
           R"(","participants_count":10,"winners":1,"beacon":{"source":"local"},"rules":)" + rules + "}";
  }

  struct Sent {
    HttpAnswer answer;
    long cpu_ms, wall_ms;
  };
  // Posts body to path; the answer with the server's CPU time and the wall time it took.
  static Sent post(const std::string& path, const std::string& body, const httplib::Headers& headers) {
    const long cpu = cpu_milliseconds(server_->pid());
    const auto start = Clock::now();
    Sent s{server_->post_raw(path, body, "application/json", headers), 0, 0};
    s.wall_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    s.cpu_ms = cpu_milliseconds(server_->pid()) - cpu;
    return s;
  }

  static std::string outcome(const Sent& s) {
    std::string code = s.answer.body.is_object() && s.answer.body.contains("error")
                           ? " " + s.answer.body["error"]["code"].get<std::string>()
                           : "";
    return (s.answer.status > 0 ? "answered " + std::to_string(s.answer.status) + code : "no answer (" + s.answer.raw + ")") +
           " in " + std::to_string(s.wall_ms) + " ms, server CPU " + std::to_string(s.cpu_ms) + " ms" +
           (server_->pid() > 0 && rss_kib(server_->pid()) > 0 ? "" : "; the server died");
  }

  static std::uint64_t log_size() { return server_->get("/healthz").body.value("log_size", std::uint64_t{0}); }

  static ServerUnderTest* server_;
  static std::string key_;
};
ServerUnderTest* JsonLimits::server_ = nullptr;
std::string JsonLimits::key_;

TEST_F(JsonLimits, RulesHoldingAnArray200000Deep) {
  const auto before = log_size();
  auto s = post("/api/v1/draws", draw_with_rules(R"({"a":)" + std::string(200000, '[') + std::string(200000, ']') + "}"),
                bearer(key_));
  attack_outcome(outcome(s));
  ASSERT_GT(rss_kib(server_->pid()), 0) << "the server died";
  EXPECT_EQ(s.answer.status, 400) << s.answer.raw;
  EXPECT_LT(s.cpu_ms, 100);
  EXPECT_EQ(log_size(), before) << "nothing may be signed";
}

TEST_F(JsonLimits, RulesObject20000LevelsDeep) {
  const auto before = log_size();
  std::string rules;
  for (int i = 0; i < 20000; ++i) rules += R"({"a":)";
  rules += "1" + std::string(20000, '}');
  auto s = post("/api/v1/draws", draw_with_rules(rules), bearer(key_));
  attack_outcome(outcome(s));
  ASSERT_GT(rss_kib(server_->pid()), 0) << "the server died";
  EXPECT_EQ(s.answer.status, 400) << s.answer.raw;
  EXPECT_LT(s.cpu_ms, 100);
  EXPECT_EQ(log_size(), before) << "nothing may be signed";
}

TEST_F(JsonLimits, RulesOf900KiB) {
  const auto before = log_size();
  std::string accounts;
  for (int i = 0; i < 30000; ++i) accounts += std::string(accounts.empty() ? "" : ",") + "\"@account_number_" + std::to_string(i) + "\"";
  auto s = post("/api/v1/draws", draw_with_rules(R"({"excluded_accounts":[)" + accounts + "]}"), bearer(key_));
  attack_outcome(outcome(s));
  EXPECT_EQ(s.answer.status, 400) << s.answer.raw.substr(0, 300);
  EXPECT_EQ(log_size(), before) << "rules this large are not signed";
}

TEST_F(JsonLimits, LoginBodyNested200000Deep) {
  auto s = post("/api/v1/accounts/login", std::string(200000, '[') + std::string(200000, ']'), {});
  attack_outcome(outcome(s));
  ASSERT_GT(rss_kib(server_->pid()), 0) << "the server died";
  EXPECT_EQ(s.answer.status, 400) << s.answer.raw;
  EXPECT_EQ(s.answer.body["error"]["code"], "bad_json");
  EXPECT_LT(s.cpu_ms, 100);
}

}  // namespace
}  // namespace tirage::testing
