// "Check by handle" against a real tirage-server: an organizer publishes the
// leaf hashes and then a handle index of the platform entries; a participant
// asks by the handle they see on the platform and checks the answer against
// the committed root. Attacks: an index whose entries do not hash to the
// leaves, another organizer's upload, lookups past the shared limit, and an
// unknown handle that must say nothing but "not in the list".
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "shared/core/percent_encoding.hpp"
#include "shared/protocol/entry.hpp"
#include "shared/protocol/handle_key.hpp"
#include "shared/protocol/merkle.hpp"
#include "tests/integration/harness.hpp"

namespace tirage::testing {
namespace {

// 30 Instagram entries (handles as imported, some with '@' and capitals), one
// person with two entries (one per comment), and 5 typed ones.
std::vector<Entry> raw_entries() {
  std::vector<Entry> raw;
  for (int i = 0; i < 30; ++i)
    raw.push_back({"instagram", std::to_string(17841400000 + i), (i % 3 == 0 ? "@Fan_" : "fan_") + std::to_string(i)});
  raw.push_back({"instagram", "17841499999#c1", "multi.fan"});
  raw.push_back({"instagram", "17841499999#c2", "multi.fan"});
  for (int i = 0; i < 5; ++i) raw.push_back({"list", "@typed" + std::to_string(i), "Typed " + std::to_string(i)});
  return raw;
}

std::string leaf_bytes(const std::vector<Entry>& entries) {
  std::string bytes;
  for (const auto& e : entries) {
    const Hash h = leaf_hash(leaf(e));
    bytes.append(reinterpret_cast<const char*>(h.data()), 32);
  }
  return bytes;
}

Json handle_entry(std::uint64_t index, const Entry& e) {
  return Json{{"index", index}, {"platform", e.platform}, {"id", e.id}, {"name", e.name}};
}

// Every platform entry of the list, in index order, as the app sends them.
Json all_handle_entries(const std::vector<Entry>& entries) {
  Json out = Json::array();
  for (std::uint64_t i = 0; i < entries.size(); ++i)
    if (entries[i].platform != "list") out.push_back(handle_entry(i, entries[i]));
  return out;
}

class HandleCheckTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerUnderTest();
    server_->start();
    alice_ = server_->add_organizer("alice@example.com");
    bob_ = server_->add_organizer("bob@example.com");
    dir_ = make_temp_dir("handles");
    list_ = build_participant_list(raw_entries())->entries;
    std::ofstream f(dir_ + "/participants.jsonl");
    for (const auto& e : raw_entries()) f << entry_to_json(e).dump() << "\n";
  }
  static void TearDownTestSuite() {
    delete server_;
    std::filesystem::remove_all(dir_);
  }

  // A committed draw of the list; its leaf hashes published when asked.
  static std::string new_draw(bool leaves) {
    auto created = server_->post("/api/v1/draws", draw_body(dir_ + "/participants.jsonl", 1, 0, "local", "g_handles"),
                                 bearer(alice_));
    EXPECT_EQ(created.status, 201) << created.raw;
    const std::string id = created.body["draw_id"];
    root_ = *hash_from_hex(created.body["commitment"]["statement"]["participants_root"].get<std::string>());
    if (leaves) {
      auto up = server_->post_raw("/api/v1/draws/" + id + "/leaves", leaf_bytes(list_), "application/octet-stream", bearer(alice_));
      EXPECT_EQ(up.status, 200) << up.raw;
    }
    return id;
  }

  static HttpAnswer upload(const std::string& id, const Json& entries, std::uint64_t count, std::uint64_t offset,
                           const std::string& key) {
    return server_->post("/api/v1/draws/" + id + "/handles?offset=" + std::to_string(offset),
                         Json{{"count", count}, {"entries", entries}}, bearer(key));
  }

  static HttpAnswer lookup(const std::string& id, const std::string& platform, const std::string& handle) {
    return server_->get("/api/v1/draws/" + id + "/inclusion?platform=" + percent_encode(platform) +
                        "&handle=" + percent_encode(handle));
  }

  // What the participant's browser does with an answer: each entry is the handle asked about and in the committed list.
  static bool holds(const Json& m, const std::string& platform, const std::string& asked) {
    const Entry e{platform, m["id"], m["name"]};
    if (*handle_key(platform, e.name) != *handle_key(platform, asked)) return false;
    std::vector<std::string> hex;
    for (const auto& h : m["proof"]) hex.push_back(h);
    return verify_inclusion(leaf_hash(leaf(e)), m["index"], list_.size(), *hashes_from_hex(hex), root_);
  }

  static ServerUnderTest* server_;
  static std::string alice_, bob_, dir_;
  static std::vector<Entry> list_;
  static Hash root_;
};
ServerUnderTest* HandleCheckTest::server_ = nullptr;
std::string HandleCheckTest::alice_, HandleCheckTest::bob_, HandleCheckTest::dir_;
std::vector<Entry> HandleCheckTest::list_;
Hash HandleCheckTest::root_;

TEST_F(HandleCheckTest, AParticipantFindsTheirEntriesByTheHandleTheySee) {
  const std::string id = new_draw(true);
  const Json entries = all_handle_entries(list_);
  ASSERT_EQ(entries.size(), 32u);
  EXPECT_EQ(lookup(id, "instagram", "fan_4").body["error"]["code"], "not_available");

  // In two chunks, in order; a chunk at the wrong offset is refused.
  const Json first(entries.begin(), entries.begin() + 20), rest(entries.begin() + 20, entries.end());
  auto a = upload(id, first, 32, 0, alice_);
  ASSERT_EQ(a.status, 200) << a.raw;
  EXPECT_EQ(a.body["complete"], false);
  EXPECT_EQ(lookup(id, "instagram", "fan_4").body["error"]["code"], "not_available") << "an incomplete index answered";
  EXPECT_EQ(upload(id, rest, 32, 25, alice_).status, 409);
  auto b = upload(id, rest, 32, 20, alice_);
  ASSERT_EQ(b.status, 200) << b.raw;
  EXPECT_EQ(b.body["complete"], true);
  EXPECT_EQ(b.body["received"], 32);

  // Typed as the participant might: another case, with or without '@'.
  for (const char* typed : {"fan_4", "@FAN_4", " Fan_4 "}) {
    auto found = lookup(id, "instagram", typed);
    ASSERT_EQ(found.status, 200) << typed << ": " << found.raw;
    ASSERT_EQ(found.body["matches"].size(), 1u);
    const Json& m = found.body["matches"][0];
    EXPECT_EQ(m["id"], "17841400004");
    EXPECT_EQ(m["name"], "fan_4");
    EXPECT_EQ(found.body["tree_size"], list_.size());
    EXPECT_TRUE(holds(m, "instagram", typed)) << found.raw;
  }
  auto at = lookup(id, "instagram", "fan_3");  // listed as "@Fan_3"
  ASSERT_EQ(at.status, 200) << at.raw;
  EXPECT_EQ(at.body["matches"][0]["name"], "@Fan_3");
  EXPECT_TRUE(holds(at.body["matches"][0], "instagram", "fan_3"));
  // One entry per comment: both of that person's entries, each with its proof.
  auto multi = lookup(id, "instagram", "@multi.fan");
  ASSERT_EQ(multi.status, 200) << multi.raw;
  ASSERT_EQ(multi.body["matches"].size(), 2u);
  EXPECT_EQ(multi.body["more"], false);
  for (const auto& m : multi.body["matches"]) EXPECT_TRUE(holds(m, "instagram", "multi.fan")) << m.dump();

  // The public page offers the check and says what it costs.
  auto page = server_->get("/v/" + id + "?lang=en");
  EXPECT_NE(page.raw.find("id=\"handle-check\""), std::string::npos);
  EXPECT_NE(page.raw.find("anyone can test whether a given handle took part"), std::string::npos);
  EXPECT_NE(page.raw.find("limited to 60 per minute per address"), std::string::npos);
  EXPECT_NE(page.raw.find("<option value=\"instagram\">Instagram</option>"), std::string::npos);
  EXPECT_NE(server_->get("/v/" + id + "?lang=de").raw.find("60 pro Minute"), std::string::npos);
  // A draw without an index has no such form.
  EXPECT_EQ(server_->get("/v/" + new_draw(true) + "?lang=en").raw.find("id=\"handle-check\""), std::string::npos);

  // The organizer's data export counts what the server holds.
  auto exported = server_->get("/api/v1/account/export", bearer(alice_));
  ASSERT_EQ(exported.status, 200) << exported.raw;
  bool counted = false;
  for (const auto& d : exported.body["draws"])
    if (d["draw_id"] == id) counted = d["published_handle_entries"] == 32;
  EXPECT_TRUE(counted) << exported.raw.substr(0, 400);
}

// Attack: an index that files a handle under someone else's leaf (or a made-up
// id) is refused, and nothing of it is stored.
TEST_F(HandleCheckTest, AnIndexWhoseEntriesDoNotHashToTheLeavesIsRefused) {
  const std::string id = new_draw(true);
  const Json good = all_handle_entries(list_);
  auto tampered = [&](auto change) {
    Json entries = good;
    change(entries);
    return upload(id, entries, entries.size(), 0, alice_);
  };
  const auto refused = [](const HttpAnswer& r, const std::string& words) {
    EXPECT_EQ(r.status, 400) << r.raw;
    EXPECT_NE(r.body["error"]["message"].get<std::string>().find(words), std::string::npos) << r.raw;
  };
  // "fan_4" claimed for the entry at fan_5's index: the name is part of the leaf.
  refused(tampered([](Json& e) { e[5]["name"] = e[4]["name"]; }), "does not hash to the published leaf");
  refused(tampered([](Json& e) { e[5]["id"] = "666"; }), "does not hash to the published leaf");
  refused(tampered([](Json& e) { std::swap(e[5], e[6]); }), "increasing index order");
  refused(tampered([](Json& e) { e[5]["name"] = "FAN_5"; }), "does not hash to the published leaf");  // not even case
  refused(tampered([&](Json& e) { e[0] = handle_entry(list_.size() - 1, list_.back()); }), "is not one of");  // a typed entry
  refused(tampered([&](Json& e) { e[0]["index"] = list_.size(); }), "participants");
  refused(tampered([](Json& e) { e[0]["extra"] = 1; }), "unknown field");
  refused(upload(id, good, list_.size() + 1, 0, alice_), "count");
  refused(tampered([](Json& e) { e[0]["name"] = std::string(300, 'a'); }), "longer than 256 bytes");
  EXPECT_EQ(lookup(id, "instagram", "fan_4").body["error"]["code"], "not_available");

  // A good index, then a bad chunk on top: the good one is not touched.
  const Json head(good.begin(), good.begin() + 10), tail(good.begin() + 10, good.end());
  ASSERT_EQ(upload(id, head, good.size(), 0, alice_).status, 200);
  Json bad_tail = tail;
  bad_tail[0]["name"] = "someone_else";
  refused(upload(id, bad_tail, good.size(), 10, alice_), "does not hash to the published leaf");
  auto done = upload(id, tail, good.size(), 10, alice_);
  ASSERT_EQ(done.status, 200) << done.raw;
  EXPECT_EQ(done.body["complete"], true);
  EXPECT_EQ(lookup(id, "instagram", "someone_else").status, 404);
  EXPECT_EQ(lookup(id, "instagram", "fan_10").status, 200);
}

// Attack: another organizer cannot upload an index to this draw (nor learn it exists).
TEST_F(HandleCheckTest, AnotherOrganizerCannotUploadToThisDraw) {
  const std::string id = new_draw(true);
  auto bob = upload(id, all_handle_entries(list_), 32, 0, bob_);
  EXPECT_EQ(bob.status, 404) << bob.raw;  // exactly as for a draw that does not exist
  EXPECT_EQ(bob.body["error"]["code"], upload("d_doesnotexist", all_handle_entries(list_), 32, 0, bob_).body["error"]["code"]);
  EXPECT_EQ(server_->post("/api/v1/draws/" + id + "/handles", Json{{"count", 1}, {"entries", Json::array()}}).status, 401);
  EXPECT_EQ(lookup(id, "instagram", "fan_4").body["error"]["code"], "not_available");
  // Bob's own upload to this draw after Alice's does not replace hers either.
  ASSERT_EQ(upload(id, all_handle_entries(list_), 32, 0, alice_).status, 200);
  EXPECT_EQ(upload(id, all_handle_entries(list_), 32, 0, bob_).status, 404);
  EXPECT_EQ(lookup(id, "instagram", "fan_4").status, 200);
}

// Before the leaf hashes there is nothing to check the entries against.
TEST_F(HandleCheckTest, TheLeafHashesComeFirst) {
  const std::string id = new_draw(false);
  auto early = upload(id, all_handle_entries(list_), 32, 0, alice_);
  EXPECT_EQ(early.status, 409) << early.raw;
  EXPECT_NE(early.raw.find("leaf hashes"), std::string::npos) << early.raw;
}

// An unknown handle answers "not in the list", the same few words whatever
// the handle (one on another platform included), and bad questions say what is wrong.
TEST_F(HandleCheckTest, AnUnknownHandleSaysOnlyNotInTheList) {
  const std::string id = new_draw(true);
  ASSERT_EQ(upload(id, all_handle_entries(list_), 32, 0, alice_).status, 200);
  auto unknown = lookup(id, "instagram", "nobody_here");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.body, (Json{{"error", {{"code", "not_found"}, {"message", "this handle is not in the draw's list"}}}}));
  EXPECT_EQ(lookup(id, "instagram", "fan_").raw, unknown.raw);   // a prefix of listed handles
  EXPECT_EQ(lookup(id, "x", "fan_4").raw, unknown.raw);          // listed, but on Instagram
  EXPECT_EQ(lookup(id, "instagram", "typed1").raw, unknown.raw);  // a typed entry is not in the index
  EXPECT_EQ(lookup(id, "list", "typed1").status, 400);
  EXPECT_EQ(lookup(id, "instagram", "@@").status, 400);
  EXPECT_EQ(lookup(id, "instagram", std::string(300, 'a')).status, 400);
  EXPECT_EQ(server_->get("/api/v1/draws/" + id + "/inclusion?platform=instagram").status, 400);
  EXPECT_EQ(server_->get("/api/v1/draws/" + id + "/inclusion?platform=instagram&handle=a&leaf=" + std::string(64, 'a')).status, 400);
  EXPECT_EQ(lookup("d_missing", "instagram", "fan_4").body["error"]["code"], "not_found");
}

// Lookups by handle and by leaf share one limit per address.
TEST(HandleCheckLimit, LookupsByHandleShareTheLeafLimit) {
  ServerUnderTest server;
  server.start();
  const auto start = std::chrono::steady_clock::now();
  int ok = 0;
  for (int i = 0; i < 60; ++i)
    if (server.get("/api/v1/draws/d_none/inclusion?leaf=" + std::string(64, 'a')).status != 429) ++ok;
  auto handle = server.get("/api/v1/draws/d_none/inclusion?platform=instagram&handle=fan_" + std::to_string(ok));
  auto leaf = server.get("/api/v1/draws/d_none/inclusion?leaf=" + std::string(64, 'b'));
  if (std::chrono::steady_clock::now() - start > std::chrono::seconds(55)) GTEST_FAIL() << "too slow to test a per-minute limit";
  EXPECT_EQ(ok, 60);
  EXPECT_EQ(handle.status, 429) << handle.raw;
  EXPECT_EQ(handle.headers["Retry-After"], "60");
  EXPECT_EQ(leaf.status, 429);
}

}  // namespace
}  // namespace tirage::testing
