// A draw driven against a scripted server: the commit sends the root and the
// count (never the list), the leaf hashes and the handle index go up in
// order, the selection is polled at the draw time and again when the server
// says not yet, and the publication carries proofs. Every failure is said in
// the organizer's words, and a forgotten draw ignores late answers.
#include <gtest/gtest.h>

#include "shared/core/hex.hpp"
#include "tests/unit/app/fake_transport.hpp"
#include "wasm/app/model/draw_session.hpp"
#include "wasm/app/ui/i18n.hpp"

namespace tirage::app {
namespace {

using testing::FakeTransport;
using testing::line;
using Phase = DrawSession::Phase;

constexpr std::int64_t kNow = 1798131600;  // 2026-12-24T17:00:00Z, the draw time the server answers

ParticipantsPipeline ready_list(const std::string& platform, std::string_view text) {
  ParticipantsPipeline p;
  p.start(SourceKind::text, text, platform, Json::object(), FilterRules{}, kNow);
  while (p.step(50)) {
  }
  return p;
}

struct DrawSessionTest : ::testing::Test {
  void SetUp() override {
    set_language("en");
    api.set_transport(net);
    giveaway.giveaway_id = "g_test";
    giveaway.title = "Noël";
    giveaway.handle_check = false;
  }
  // The server's answer to the commit of `list`.
  std::string created(const ParticipantsPipeline& l, const char* beacon = "drand") const {
    return Json{{"draw_id", "d1"},
                {"draw_at", "2026-12-24T17:00:00Z"},
                {"commitment",
                 {{"statement",
                   {{"participants_root", to_hex(l.tree().root())},
                    {"participants_count", l.list().entries.size()},
                    {"beacon", {{"source", beacon}}}}}}}}
        .dump();
  }
  FakeTransport net;
  ApiClient api;
  Giveaway giveaway;
  const std::string text = "@ana\n@ben\n@cleo\n";
  ParticipantsPipeline list = ready_list("list", text);
  DrawSession draw;
};

TEST_F(DrawSessionTest, CommitsUploadsWaitsForTheBeaconAndPublishesWithProofs) {
  draw.commit(api, giveaway, list, kNow - 60);
  EXPECT_EQ(draw.phase(), Phase::committing);
  ASSERT_EQ(net.waiting().size(), 1u);
  EXPECT_EQ(line(net.waiting()[0]), "POST /api/v1/draws");
  const Json body = *parse_json(net.waiting()[0].body);
  EXPECT_EQ(body["participants_root"], to_hex(list.tree().root()));
  EXPECT_EQ(body["participants_count"], 3);
  EXPECT_EQ(net.waiting()[0].body.find("ana"), std::string::npos) << "the list itself never leaves the browser";

  net.reply(201, created(list));
  EXPECT_EQ(draw.phase(), Phase::uploading);
  EXPECT_EQ(draw.draw_id(), "d1");
  EXPECT_EQ(draw.draw_at(), kNow);
  EXPECT_FALSE(draw.weak_beacon());
  EXPECT_EQ(draw.upload_progress(), 0.f);
  ASSERT_EQ(net.waiting().size(), 1u);
  EXPECT_EQ(line(net.waiting()[0]), "POST /api/v1/draws/d1/leaves?offset=0");
  EXPECT_EQ(net.waiting()[0].content_type, "application/octet-stream");
  EXPECT_EQ(net.waiting()[0].body.size(), 3u * 32);
  net.reply(200);
  EXPECT_EQ(draw.phase(), Phase::waiting);
  EXPECT_EQ(draw.upload_progress(), 1.f);

  draw.tick(api, list, kNow - 1);  // before the draw time: nothing asked
  EXPECT_TRUE(net.waiting().empty());
  draw.tick(api, list, kNow);
  EXPECT_EQ(draw.phase(), Phase::selecting);
  ASSERT_EQ(net.waiting().size(), 1u);
  EXPECT_EQ(line(net.waiting()[0]), "GET /api/v1/draws/d1/selection");
  net.reply(409, R"({"error":{"code":"not_yet","message":"The beacon is not out yet."}})", "2");
  EXPECT_EQ(draw.phase(), Phase::waiting);
  draw.tick(api, list, kNow + 1);  // Retry-After says 2 s
  EXPECT_TRUE(net.waiting().empty());
  draw.tick(api, list, kNow + 2);
  ASSERT_EQ(net.waiting().size(), 1u);
  net.reply(200, R"({"seed":"ab","winners":[2],"alternates":[0]})");
  EXPECT_EQ(draw.phase(), Phase::drawn);
  EXPECT_EQ(draw.seed(), "ab");
  EXPECT_EQ(draw.winners(), std::vector<std::uint64_t>{2});
  EXPECT_EQ(draw.alternates(), std::vector<std::uint64_t>{0});

  draw.publish(api, list);
  EXPECT_EQ(draw.phase(), Phase::publishing);
  ASSERT_EQ(net.waiting().size(), 1u);
  EXPECT_EQ(line(net.waiting()[0]), "POST /api/v1/draws/d1/result");
  const Json result = *parse_json(net.waiting()[0].body);
  ASSERT_EQ(result["winners"].size(), 1u);
  ASSERT_EQ(result["alternates"].size(), 1u);
  EXPECT_EQ(result["winners"][0]["index"], 2);
  EXPECT_TRUE(result["winners"][0].contains("proof")) << result.dump();
  net.reply(500, R"({"error":{"code":"internal","message":"Try again."}})");
  EXPECT_EQ(draw.phase(), Phase::drawn) << "the organizer can try again";
  EXPECT_EQ(draw.error(), "Try again.");
  draw.publish(api, list);
  net.reply(200);
  EXPECT_EQ(draw.phase(), Phase::published);
  EXPECT_EQ(draw.error(), "");
}

TEST_F(DrawSessionTest, ALocalBeaconIsWeak) {
  draw.commit(api, giveaway, list, kNow);
  net.reply(201, created(list, "local"));
  EXPECT_TRUE(draw.weak_beacon());
}

TEST_F(DrawSessionTest, AListNotReadyIsNotCommitted) {
  ParticipantsPipeline empty;
  draw.commit(api, giveaway, empty, kNow);
  EXPECT_EQ(draw.phase(), Phase::failed);
  EXPECT_EQ(draw.error(), T("draw.error.list_not_ready"));
  EXPECT_TRUE(net.sent().empty());
}

TEST_F(DrawSessionTest, ARefusedCommitSaysTheServersReason) {
  draw.commit(api, giveaway, list, kNow);
  net.reply(402, R"({"error":{"code":"plan_limit","message":"Your plan allows 1,000 participants."}})");
  EXPECT_EQ(draw.phase(), Phase::failed);
  EXPECT_EQ(draw.error(), "Your plan allows 1,000 participants.");
}

TEST_F(DrawSessionTest, AFailedUploadFailsTheDrawWithItsReason) {
  draw.commit(api, giveaway, list, kNow);
  net.reply(201, created(list));
  net.reply_offline();
  EXPECT_EQ(draw.phase(), Phase::failed);
  EXPECT_EQ(draw.error(), T("draw.error.upload", {{"reason", T("error.offline")}}));
}

TEST_F(DrawSessionTest, TheHandleIndexGoesAfterTheLeavesAndItsFailureDoesNotStopTheDraw) {
  ParticipantsPipeline platform_list = ready_list("instagram", "ana\nben\ncleo\n");
  giveaway.handle_check = true;
  ASSERT_FALSE(draw.handle_plan_for(platform_list).indices.empty());
  draw.commit(api, giveaway, platform_list, kNow);
  net.reply(201, created(platform_list));
  EXPECT_EQ(line(net.waiting()[0]), "POST /api/v1/draws/d1/leaves?offset=0");
  net.reply(200);
  EXPECT_TRUE(draw.uploading_handles());
  ASSERT_EQ(net.waiting().size(), 1u);
  EXPECT_EQ(line(net.waiting()[0]), "POST /api/v1/draws/d1/handles?offset=0");
  const Json chunk = *parse_json(net.waiting()[0].body);
  EXPECT_EQ(chunk["entries"].size(), 3u) << chunk.dump();
  net.reply(413, R"({"error":{"code":"too_large","message":"Too many handles."}})");
  EXPECT_EQ(draw.phase(), Phase::waiting);
  EXPECT_EQ(draw.handle_error(), T("draw.error.upload_handles", {{"reason", "Too many handles."}}));
}

TEST_F(DrawSessionTest, ASelectionErrorKeepsWaitingAndTriesAgainLater) {
  draw.commit(api, giveaway, list, kNow);
  net.reply(201, created(list));
  net.reply(200);
  draw.tick(api, list, kNow);
  net.reply(503, R"({"error":{"code":"beacon_unavailable","message":"drand is late."}})");
  EXPECT_EQ(draw.phase(), Phase::waiting);
  EXPECT_EQ(draw.error(), "drand is late.");
  draw.tick(api, list, kNow + 2);
  EXPECT_TRUE(net.waiting().empty()) << "three seconds between tries";
  draw.tick(api, list, kNow + 3);
  EXPECT_EQ(net.waiting().size(), 1u);
}

TEST_F(DrawSessionTest, AWinnerOutsideTheListFails) {
  draw.commit(api, giveaway, list, kNow);
  net.reply(201, created(list));
  net.reply(200);
  draw.tick(api, list, kNow);
  net.reply(200, R"({"seed":"ab","winners":[7],"alternates":[]})");
  EXPECT_EQ(draw.phase(), Phase::failed);
  EXPECT_EQ(draw.error(), T("draw.error.list_changed"));
}

TEST_F(DrawSessionTest, ResumeReadsAPublishedDrawAndRefusesAnotherList) {
  draw.resume(api, "d1", list);
  EXPECT_EQ(line(net.waiting()[0]), "GET /api/v1/draws/d1");
  Json answer = *parse_json(created(list));
  answer["status"] = "drawn";
  answer["result"] = {{"statement", {{"winners", {{{"index", 1}}}}, {"alternates", Json::array()}}}};
  net.reply(200, answer.dump());
  EXPECT_EQ(draw.phase(), Phase::published);
  EXPECT_EQ(draw.winners(), std::vector<std::uint64_t>{1});

  DrawSession other;
  ParticipantsPipeline changed = ready_list("list", "@ana\n@ben\n");
  other.resume(api, "d1", changed);
  net.reply(200, created(list));
  EXPECT_EQ(other.phase(), Phase::failed);
  EXPECT_EQ(other.error(), T("draw.error.list_changed"));
}

TEST_F(DrawSessionTest, AnAbandonedDrawSaysSo) {
  draw.resume(api, "d1", list);
  Json answer = *parse_json(created(list));
  answer["status"] = "abandoned";
  net.reply(200, answer.dump());
  EXPECT_TRUE(draw.abandoned());
}

TEST_F(DrawSessionTest, AfterResetLateAnswersAreIgnored) {
  draw.commit(api, giveaway, list, kNow);
  draw.reset();
  net.reply(201, created(list));
  EXPECT_EQ(draw.phase(), Phase::idle);
  EXPECT_EQ(draw.draw_id(), "");
  EXPECT_TRUE(net.waiting().empty()) << "no upload for a forgotten draw";
}

}  // namespace
}  // namespace tirage::app
