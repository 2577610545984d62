// The second verifier (tests/verifier_py, Python, written from docs/protocol.md
// alone) re-checks bundles the real server made, with the server's published
// key set as its trusted keys: it must agree with the core verifier on a
// genuine draw with substitutions, on a tampered copy (the same failing step
// and check), and across a key rotation.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "shared/crypto/ed25519.hpp"
#include "shared/protocol/bundle.hpp"
#include "shared/protocol/envelope.hpp"
#include "tests/integration/harness.hpp"

namespace tirage::testing {
namespace {

class SecondVerifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = make_temp_dir("pyverify");
    participants_ = dir_ + "/participants.jsonl";
    write_participants(participants_, 30);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Commits a local-beacon draw of 3 winners and 2 alternates, waits for the beacon and publishes the result.
  std::string published_draw(ServerUnderTest& server, const std::string& key) {
    auto created = server.post("/api/v1/draws", draw_body(participants_, 3, 2, "local"), bearer(key));
    EXPECT_EQ(created.status, 201) << created.raw;
    const std::string id = created.body["draw_id"];
    wait_for_beacon(server, id);
    auto result = server.post("/api/v1/draws/" + id + "/result",
                              result_body_from_tool(server, id, participants_, 3, 2), bearer(key));
    EXPECT_EQ(result.status, 201) << result.raw;
    return id;
  }

  std::string dir_, participants_;
};

TEST_F(SecondVerifierTest, AgreesWithTheCoreOnARealDrawAndATamperedCopy) {
  ServerUnderTest server;
  server.start();
  const std::string key = server.add_organizer("python@example.com");
  const std::string id = published_draw(server, key);
  for (int rank : {2, 2}) {
    auto sub = server.post("/api/v1/draws/" + id + "/substitutions",
                           Json{{"replaced_rank", rank}, {"reason", "no answer within 7 days"}}, bearer(key));
    ASSERT_EQ(sub.status, 201) << sub.raw;
  }
  const Json bundle = server.get("/api/v1/draws/" + id + "/bundle").body;
  const Json keys = server.get("/.well-known/tirage-keys.json").body;
  ASSERT_EQ(bundle["substitutions"].size(), 2u);
  auto trusted = keyset_from_json(keys);
  ASSERT_TRUE(trusted.ok());

  const BundleReport core = verify_bundle(bundle, *trusted);
  ASSERT_TRUE(core.ok()) << core.first_failure()->id << ": " << core.first_failure()->detail;
  std::string out;
  EXPECT_EQ(run_python_verifier(bundle, keys, dir_, &out), 0) << out;
  EXPECT_NE(out.find("\nVERIFIED"), std::string::npos) << out;
  // Both verifiers name the winners after the substitutions: rank 2 is now alternate 2's.
  EXPECT_NE(out.find("Winner 2: " + bundle["result"]["statement"]["alternates"][1]["entry"]["name"].get<std::string>()),
            std::string::npos)
      << out;

  // Each tampering fails both verifiers at the same check.
  std::vector<Json> tampered(3, bundle);
  tampered[0]["result"]["statement"]["winners"][0]["entry"]["name"] = "Mallory";
  tampered[1]["log"]["inclusion"] = Json::array();
  tampered[2]["substitutions"].erase(0);
  for (const Json& t : tampered) {
    const BundleReport report = verify_bundle(t, *trusted);
    const Check* bad = report.first_failure();
    ASSERT_NE(bad, nullptr);
    EXPECT_EQ(run_python_verifier(t, keys, dir_, &out), 1) << out;
    EXPECT_NE(out.find("NOT VERIFIED: step " + std::to_string(bad->step) + " failed: " + bad->id + ":"),
              std::string::npos)
        << "core: " << bad->id << ": " << bad->detail << "\npython:\n" << out;
  }
}

TEST_F(SecondVerifierTest, FollowsAKeyRotationFromTheKeySetPinnedBeforeIt) {
  ServerUnderTest server;
  server.start();
  const std::string key = server.add_organizer("rotation@example.com");
  const Json pinned = server.get("/.well-known/tirage-keys.json").body;  // one key, before the rotation
  auto created = server.post("/api/v1/draws", draw_body(participants_, 1, 0, "local"), bearer(key));
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string id = created.body["draw_id"];
  server.stop();
  std::string out;
  ASSERT_EQ(run(std::string("'") + TIRAGE_SERVER + "' key rotate --data '" + server.data_dir() + "/data'", &out), 0)
      << out;
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // the new key signs from the next second
  server.start();
  wait_for_beacon(server, id);
  auto result = server.post("/api/v1/draws/" + id + "/result", result_body_from_tool(server, id, participants_, 1, 0),
                            bearer(key));
  ASSERT_EQ(result.status, 201) << result.raw;
  const Json bundle = server.get("/api/v1/draws/" + id + "/bundle").body;
  ASSERT_NE(bundle["commitment"]["key_id"], bundle["result"]["key_id"]) << "the result should be signed by the new key";

  // Trusting only the key pinned before the rotation, the new key is accepted through its endorsement.
  EXPECT_EQ(run_python_verifier(bundle, pinned, dir_, &out), 0) << out;
  // Trusting another key (RFC 8032's TEST 1), the keys the bundle offers sign nothing.
  Json stranger = pinned;
  const Bytes other = *from_hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  stranger["keys"][0]["public_key"] = to_hex(other);
  stranger["keys"][0]["key_id"] = key_id(other);
  EXPECT_EQ(run_python_verifier(bundle, stranger, dir_, &out), 1) << out;
  EXPECT_NE(out.find("NOT VERIFIED: step 1 failed: commitment_signed"), std::string::npos) << out;
}

}  // namespace
}  // namespace tirage::testing
