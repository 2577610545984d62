// The draw API against a real tirage-server: the whole flow with the tool,
// what the public sees, the log's endpoints, and bad input that must change nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "shared/protocol/bundle.hpp"
#include "shared/protocol/envelope.hpp"
#include "shared/protocol/merkle.hpp"
#include "server/pages/page_strings.hpp"
#include "tests/integration/harness.hpp"

namespace tirage::testing {
namespace {

class DrawsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerUnderTest();
    server_->start();
    alice_ = server_->add_organizer("alice@example.com");
    bob_ = server_->add_organizer("bob@example.com");
    dir_ = make_temp_dir("draws");
    participants_ = dir_ + "/participants.jsonl";
    write_participants(participants_, 40);
  }
  static void TearDownTestSuite() {
    delete server_;
    std::filesystem::remove_all(dir_);
  }

  // A committed, drawn and published draw; returns its id.
  static std::string published_draw(const std::string& giveaway = "g_test") {
    auto created = server_->post("/api/v1/draws", draw_body(participants_, 3, 2, "local", giveaway), bearer(alice_));
    EXPECT_EQ(created.status, 201) << created.raw;
    const std::string id = created.body["draw_id"];
    wait_for_beacon(*server_, id);
    auto result = server_->post("/api/v1/draws/" + id + "/result", result_body_from_tool(*server_, id, participants_, 3, 2),
                                bearer(alice_));
    EXPECT_EQ(result.status, 201) << result.raw;
    return id;
  }

  static std::uint64_t log_size() { return server_->get("/healthz").body["log_size"].get<std::uint64_t>(); }

  // The server's key set, as a verifier who trusts this server pins it.
  static std::vector<PublishedKey> service_keys() {
    return *keyset_from_json(server_->get("/.well-known/tirage-keys.json").body);
  }
  static std::string service_keys_file() {
    const std::string path = dir_ + "/keys.json";
    std::ofstream(path) << server_->get("/.well-known/tirage-keys.json").raw;
    return path;
  }

  static ServerUnderTest* server_;
  static std::string alice_, bob_, dir_, participants_;
};
ServerUnderTest* DrawsTest::server_ = nullptr;
std::string DrawsTest::alice_, DrawsTest::bob_, DrawsTest::dir_, DrawsTest::participants_;

TEST_F(DrawsTest, EndToEndWithTheToolVerifiesAndATamperedBundleDoesNot) {
  const std::string id = published_draw();
  auto bundle = server_->get("/api/v1/draws/" + id + "/bundle");
  ASSERT_EQ(bundle.status, 200) << bundle.raw;
  const std::string path = dir_ + "/bundle.json";
  std::ofstream(path) << bundle.raw;
  std::string out;
  const std::string keys = " --keys '" + service_keys_file() + "'";
  EXPECT_EQ(run(std::string("'") + TIRAGE_CLI + "' verify '" + path + "'" + keys, &out), 0) << out;
  EXPECT_NE(out.find("VERIFIED"), std::string::npos);

  // Every check the verifier reports has its line in each language of the pages.
  for (const auto& c : verify_bundle(bundle.body, service_keys()).checks)
    for (const char* lang : {"fr", "en", "es", "de"})
      EXPECT_TRUE(server::PageStrings(lang).catalog().contains("check." + c.id)) << lang << ": check." << c.id;

  Json tampered = bundle.body;
  tampered["result"]["statement"]["winners"][0]["entry"]["name"] = "Mallory";
  std::ofstream(dir_ + "/tampered.json") << tampered.dump();
  EXPECT_EQ(run(std::string("'") + TIRAGE_CLI + "' verify '" + dir_ + "/tampered.json'" + keys, &out), 1) << out;
  EXPECT_NE(out.find("NOT VERIFIED: step 1"), std::string::npos) << out;
}

TEST_F(DrawsTest, CreateAnswersTheEnvelopeAndTheDrawTime) {
  auto created = server_->post("/api/v1/draws", draw_body(participants_, 1, 0, "local"), bearer(alice_));
  ASSERT_EQ(created.status, 201) << created.raw;
  const Json& st = created.body["commitment"]["statement"];
  EXPECT_EQ(st["type"], "tirage/commitment/v1");
  EXPECT_EQ(st["participants_count"], 40);
  EXPECT_EQ(st["beacon"]["source"], "local");
  auto committed = parse_rfc3339(st["committed_at"].get<std::string>());
  auto draw_at = parse_rfc3339(created.body["draw_at"].get<std::string>());
  ASSERT_TRUE(committed && draw_at);
  EXPECT_GE(*draw_at - *committed, 10);
  // Before the beacon: 409 with Retry-After.
  auto early = server_->get("/api/v1/draws/" + created.body["draw_id"].get<std::string>() + "/selection");
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.body["error"]["code"], "not_yet");
  EXPECT_GE(std::atoi(early.headers["Retry-After"].c_str()), 1);
  // The public view says it is committed and that the local beacon is weaker.
  auto view = server_->get("/api/v1/draws/" + created.body["draw_id"].get<std::string>());
  EXPECT_EQ(view.body["status"], "committed");
  EXPECT_EQ(view.body["weak_beacon"], true);
}

TEST_F(DrawsTest, ScheduledDrawWaitsForItsTime) {
  Json body = draw_body(participants_, 1, 0, "local");
  const auto at = format_rfc3339(std::time(nullptr) + 3600);
  body["scheduled_at"] = at;
  auto created = server_->post("/api/v1/draws", body, bearer(alice_));
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["draw_at"], at);
  body["scheduled_at"] = format_rfc3339(std::time(nullptr) + 2);
  EXPECT_EQ(server_->post("/api/v1/draws", body, bearer(alice_)).status, 400);
}

TEST_F(DrawsTest, AResultIsPublishedOnceAndProofsAreChecked) {
  auto created = server_->post("/api/v1/draws", draw_body(participants_, 2, 1, "local"), bearer(alice_));
  const std::string id = created.body["draw_id"];
  wait_for_beacon(*server_, id);
  Json body = result_body_from_tool(*server_, id, participants_, 2, 1);

  Json wrong_proof = body;
  wrong_proof["winners"][0]["proof"][0] = std::string(64, '0');
  auto bad = server_->post("/api/v1/draws/" + id + "/result", wrong_proof, bearer(alice_));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body["error"]["message"].get<std::string>().find("inclusion proof"), std::string::npos) << bad.raw;

  Json swapped = body;
  std::swap(swapped["winners"][0], swapped["winners"][1]);
  EXPECT_EQ(server_->post("/api/v1/draws/" + id + "/result", swapped, bearer(alice_)).status, 400);

  Json missing = body;
  missing["alternates"] = Json::array();
  EXPECT_EQ(server_->post("/api/v1/draws/" + id + "/result", missing, bearer(alice_)).status, 400);

  // Bob cannot publish Alice's draw: it does not exist for him.
  EXPECT_EQ(server_->post("/api/v1/draws/" + id + "/result", body, bearer(bob_)).status, 404);

  const auto before = log_size();
  auto first = server_->post("/api/v1/draws/" + id + "/result", body, bearer(alice_));
  ASSERT_EQ(first.status, 201) << first.raw;
  EXPECT_EQ(log_size(), before + 1);
  auto second = server_->post("/api/v1/draws/" + id + "/result", body, bearer(alice_));
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(log_size(), before + 1);
  EXPECT_EQ(server_->get("/api/v1/draws/" + id).body["status"], "drawn");
}

TEST_F(DrawsTest, SubstitutionsTakeAlternatesInOrderUntilNoneIsLeft) {
  const std::string id = published_draw();
  auto sub = [&](int rank, const std::string& key) {
    return server_->post("/api/v1/draws/" + id + "/substitutions",
                         Json{{"replaced_rank", rank}, {"reason", "no answer within 7 days"}}, bearer(key));
  };
  // Read the drawn view first: it is then served from memory, and must not go stale.
  EXPECT_EQ(server_->get("/api/v1/draws/" + id).body["substitutions"].size(), 0u);
  EXPECT_EQ(sub(1, bob_).status, 404);
  EXPECT_EQ(sub(4, alice_).status, 400);
  auto first = sub(2, alice_);
  ASSERT_EQ(first.status, 201) << first.raw;
  EXPECT_EQ(first.body["statement"]["alternate_rank"], 1);
  auto second = sub(2, alice_);
  ASSERT_EQ(second.status, 201) << second.raw;
  EXPECT_EQ(second.body["statement"]["alternate_rank"], 2);
  EXPECT_EQ(sub(1, alice_).status, 409);
  auto bundle = server_->get("/api/v1/draws/" + id + "/bundle");
  EXPECT_EQ(bundle.body["substitutions"].size(), 2u);
  EXPECT_TRUE(verify_bundle(bundle.body, service_keys()).ok());
  EXPECT_EQ(server_->get("/api/v1/draws/" + id).body["substitutions"].size(), 2u);
}

TEST_F(DrawsTest, GiveawayListsEveryCommitmentInLogOrder) {
  const std::string giveaway = "g_redraw_" + std::to_string(std::time(nullptr));
  auto a = server_->post("/api/v1/draws", draw_body(participants_, 1, 0, "local", giveaway), bearer(alice_));
  auto b = server_->post("/api/v1/draws", draw_body(participants_, 1, 0, "local", giveaway), bearer(alice_));
  auto list = server_->get("/api/v1/giveaways/" + giveaway + "/draws");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.body["commitments"].size(), 2u);
  EXPECT_EQ(list.body["commitments"][0]["statement"]["draw_id"], a.body["draw_id"]);
  EXPECT_EQ(list.body["commitments"][1]["statement"]["draw_id"], b.body["draw_id"]);
}

TEST_F(DrawsTest, LogEndpointsAnswerProofsThatVerify) {
  published_draw();
  auto sth = server_->get("/api/v1/log/sth");
  ASSERT_EQ(sth.status, 200);
  auto head = parse_tree_head(sth.body["statement"]);
  ASSERT_TRUE(head.ok());
  auto keys = keyset_from_json(server_->get("/.well-known/tirage-keys.json").body);
  ASSERT_TRUE(keys.ok());
  EXPECT_TRUE(verify_envelope(sth.body, *keys, head->timestamp).ok());

  auto entries = server_->get("/api/v1/log/entries?start=0&end=" + std::to_string(head->tree_size));
  ASSERT_EQ(entries.status, 200);
  ASSERT_EQ(entries.body["entries"].size(), head->tree_size);
  std::vector<Hash> leaves;
  for (const auto& e : entries.body["entries"]) leaves.push_back(*log_leaf_hash(e["envelope"]));
  EXPECT_EQ(merkle_root(leaves), head->root_hash);

  const std::uint64_t i = head->tree_size / 2;
  auto proof = server_->get("/api/v1/log/proof?hash=" + to_hex(leaves[i]) + "&size=" + std::to_string(head->tree_size));
  ASSERT_EQ(proof.status, 200) << proof.raw;
  std::vector<std::string> hex;
  for (const auto& h : proof.body["audit_path"]) hex.push_back(h);
  EXPECT_TRUE(verify_inclusion(leaves[i], i, head->tree_size, *hashes_from_hex(hex), head->root_hash));

  auto cons = server_->get("/api/v1/log/consistency?first=2&second=" + std::to_string(head->tree_size));
  ASSERT_EQ(cons.status, 200) << cons.raw;
  hex.clear();
  for (const auto& h : cons.body["consistency"]) hex.push_back(h);
  EXPECT_TRUE(verify_consistency(2, head->tree_size, merkle_root(std::span<const Hash>(leaves.data(), 2)),
                                 head->root_hash, *hashes_from_hex(hex)));

  EXPECT_EQ(server_->get("/api/v1/log/proof?hash=zz&size=1").status, 400);
  EXPECT_EQ(server_->get("/api/v1/log/proof?hash=" + std::string(64, 'a') + "&size=1").status, 404);
  EXPECT_EQ(server_->get("/api/v1/log/consistency?first=5&second=2").status, 400);
  EXPECT_EQ(server_->get("/api/v1/log/consistency?first=1&second=999999").status, 400);
  EXPECT_EQ(server_->get("/api/v1/log/entries?start=3&end=1").status, 400);
}

TEST_F(DrawsTest, BadInputGetsAClearErrorAndChangesNothing) {
  const auto before = log_size();
  Json good = draw_body(participants_, 3, 2, "local");
  auto expect_400 = [&](Json body, const std::string& words) {
    auto r = server_->post("/api/v1/draws", body, bearer(alice_));
    EXPECT_EQ(r.status, 400) << body.dump();
    EXPECT_NE(r.body["error"]["message"].get<std::string>().find(words), std::string::npos) << r.raw;
  };
  Json j = good;
  j["winners"] = "3";
  expect_400(j, "winners");
  j = good;
  j["surprise"] = true;
  expect_400(j, "surprise");
  j = good;
  j["winners"] = 39;
  expect_400(j, "exceed");
  j = good;
  j["participants_root"] = "abc";
  expect_400(j, "participants_root");
  j = good;
  j["beacon"] = Json{{"source", "tarot"}};
  expect_400(j, "beacon");
  j = good;
  j["winners"] = 0;
  expect_400(j, "at least 1");
  j = good;
  j.erase("title");
  expect_400(j, "title");

  auto not_json = server_->post_raw("/api/v1/draws", "{\"title\": ", "application/json", bearer(alice_));
  EXPECT_EQ(not_json.status, 400);
  EXPECT_NE(not_json.body["error"]["message"].get<std::string>().find("line 1"), std::string::npos) << not_json.raw;
  EXPECT_EQ(server_->post_raw("/api/v1/draws", good.dump(), "text/plain", bearer(alice_)).status, 415);
  const std::string huge(3 << 20, 'x');
  auto too_big = server_->post_raw("/api/v1/draws", huge, "application/json", bearer(alice_));
  EXPECT_EQ(too_big.status, 413);
  EXPECT_EQ(server_->get("/api/v1/draws/d_nope").status, 404);
  EXPECT_EQ(server_->get("/api/v1/nothing-here").body["error"]["code"], "not_found");
  EXPECT_EQ(log_size(), before);
}

TEST_F(DrawsTest, OrganizerRoutesNeedCredentials) {
  Json body = draw_body(participants_, 1, 0, "local");
  EXPECT_EQ(server_->post("/api/v1/draws", body).status, 401);
  EXPECT_EQ(server_->post("/api/v1/draws", body, bearer("tk_" + std::string(64, '0'))).status, 401);
  auto listed = server_->get("/api/v1/draws", bearer(bob_));
  ASSERT_EQ(listed.status, 200);
  for (const auto& d : listed.body["draws"]) ADD_FAILURE() << "bob sees a draw he did not make: " << d.dump();
}

// Design E: the bundle proves the commitment was in the log before the beacon,
// with the head the server signed right after appending it.
TEST_F(DrawsTest, TheBundleCarriesTheHeadSignedAtCommitTime) {
  const std::string id = published_draw("g_committed_head");
  auto bundle = server_->get("/api/v1/draws/" + id + "/bundle");
  ASSERT_EQ(bundle.status, 200) << bundle.raw;
  const Json& committed = bundle.body["log"]["committed"];
  ASSERT_TRUE(committed.is_object()) << bundle.raw;
  auto head = parse_tree_head(committed["sth"]["statement"]);
  ASSERT_TRUE(head.ok());
  const Json& c = bundle.body["commitment"]["statement"];
  const UnixSeconds committed_at = *parse_rfc3339(c["committed_at"].get<std::string>());
  const UnixSeconds reveal_at = *parse_rfc3339(c["beacon"]["reveal_at"].get<std::string>());
  EXPECT_GE(head->timestamp, committed_at);
  EXPECT_LT(head->timestamp, reveal_at);
  EXPECT_GT(head->tree_size, committed["index"].get<std::uint64_t>());
  auto report = verify_bundle(bundle.body, service_keys());
  ASSERT_TRUE(report.ok()) << report.first_failure()->detail;
  bool seen = false;
  for (const auto& check : report.checks) seen = seen || (check.id == "logged_before_beacon" && check.ok);
  EXPECT_TRUE(seen);
}

// Issue 13: a bundle made with another key than this server's fails, even when
// it names one of this server's draws.
TEST_F(DrawsTest, ABundleForgedForOneOfTheseDrawsFailsUnderTheServersKeys) {
  const std::string id = published_draw("g_forged");
  Json forged = server_->get("/api/v1/draws/" + id + "/bundle").body;
  const Ed25519Key stranger = *ed25519_from_seed(Bytes(32, 7));
  for (const char* part : {"commitment", "result"})
    forged[part] = *sign_envelope(forged[part]["statement"], stranger);
  PublishedKey own{key_id(stranger.public_key), stranger.public_key, 0, std::nullopt, std::nullopt};
  forged["keys"] = keyset_to_json(std::vector<PublishedKey>{own});
  auto report = verify_bundle(forged, service_keys());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_failure()->id, "commitment_signed");
  EXPECT_NE(report.first_failure()->detail.find("offered by the bundle but not trusted"), std::string::npos);
}

TEST_F(DrawsTest, KeysAreServedWithTheirValidity) {
  auto keys = server_->get("/.well-known/tirage-keys.json");
  ASSERT_EQ(keys.status, 200);
  auto parsed = keyset_from_json(keys.body);
  ASSERT_TRUE(parsed.ok()) << keys.raw;
  ASSERT_GE(parsed->size(), 1u);
  EXPECT_FALSE(parsed->back().valid_until.has_value());
}

}  // namespace
}  // namespace tirage::testing

namespace tirage::testing {
namespace {

// The certificate PDF, read back with poppler (pdftotext, pdftoppm) as a person's viewer would.
TEST_F(DrawsTest, CertificatePdfInFourLanguages) {
  const std::string id = published_draw("g_certificate");
  const std::pair<const char*, const char*> languages[] = {
      {"fr", "Certificat de tirage"}, {"en", "Certificate of draw"}, {"es", "Certificado de sorteo"}, {"de", "Ziehungszertifikat"}};
  auto result = server_->get("/api/v1/draws/" + id).body["result"]["statement"];
  for (const auto& [lang, heading] : languages) {
    SCOPED_TRACE(lang);
    auto pdf = server_->get("/api/v1/draws/" + id + "/certificate.pdf?lang=" + lang);
    ASSERT_EQ(pdf.status, 200) << pdf.raw.substr(0, 300);
    EXPECT_EQ(pdf.headers["Content-Type"], "application/pdf");
    const std::string path = dir_ + "/certificate-" + lang + ".pdf";
    std::ofstream(path, std::ios::binary) << pdf.raw;
    std::string text;
    ASSERT_EQ(run("pdftotext -enc UTF-8 '" + path + "' - 2>/dev/null", &text), 0) << "pdftotext (poppler-utils) failed";
    std::replace(text.begin(), text.end(), '\n', ' ');  // wrapped lines read as one text
    EXPECT_NE(text.find(heading), std::string::npos) << text;
    EXPECT_NE(text.find("Concours de Noël"), std::string::npos) << text;
    EXPECT_NE(text.find("40"), std::string::npos);
    EXPECT_NE(text.find(result["winners"][0]["entry"]["name"].get<std::string>()), std::string::npos) << text;
    EXPECT_NE(text.find(server_->get("/api/v1/draws/" + id).body["commitment"]["statement"]["participants_root"].get<std::string>()),
              std::string::npos);
    EXPECT_NE(text.find("/v/" + id), std::string::npos) << "the verify link is missing";
    EXPECT_NE(text.find("tirage verify bundle.json"), std::string::npos);
  }
  // The local beacon is called weaker, in plain words.
  std::string fr;
  run("pdftotext -enc UTF-8 '" + dir_ + "/certificate-fr.pdf' - 2>/dev/null", &fr);
  std::replace(fr.begin(), fr.end(), '\n', ' ');
  EXPECT_NE(fr.find("moins sûr que drand"), std::string::npos) << fr;
  // It renders to an image (kept for people to look at).
  ASSERT_EQ(run("pdftoppm -png -r 80 -f 1 -l 1 -singlefile '" + dir_ + "/certificate-fr.pdf' '" + dir_ + "/certificate-fr' 2>/dev/null"), 0);
  ASSERT_TRUE(std::filesystem::exists(dir_ + "/certificate-fr.png"));
  EXPECT_GT(std::filesystem::file_size(dir_ + "/certificate-fr.png"), 10000u);
  // Kept under build/ (docs/screenshots/ holds the committed copies).
  std::filesystem::create_directories(std::string(TIRAGE_REPO) + "/build/screenshots");
  std::filesystem::copy_file(dir_ + "/certificate-fr.png", std::string(TIRAGE_REPO) + "/build/screenshots/certificate-fr.png",
                             std::filesystem::copy_options::overwrite_existing);
}

TEST_F(DrawsTest, NoCertificateBeforeTheResult) {
  auto created = server_->post("/api/v1/draws", draw_body(participants_, 1, 0, "local"), bearer(alice_));
  auto pdf = server_->get("/api/v1/draws/" + created.body["draw_id"].get<std::string>() + "/certificate.pdf");
  EXPECT_EQ(pdf.status, 409);
}

TEST_F(DrawsTest, VerifyPageServesTheEssentialsWithoutJavaScript) {
  const std::string id = published_draw("g_page");
  auto page = server_->get("/v/" + id, {{"Accept-Language", "de-CH, de;q=0.9, en;q=0.5"}});
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.raw.find("<html lang=\"de\">"), std::string::npos);
  EXPECT_NE(page.raw.find("Gewinner"), std::string::npos);
  EXPECT_NE(page.raw.find("og:title"), std::string::npos);
  EXPECT_NE(page.raw.find("Concours de Noël"), std::string::npos);
  // Text from organizers is escaped, never markup.
  Json body = draw_body(participants_, 1, 0, "local", "g_xss");
  body["title"] = "<script>alert(1)</script>";
  auto created = server_->post("/api/v1/draws", body, bearer(alice_));
  auto xss = server_->get("/v/" + created.body["draw_id"].get<std::string>());
  EXPECT_EQ(xss.raw.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(xss.raw.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(server_->get("/v/d_missing").status, 404);
}

}  // namespace
}  // namespace tirage::testing

namespace tirage::testing {
namespace {

// "Was I in the draw?": the organizer publishes leaf hashes, a participant
// asks for the proof of their own leaf.
TEST_F(DrawsTest, ParticipantsCanCheckTheirInclusionWhenLeavesArePublished) {
  auto created = server_->post("/api/v1/draws", draw_body(participants_, 1, 0, "local", "g_inclusion"), bearer(alice_));
  const std::string id = created.body["draw_id"];
  const std::string leaf0 = to_hex(leaf_hash(leaf(*normalize_entry({"list", "@Fan0", "Fan 0"}))));
  auto before = server_->get("/api/v1/draws/" + id + "/inclusion?leaf=" + leaf0);
  EXPECT_EQ(before.status, 404);
  EXPECT_EQ(before.body["error"]["code"], "not_available");

  // The leaf hashes, in index order, from the same file the commitment came from.
  std::vector<Entry> raw;
  for (int i = 0; i < 40; ++i) raw.push_back({"list", "@Fan" + std::to_string(i), "Fan " + std::to_string(i)});
  auto list = build_participant_list(raw);
  std::string bytes;
  for (const auto& e : list->entries) {
    const Hash h = leaf_hash(leaf(e));
    bytes.append(reinterpret_cast<const char*>(h.data()), 32);
  }
  const std::string path = "/api/v1/draws/" + id + "/leaves";
  EXPECT_EQ(server_->post_raw(path, bytes, "application/octet-stream", bearer(bob_)).status, 404);
  EXPECT_EQ(server_->post_raw(path, bytes.substr(0, 33), "application/octet-stream", bearer(alice_)).status, 400);
  EXPECT_EQ(server_->post_raw(path, bytes + bytes.substr(0, 32), "application/octet-stream", bearer(alice_)).status, 400);
  std::string wrong = bytes;
  wrong[5] ^= 1;
  auto bad_root = server_->post_raw(path, wrong, "application/octet-stream", bearer(alice_));
  EXPECT_EQ(bad_root.status, 400);
  EXPECT_NE(bad_root.raw.find("participants root"), std::string::npos);
  // In chunks, in order: a chunk out of order is refused, the rest completes it.
  auto first = server_->post_raw(path + "?offset=0", bytes.substr(0, 32 * 15), "application/octet-stream", bearer(alice_));
  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(first.body["complete"], false);
  EXPECT_EQ(server_->post_raw(path + "?offset=" + std::to_string(32 * 20), bytes.substr(32 * 20), "application/octet-stream",
                              bearer(alice_)).status, 409);
  auto last = server_->post_raw(path + "?offset=" + std::to_string(32 * 15), bytes.substr(32 * 15), "application/octet-stream",
                                bearer(alice_));
  ASSERT_EQ(last.status, 200) << last.raw;
  EXPECT_EQ(last.body["complete"], true);
  EXPECT_EQ(last.body["received"], 40);

  auto found = server_->get("/api/v1/draws/" + id + "/inclusion?leaf=" + leaf0);
  ASSERT_EQ(found.status, 200) << found.raw;
  std::vector<std::string> hex;
  for (const auto& h : found.body["proof"]) hex.push_back(h);
  const Hash root = *hash_from_hex(created.body["commitment"]["statement"]["participants_root"].get<std::string>());
  EXPECT_TRUE(verify_inclusion(*hash_from_hex(leaf0), found.body["index"], 40, *hashes_from_hex(hex), root));

  const std::string stranger = to_hex(leaf_hash(leaf(*normalize_entry({"list", "@nobody", "nobody"}))));
  auto missing = server_->get("/api/v1/draws/" + id + "/inclusion?leaf=" + stranger);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body["error"]["code"], "not_found");
  EXPECT_EQ(server_->get("/api/v1/draws/" + id + "/inclusion?leaf=xyz").status, 400);
}

TEST(Inclusion, LookupsAreRateLimitedPerAddress) {
  ServerUnderTest server;
  server.start();
  int limited = 0;
  for (int i = 0; i < 70; ++i)
    if (server.get("/api/v1/draws/d_none/inclusion?leaf=" + std::string(64, 'a')).status == 429) ++limited;
  EXPECT_GE(limited, 9);
}

}  // namespace
}  // namespace tirage::testing
