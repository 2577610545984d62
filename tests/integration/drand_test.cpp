// The drand beacon through fake relays that speak drand's HTTP API: relays
// tried in turn, failures and slow answers survived, bad rounds refused, and
// the local fallback when no relay answers.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "shared/protocol/beacon.hpp"
#include "shared/protocol/bundle.hpp"
#include "tests/integration/harness.hpp"

namespace tirage::testing {
namespace {

class DrandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = make_temp_dir("drand-draws");
    participants_ = dir_ + "/p.jsonl";
    write_participants(participants_, 25);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_, participants_;
};

TEST_F(DrandTest, DrawWithDrandThroughASecondRelayWhenTheFirstIsDown) {
  FakeDrand relay;
  const std::string dead = "http://127.0.0.1:" + std::to_string(free_port());
  ServerUnderTest server({"--beacon", "drand", "--drand-urls", dead + "," + relay.url(), "--drand-timeout-ms", "1000"});
  server.start();
  const std::string key = server.add_organizer("dora@example.com");
  auto created = server.post("/api/v1/draws", draw_body(participants_, 2, 1, "drand"), bearer(key));
  ASSERT_EQ(created.status, 201) << created.raw;
  const Json& beacon = created.body["commitment"]["statement"]["beacon"];
  EXPECT_EQ(beacon["source"], "drand");
  EXPECT_EQ(beacon["chain_hash"], drand_quicknet().chain_hash);
  const std::string id = created.body["draw_id"];
  wait_for_beacon(server, id);
  auto result = server.post("/api/v1/draws/" + id + "/result", result_body_from_tool(server, id, participants_, 2, 1),
                            bearer(key));
  ASSERT_EQ(result.status, 201) << result.raw;
  auto bundle = server.get("/api/v1/draws/" + id + "/bundle");
  auto report = verify_bundle(bundle.body);
  EXPECT_TRUE(report.ok()) << (report.first_failure() ? report.first_failure()->detail : "");
  EXPECT_EQ(server.get("/api/v1/draws/" + id).body["weak_beacon"], false);
}

TEST_F(DrandTest, SurvivesTransientRelayFailures) {
  FakeDrand relay({"--fail", "2"});  // the first two answers are 500s; the client retries
  ServerUnderTest server({"--beacon", "drand", "--drand-urls", relay.url()});
  server.start();
  EXPECT_EQ(server.get("/healthz").body["drand"], true);
}

TEST_F(DrandTest, ARoundWhoseRandomnessIsNotTheSignatureHashIsRefused) {
  FakeDrand liar({"--garbage"});  // chain info is right, rounds are not
  ServerUnderTest server({"--beacon", "drand", "--drand-urls", liar.url()});
  server.start();
  const std::string key = server.add_organizer("eve@example.com");
  auto created = server.post("/api/v1/draws", draw_body(participants_, 1, 0, "drand"), bearer(key));
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string id = created.body["draw_id"];
  const auto draw_at = *parse_rfc3339(created.body["draw_at"].get<std::string>());
  while (std::time(nullptr) <= draw_at) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto sel = server.get("/api/v1/draws/" + id + "/selection");
  EXPECT_EQ(sel.status, 502) << sel.raw;
  EXPECT_NE(sel.raw.find("H(signature)"), std::string::npos) << sel.raw;
  EXPECT_EQ(server.get("/api/v1/draws/" + id).body["status"], "committed");
}

TEST_F(DrandTest, SlowRelaysTimeOutAndNoRelayMeansLocalFallback) {
  FakeDrand slow({"--slow-ms", "3000"});
  ServerUnderTest server({"--drand-urls", slow.url(), "--drand-timeout-ms", "300", "--beacon", "auto"});
  const auto t0 = std::chrono::steady_clock::now();
  server.start();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
  EXPECT_EQ(server.get("/healthz").body["drand"], false);
  EXPECT_NE(server.log().find("weaker"), std::string::npos) << server.log();
  const std::string key = server.add_organizer("fay@example.com");
  auto drand = server.post("/api/v1/draws", draw_body(participants_, 1, 0, "drand"), bearer(key));
  EXPECT_EQ(drand.status, 503);
  EXPECT_EQ(server.post("/api/v1/draws", draw_body(participants_, 1, 0, "local"), bearer(key)).status, 201);
}

TEST_F(DrandTest, DrandModeRefusesToStartWithoutARelay) {
  ServerUnderTest server({"--beacon", "drand", "--drand-urls", "http://127.0.0.1:" + std::to_string(free_port()),
                          "--drand-timeout-ms", "300"});
  EXPECT_THROW(server.start(), std::runtime_error);
}

}  // namespace
}  // namespace tirage::testing
