// The log under crashes and concurrency: every acknowledged append survives a
// SIGKILL, the log after restart extends the log before it, and concurrent
// publishers each get a distinct place. SIGTERM stops the server cleanly.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>
#include <csignal>

#include "server/db/database.hpp"
#include "shared/protocol/bundle.hpp"
#include "shared/protocol/envelope.hpp"
#include "shared/protocol/merkle.hpp"
#include "tests/integration/harness.hpp"

namespace tirage::testing {
namespace {

struct Head {
  std::uint64_t size;
  Hash root;
};

Head head_of(const ServerUnderTest& server) {
  auto sth = server.get("/api/v1/log/sth");
  auto h = parse_tree_head(sth.body["statement"]);
  EXPECT_TRUE(h.ok()) << sth.raw;
  return {h->tree_size, h->root_hash};
}

Json small_draw(int i) {
  return Json{{"giveaway_id", "g_load_" + std::to_string(i % 7)},
              {"title", "Load " + std::to_string(i)},
              {"participants_root", std::string(64, 'a')},
              {"participants_count", 1000},
              {"winners", 1},
              {"alternates", 0},
              {"beacon", Json{{"source", "local"}}}};
}

TEST(Durability, EveryAcknowledgedAppendSurvivesSigkill) {
  ServerUnderTest server;
  server.start();
  const std::string key = server.add_organizer("crash@example.com");
  for (int i = 0; i < 5; ++i) ASSERT_EQ(server.post("/api/v1/draws", small_draw(i), bearer(key)).status, 201);
  const Head before = head_of(server);

  // Four clients publish as fast as they can; the server is killed mid-stream.
  std::mutex mu;
  std::vector<Json> acknowledged;
  std::atomic<bool> go{true};
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; go; ++i) {
        auto r = server.post("/api/v1/draws", small_draw(c * 100000 + i), bearer(key));
        if (r.status != 201) continue;
        std::lock_guard lock(mu);
        acknowledged.push_back(r.body["commitment"]);
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  server.crash();
  go = false;
  for (auto& t : clients) t.join();
  ASSERT_GT(acknowledged.size(), 10u) << "too few publishes to mean anything";

  server.start();
  const Head after = head_of(server);
  EXPECT_GE(after.size, before.size + acknowledged.size());
  for (const auto& env : acknowledged) {
    const Hash leaf = *log_leaf_hash(env);
    auto proof = server.get("/api/v1/log/proof?hash=" + to_hex(leaf) + "&size=" + std::to_string(after.size));
    ASSERT_EQ(proof.status, 200) << "acknowledged entry lost: " << env.dump();
    std::vector<std::string> hex;
    for (const auto& h : proof.body["audit_path"]) hex.push_back(h);
    EXPECT_TRUE(verify_inclusion(leaf, proof.body["leaf_index"], after.size, *hashes_from_hex(hex), after.root));
  }
  auto cons = server.get("/api/v1/log/consistency?first=" + std::to_string(before.size) + "&second=" +
                         std::to_string(after.size));
  ASSERT_EQ(cons.status, 200) << cons.raw;
  std::vector<std::string> hex;
  for (const auto& h : cons.body["consistency"]) hex.push_back(h);
  EXPECT_TRUE(verify_consistency(before.size, after.size, before.root, after.root, *hashes_from_hex(hex)));
}

TEST(Durability, ConcurrentPublishersGetDistinctPlaces) {
  ServerUnderTest server;
  server.start();
  const std::string key = server.add_organizer("many@example.com");
  constexpr int kClients = 8, kEach = 25;
  std::mutex mu;
  std::set<std::string> ids;
  std::vector<std::thread> clients;
  std::atomic<int> failures{0};
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; i < kEach; ++i) {
        auto r = server.post("/api/v1/draws", small_draw(c * 1000 + i), bearer(key));
        if (r.status != 201) {
          ++failures;
          continue;
        }
        std::lock_guard lock(mu);
        ids.insert(r.body["draw_id"].get<std::string>());
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kClients * kEach));
  const Head head = head_of(server);
  EXPECT_EQ(head.size, static_cast<std::uint64_t>(kClients * kEach));
  auto entries = server.get("/api/v1/log/entries?start=0&end=" + std::to_string(head.size));
  std::vector<Hash> leaves;
  for (const auto& e : entries.body["entries"]) leaves.push_back(*log_leaf_hash(e["envelope"]));
  EXPECT_EQ(merkle_root(leaves), head.root);
}

TEST(Durability, SigtermStopsCleanlyAndDataRemains) {
  ServerUnderTest server;
  server.start();
  const std::string key = server.add_organizer("term@example.com");
  ASSERT_EQ(server.post("/api/v1/draws", small_draw(1), bearer(key)).status, 201);
  EXPECT_EQ(server.stop(), 0) << server.log();
  EXPECT_NE(server.log().find("\"event\":\"stopped\""), std::string::npos);
  server.start();
  EXPECT_EQ(head_of(server).size, 1u);
}

TEST(Durability, KeyRotationKeepsOldSignaturesValid) {
  ServerUnderTest server;
  server.start();
  const std::string key = server.add_organizer("rotate@example.com");
  auto first = server.post("/api/v1/draws", small_draw(1), bearer(key));
  server.stop();
  std::string out;
  ASSERT_EQ(run(std::string("'") + TIRAGE_SERVER + "' key rotate --data '" + server.data_dir() + "/data'", &out), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // signatures after the rotation second
  server.start();
  auto second = server.post("/api/v1/draws", small_draw(2), bearer(key));
  EXPECT_NE(first.body["commitment"]["key_id"], second.body["commitment"]["key_id"]);
  auto keys = keyset_from_json(server.get("/.well-known/tirage-keys.json").body);
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->size(), 2u);
  for (const auto* r : {&first, &second}) {
    const Json& env = r->body["commitment"];
    auto when = *parse_rfc3339(env["statement"]["committed_at"].get<std::string>());
    EXPECT_TRUE(verify_envelope(env, *keys, when).ok()) << env.dump();
  }
  // The new key is endorsed by the one it replaced, at the rotation.
  ASSERT_TRUE((*keys)[1].endorsement.has_value());
  const Json& endorsement = *(*keys)[1].endorsement;
  EXPECT_EQ(endorsement["key_id"], (*keys)[0].key_id);
  EXPECT_EQ(endorsement["statement"]["previous_valid_until"], format_rfc3339(*(*keys)[0].valid_until));
  EXPECT_TRUE(verify_envelope(endorsement, *keys, (*keys)[1].valid_from).ok());
  // The private key files are readable by their owner only.
  for (const auto& f : std::filesystem::directory_iterator(server.data_dir() + "/data/keys"))
    EXPECT_EQ(std::filesystem::status(f).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write)
        << f.path();
}

// The head signed right after a commitment is appended (design E) can be
// missed by a stop in between: the next start signs it while the beacon is
// still ahead, and never once the beacon exists (it would prove nothing).
TEST(Durability, AHeadMissedAtCommitTimeIsSignedAtTheNextStartOnlyBeforeTheBeacon) {
  ServerUnderTest server;
  server.start();
  const std::string key = server.add_organizer("restart@example.com");
  Json later = small_draw(1);
  later["scheduled_at"] = format_rfc3339(std::time(nullptr) + 600);
  const std::string ahead = server.post("/api/v1/draws", later, bearer(key)).body["draw_id"];
  const std::string past = server.post("/api/v1/draws", small_draw(2), bearer(key)).body["draw_id"];
  server.stop();
  const std::string db_path = server.data_dir() + "/data/tirage.db";
  auto committed_sth = [&](const std::string& id) -> std::optional<std::string> {
    auto db = server::Database::open(db_path);
    EXPECT_TRUE(db.ok());
    auto st = (*db)->prepare("SELECT committed_sth FROM draws WHERE id = ?");
    st.bind(1, id);
    EXPECT_TRUE(st.step());
    return st.is_null(0) ? std::nullopt : std::optional(st.text(0));
  };
  ASSERT_TRUE(committed_sth(ahead).has_value());
  {
    auto db = server::Database::open(db_path);
    ASSERT_TRUE(db.ok());
    // As if the server had stopped between the append and the signature; the
    // second draw's beacon is made to lie in the past.
    ASSERT_TRUE((*db)->exec("UPDATE draws SET committed_sth = NULL").ok());
    auto st = (*db)->prepare("UPDATE draws SET draw_at = ? WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(std::time(nullptr) - 1)).bind(2, past);
    ASSERT_TRUE(st.run().ok());
  }
  server.start();
  server.stop();
  auto signed_again = committed_sth(ahead);
  ASSERT_TRUE(signed_again.has_value());
  auto head = parse_tree_head((*parse_json(*signed_again))["statement"]);
  ASSERT_TRUE(head.ok());
  EXPECT_LT(head->timestamp, std::time(nullptr) + 500);
  EXPECT_FALSE(committed_sth(past).has_value());
}

// A verifier that pinned the key set before a rotation verifies bundles signed
// after it (through the endorsement), and old bundles verify under the new set.
TEST(Durability, AVerifierFollowsKeyRotationsFromThePinnedKeys) {
  ServerUnderTest server;
  server.start();
  const std::string key = server.add_organizer("pinned@example.com");
  const std::string dir = make_temp_dir("rotation");
  const std::string people = dir + "/p.jsonl";
  write_participants(people, 12);
  auto publish = [&] {
    auto created = server.post("/api/v1/draws", draw_body(people, 2, 1, "local"), bearer(key));
    EXPECT_EQ(created.status, 201) << created.raw;
    const std::string id = created.body["draw_id"];
    wait_for_beacon(server, id);
    EXPECT_EQ(server.post("/api/v1/draws/" + id + "/result", result_body_from_tool(server, id, people, 2, 1), bearer(key)).status, 201);
    return id;
  };
  const std::string before = publish();
  const auto pinned = *keyset_from_json(server.get("/.well-known/tirage-keys.json").body);
  ASSERT_EQ(pinned.size(), 1u);
  server.stop();
  std::string out;
  ASSERT_EQ(run(std::string("'") + TIRAGE_SERVER + "' key rotate --data '" + server.data_dir() + "/data'", &out), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  server.start();
  const std::string after = publish();
  const auto current = *keyset_from_json(server.get("/.well-known/tirage-keys.json").body);
  ASSERT_EQ(current.size(), 2u);
  for (const auto& [id, keys] : {std::pair{after, &pinned}, std::pair{before, &current}, std::pair{after, &current}}) {
    auto report = verify_bundle(server.get("/api/v1/draws/" + id + "/bundle").body, *keys);
    EXPECT_TRUE(report.ok()) << id << ": " << report.first_failure()->title << ": " << report.first_failure()->detail;
  }
  // Trusting only the new key does not make the old one trusted.
  auto report = verify_bundle(server.get("/api/v1/draws/" + before + "/bundle").body,
                              std::vector<PublishedKey>{current[1]});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_failure()->id, "commitment_signed");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tirage::testing

namespace tirage::testing {
namespace {

// The container's command line (Dockerfile CMD): no flags, everything from the environment.
TEST(Deployment, ContainerCommandLineRunsWithoutDocker) {
  const std::string dir = make_temp_dir("container");
  const int port = free_port();
  Process server;
  server.start({"/usr/bin/env", "PORT=" + std::to_string(port), "TIRAGE_DATA=" + dir + "/data",
                "TIRAGE_STATIC=" + std::string(TIRAGE_REPO), "TIRAGE_BEACON=local", TIRAGE_SERVER},
               dir + "/server.log");
  httplib::Client c("127.0.0.1", port);
  int status = 0;
  for (int i = 0; i < 100 && status == 0; ++i) {
    if (auto r = c.Get("/healthz")) status = r->status;
    else std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(status, 200) << "the server did not answer on $PORT";
  auto page = c.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("Tirage"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(dir + "/data/tirage.db"));
  server.signal(SIGTERM);
  EXPECT_EQ(server.wait(), 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tirage::testing
