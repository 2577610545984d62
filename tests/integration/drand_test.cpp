// The drand beacon through fake relays that speak drand's HTTP API and serve a
// test chain whose rounds are really signed (tests/fakes/fake_drand.py, with
// drand_test_signer): the server pins that chain (--drand-chain), tries relays
// in turn, survives failures and slow answers, refuses rounds that are not
// the chain's (randomness not H(signature), or a BLS signature that does not
// verify: the lying relay is logged and the next one tried), and falls back to
// the local beacon when no relay answers.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
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
    // The test chain the fake relays serve, pinned by the server as quicknet would be.
    chain_file_ = dir_ + "/chain.json";
    const std::string info = drand_signer("info");
    std::ofstream(chain_file_) << info;
    chain_ = *drand_chain_from_info(*parse_json(info));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::vector<std::string> drand_flags(const std::string& urls) const {
    return {"--beacon", "drand", "--drand-chain", chain_file_, "--drand-urls", urls, "--drand-timeout-ms", "1000"};
  }
  // Creates a drand draw and waits until its round is due.
  std::string create_and_wait(const ServerUnderTest& server, const std::string& key) {
    auto created = server.post("/api/v1/draws", draw_body(participants_, 1, 0, "drand"), bearer(key));
    EXPECT_EQ(created.status, 201) << created.raw;
    const auto draw_at = *parse_rfc3339(created.body["draw_at"].get<std::string>());
    while (std::time(nullptr) <= draw_at) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    return created.body["draw_id"];
  }

  std::string dir_, participants_, chain_file_;
  DrandChain chain_;
};

TEST_F(DrandTest, DrawWithDrandThroughASecondRelayWhenTheFirstIsDown) {
  FakeDrand relay;
  const std::string dead = "http://127.0.0.1:" + std::to_string(free_port());
  ServerUnderTest server(drand_flags(dead + "," + relay.url()));
  server.start();
  const std::string key = server.add_organizer("dora@example.com");
  auto created = server.post("/api/v1/draws", draw_body(participants_, 2, 1, "drand"), bearer(key));
  ASSERT_EQ(created.status, 201) << created.raw;
  const Json& beacon = created.body["commitment"]["statement"]["beacon"];
  EXPECT_EQ(beacon["source"], "drand");
  EXPECT_EQ(beacon["chain_hash"], chain_.chain_hash);
  const std::string id = created.body["draw_id"];
  wait_for_beacon(server, id);
  auto result = server.post("/api/v1/draws/" + id + "/result", result_body_from_tool(server, id, participants_, 2, 1),
                            bearer(key));
  ASSERT_EQ(result.status, 201) << result.raw;
  auto bundle = server.get("/api/v1/draws/" + id + "/bundle");
  const Json keys = server.get("/.well-known/tirage-keys.json").body;
  auto report = verify_bundle(bundle.body, *keyset_from_json(keys), std::nullopt, std::span<const DrandChain>(&chain_, 1));
  EXPECT_TRUE(report.ok()) << (report.first_failure() ? report.first_failure()->detail : "");
  // A verifier that does not trust the test chain cannot check its signature.
  auto stranger = verify_bundle(bundle.body, *keyset_from_json(keys));
  ASSERT_FALSE(stranger.ok());
  EXPECT_EQ(stranger.first_failure()->id, "beacon_drand_signature") << stranger.first_failure()->detail;
  // The same with the tool: quicknet only by default, the test chain with --drand-chain.
  const std::string bundle_file = dir_ + "/bundle.json";
  std::ofstream(bundle_file) << bundle.raw;
  const std::string keys_file = dir_ + "/keys.json";
  std::ofstream(keys_file) << keys.dump();
  std::string out;
  EXPECT_EQ(run(std::string("'") + TIRAGE_CLI + "' verify '" + bundle_file + "' --keys '" + keys_file + "'", &out), 1) << out;
  EXPECT_NE(out.find("is not one this verifier knows the public key of"), std::string::npos) << out;
  EXPECT_EQ(run(std::string("'") + TIRAGE_CLI + "' verify '" + bundle_file + "' --keys '" + keys_file + "' --drand-chain '" + chain_file_ + "'", &out), 0)
      << out;
  EXPECT_NE(out.find("PASS  [step 3] The drand round's BLS signature verifies"), std::string::npos) << out;
  EXPECT_EQ(server.get("/api/v1/draws/" + id).body["weak_beacon"], false);
  // The second verifier (Python) agrees once given the test chain; it leaves the BLS signature to the core.
  EXPECT_EQ(run_python_verifier(bundle.body, keys, dir_, &out, "--drand-chain '" + chain_file_ + "'"), 0) << out;
  EXPECT_NE(out.find("VERIFIED (not checked by this verifier: beacon_drand_signature)"), std::string::npos) << out;
}

TEST_F(DrandTest, SurvivesTransientRelayFailures) {
  FakeDrand relay({"--fail", "2"});  // the first two answers are 500s; the client retries
  ServerUnderTest server(drand_flags(relay.url()));
  server.start();
  EXPECT_EQ(server.get("/healthz").body["drand"], true);
}

TEST_F(DrandTest, ARoundWhoseRandomnessIsNotTheSignatureHashIsRefused) {
  FakeDrand liar({"--garbage"});  // chain info is right, rounds are not
  ServerUnderTest server(drand_flags(liar.url()));
  server.start();
  const std::string id = create_and_wait(server, server.add_organizer("eve@example.com"));
  auto sel = server.get("/api/v1/draws/" + id + "/selection");
  EXPECT_EQ(sel.status, 502) << sel.raw;
  EXPECT_NE(sel.raw.find("H(signature)"), std::string::npos) << sel.raw;
  EXPECT_EQ(server.get("/api/v1/draws/" + id).body["status"], "committed");
}

TEST_F(DrandTest, ALyingRelayIsRefusedAndLoggedAndTheNextRelayGivesTheRound) {
  // Relay A serves a signature that is not the chain's (another key's, a valid
  // G1 point) with randomness = its SHA-256; relay B is honest.
  FakeDrand liar({"--lie"});
  FakeDrand honest;
  ServerUnderTest server(drand_flags(liar.url() + "," + honest.url()));
  server.start();
  const std::string key = server.add_organizer("gus@example.com");
  const std::string id = create_and_wait(server, key);
  auto sel = server.get("/api/v1/draws/" + id + "/selection");
  ASSERT_EQ(sel.status, 200) << sel.raw;
  const Json beacon = server.get("/api/v1/draws/" + id).body["beacon"];
  const std::uint64_t round = beacon["round"];
  std::string honest_sig = drand_signer("sign " + std::to_string(round));
  honest_sig.erase(honest_sig.find_last_not_of("\n") + 1);
  EXPECT_EQ(beacon["signature"], honest_sig) << "the draw must use the honest relay's round";
  EXPECT_NE(beacon["signature"], drand_signer("sign --name tirage-test-liar " + std::to_string(round)).substr(0, 96));
  // One log line names the lying relay and the round.
  const std::string log = server.log();
  std::size_t lines = 0;
  for (std::size_t at = log.find("drand_round_refused"); at != std::string::npos;
       at = log.find("drand_round_refused", at + 1)) {
    const std::size_t start = log.rfind('\n', at) + 1, end = log.find('\n', at);
    auto line = parse_json(log.substr(start, end - start));
    ASSERT_TRUE(line.ok()) << log.substr(start, end - start);
    EXPECT_EQ((*line)["relay"], liar.url());
    EXPECT_EQ((*line)["round"], round);
    EXPECT_NE((*line)["reason"].get<std::string>().find("does not verify"), std::string::npos) << (*line)["reason"];
    ++lines;
  }
  EXPECT_EQ(lines, 1u) << log;
  // The draw completes and its bundle verifies.
  auto result = server.post("/api/v1/draws/" + id + "/result", result_body_from_tool(server, id, participants_, 1, 0),
                            bearer(key));
  ASSERT_EQ(result.status, 201) << result.raw;
  auto report = verify_bundle(server.get("/api/v1/draws/" + id + "/bundle").body,
                              *keyset_from_json(server.get("/.well-known/tirage-keys.json").body), std::nullopt,
                              std::span<const DrandChain>(&chain_, 1));
  EXPECT_TRUE(report.ok()) << (report.first_failure() ? report.first_failure()->detail : "");
}

TEST_F(DrandTest, OnlyLyingRelaysMeanNoSelectionAndAClearError) {
  FakeDrand liar({"--lie"});
  FakeDrand liar2({"--lie"});
  ServerUnderTest server(drand_flags(liar.url() + "," + liar2.url()));
  server.start();
  const std::string key = server.add_organizer("hal@example.com");
  const std::string id = create_and_wait(server, key);
  auto sel = server.get("/api/v1/draws/" + id + "/selection");
  EXPECT_EQ(sel.status, 502) << sel.raw;
  EXPECT_NE(sel.raw.find("not drand's"), std::string::npos) << sel.raw;
  EXPECT_NE(sel.raw.find(liar.url()), std::string::npos) << sel.raw;
  EXPECT_NE(sel.raw.find(liar2.url()), std::string::npos) << sel.raw;
  auto view = server.get("/api/v1/draws/" + id).body;
  EXPECT_EQ(view["status"], "committed");
  EXPECT_TRUE(view["beacon"].is_null()) << view.dump();
  auto result = server.post("/api/v1/draws/" + id + "/result", Json{{"winners", Json::array()}}, bearer(key));
  EXPECT_EQ(result.status, 502) << result.raw;
}

TEST_F(DrandTest, ARelayForAnotherChainIsNotUsed) {
  FakeDrand other({"--name", "another-test-chain"});  // serves its own chain, not the pinned one
  ServerUnderTest server(drand_flags(other.url()));
  EXPECT_THROW(server.start(), std::runtime_error);
  EXPECT_NE(server.log().find("drand relays failed"), std::string::npos) << server.log();
}

TEST_F(DrandTest, ADrandChainFileWhoseHashDoesNotMatchIsRefusedAtStart) {
  Json info = *parse_json(drand_signer("info"));
  info["period"] = 30;  // the hash no longer commits to these fields
  const std::string bad = dir_ + "/bad-chain.json";
  std::ofstream(bad) << info.dump();
  FakeDrand relay;
  ServerUnderTest server({"--beacon", "drand", "--drand-chain", bad, "--drand-urls", relay.url()});
  EXPECT_THROW(server.start(), std::runtime_error);
  EXPECT_NE(server.log().find("--drand-chain " + bad), std::string::npos) << server.log();
  EXPECT_NE(server.log().find("hash"), std::string::npos) << server.log();
}

TEST_F(DrandTest, SlowRelaysTimeOutAndNoRelayMeansLocalFallback) {
  FakeDrand slow({"--slow-ms", "3000"});
  ServerUnderTest server({"--drand-chain", chain_file_, "--drand-urls", slow.url(), "--drand-timeout-ms", "300",
                          "--beacon", "auto"});
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
