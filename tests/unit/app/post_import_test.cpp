// A platform import followed against a scripted server: start, poll while it
// pages, read the comments a page at a time, cancel and resume, and every
// refusal kept with its code for the screen.
#include <gtest/gtest.h>

#include "tests/unit/app/fake_transport.hpp"
#include "wasm/app/model/post_import.hpp"
#include "wasm/app/ui/i18n.hpp"

namespace tirage::app {
namespace {

using testing::FakeTransport;
using testing::line;
using Phase = PostImport::Phase;

constexpr double kNow = 1798131600;

std::string page(std::size_t from, std::size_t n, std::size_t total) {
  Json comments = Json::array();
  for (std::size_t i = from; i < from + n; ++i) comments.push_back({{"comment_id", std::to_string(i)}, {"handle", "fan" + std::to_string(i)}});
  return Json{{"comments", comments}, {"total", total}}.dump();
}

struct PostImportTest : ::testing::Test {
  void SetUp() override {
    set_language("en");
    api.set_transport(net);
    net.set_now(kNow);
  }
  // Starts an import of an Instagram post and answers it with import id "i1".
  void started() {
    imp.start(api, "instagram", "https://www.instagram.com/p/abc/", false, true);
    ASSERT_EQ(net.waiting().size(), 1u);
    net.reply(202, R"({"id":"i1","state":"running","progress":{"comments":0}})");
  }
  FakeTransport net;
  ApiClient api;
  PostImport imp;
};

TEST_F(PostImportTest, StartsThenPollsWhileTheServerPages) {
  imp.start(api, "x", "1858", true, false, 1798200000);
  EXPECT_EQ(imp.phase(), Phase::starting);
  ASSERT_EQ(net.waiting().size(), 1u);
  EXPECT_EQ(line(net.waiting()[0]), "POST /api/v1/imports");
  EXPECT_EQ(*parse_json(net.waiting()[0].body),
            (Json{{"platform", "x"}, {"post_id", "1858"}, {"include_replies", false}, {"collect_until", 1798200000}}));
  net.reply(202, R"({"id":"i1","state":"running","progress":{"comments":0}})");
  EXPECT_EQ(imp.phase(), Phase::following);
  EXPECT_EQ(imp.id(), "i1");
  EXPECT_EQ(imp.state(), "running");

  imp.tick(api, kNow);
  ASSERT_EQ(net.waiting().size(), 1u);
  EXPECT_EQ(line(net.waiting()[0]), "GET /api/v1/imports/i1");
  imp.tick(api, kNow + 5);  // one request at a time
  EXPECT_EQ(net.waiting().size(), 1u);
  net.reply(200, R"({"id":"i1","state":"running","progress":{"comments":1200}})");
  EXPECT_EQ(imp.comments_so_far(), 1200u);
  imp.tick(api, kNow + 0.5);  // polled every 0.75 s while running
  EXPECT_TRUE(net.waiting().empty());
  imp.tick(api, kNow + 0.75);
  ASSERT_EQ(net.waiting().size(), 1u);
  net.reply(200, R"({"id":"i1","state":"done","progress":{"comments":2500}})");
  imp.tick(api, kNow + 100);  // ended: nothing more to look at
  EXPECT_TRUE(net.waiting().empty());
  EXPECT_EQ(imp.state(), "done");
}

TEST_F(PostImportTest, ARefusedStartKeepsTheCodeAndTheAlternative) {
  imp.start(api, "tiktok", "https://www.tiktok.com/@a/video/1", false, true);
  net.reply(422, R"({"error":{"code":"not_available","message":"TikTok does not share comments."},"alternative":"csv_import"})");
  EXPECT_EQ(imp.phase(), Phase::failed);
  EXPECT_EQ(imp.error(), "TikTok does not share comments.");
  EXPECT_EQ(imp.error_code(), "not_available");
  EXPECT_EQ(imp.alternative(), "csv_import");
  EXPECT_FALSE(needs_reconnect(imp.error_code()));
  EXPECT_TRUE(needs_reconnect("token_expired"));
}

TEST_F(PostImportTest, ReadsEveryCommentPageByPageWithProgress) {
  started();
  imp.fetch_comments(api);
  EXPECT_EQ(imp.phase(), Phase::fetching);
  imp.tick(api, kNow);
  ASSERT_EQ(net.waiting().size(), 1u);
  EXPECT_EQ(line(net.waiting()[0]), "GET /api/v1/imports/i1/comments?offset=0&limit=1000");
  net.reply(200, page(0, 1000, 2500));
  EXPECT_EQ(imp.fetched(), 1000u);
  EXPECT_EQ(imp.total(), 2500u);
  ASSERT_EQ(net.waiting().size(), 1u) << "the next page at once, not at the next frame";
  EXPECT_EQ(line(net.waiting()[0]), "GET /api/v1/imports/i1/comments?offset=1000&limit=1000");
  net.set_now(kNow + 0.25);
  net.reply(200, page(1000, 1000, 2500));
  net.set_now(kNow + 0.5);
  net.reply(200, page(2000, 500, 2500));
  EXPECT_EQ(imp.phase(), Phase::fetched);
  EXPECT_EQ(imp.fetched(), 2500u);
  EXPECT_DOUBLE_EQ(imp.fetch_ms(), 500.0) << "timed by the transport's clock";
  const std::string lines = imp.take_comments();
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 2500);
  EXPECT_NE(lines.find(R"("handle":"fan2499")"), std::string::npos);
  EXPECT_EQ(imp.phase(), Phase::following);
}

TEST_F(PostImportTest, OnlyTheNewerCommentsFromAnOffset) {
  started();
  imp.fetch_comments(api, 40);
  imp.tick(api, kNow);
  EXPECT_EQ(line(net.waiting()[0]), "GET /api/v1/imports/i1/comments?offset=40&limit=1000");
  net.reply(200, page(40, 2, 42));
  EXPECT_EQ(imp.phase(), Phase::fetched);
  EXPECT_EQ(imp.fetched_from(), 40u);
  EXPECT_EQ(imp.fetched(), 42u);
}

TEST_F(PostImportTest, AFailedPageWaitsBeforeTheNextTry) {
  started();
  imp.fetch_comments(api);
  imp.tick(api, kNow);
  net.reply(503, R"({"error":{"code":"unavailable","message":"Busy."}})");
  EXPECT_EQ(imp.phase(), Phase::following);
  EXPECT_EQ(imp.error(), "Busy.");
  EXPECT_TRUE(imp.fetch_waiting(kNow + 4));
  EXPECT_FALSE(imp.fetch_waiting(kNow + 5));

  imp.fetch_comments(api);
  imp.tick(api, kNow + 6);
  net.reply(200, R"({"items":[]})");  // not the documented shape
  EXPECT_EQ(imp.phase(), Phase::following);
  EXPECT_NE(imp.error().find("\"comments\""), std::string::npos) << imp.error();
}

TEST_F(PostImportTest, CancelThenResume) {
  started();
  imp.cancel(api);
  ASSERT_EQ(net.waiting().size(), 1u);
  EXPECT_EQ(line(net.waiting()[0]), "DELETE /api/v1/imports/i1");
  net.reply(200);
  ASSERT_EQ(net.waiting().size(), 1u) << "looks at the import again after cancelling";
  EXPECT_EQ(line(net.waiting()[0]), "GET /api/v1/imports/i1");
  net.reply(200, R"({"id":"i1","state":"cancelled","progress":{"comments":300}})");
  EXPECT_EQ(imp.state(), "cancelled");

  imp.resume(api);
  EXPECT_EQ(line(net.waiting()[0]), "POST /api/v1/imports/i1/resume");
  net.reply(409, R"({"error":{"code":"token_expired","message":"Connect Instagram again."}})");
  EXPECT_EQ(imp.error_code(), "token_expired");
  EXPECT_EQ(imp.state(), "cancelled");
  imp.resume(api);
  net.reply(200, "{}");
  EXPECT_EQ(imp.state(), "running");
  EXPECT_EQ(imp.error(), "");
}

TEST_F(PostImportTest, AttachFollowsAnImportAfterAReloadAndAGoneOneFails) {
  imp.attach(api, "i9");
  EXPECT_EQ(line(net.waiting()[0]), "GET /api/v1/imports/i9");
  net.reply(500, R"({"error":{"code":"internal","message":"Restarting."}})");
  EXPECT_EQ(imp.phase(), Phase::following) << "kept following: the server may be restarting";
  imp.poll_soon();
  imp.tick(api, kNow);
  net.reply(404, R"({"error":{"code":"not_found","message":"No such import."}})");
  EXPECT_EQ(imp.phase(), Phase::failed);
  EXPECT_EQ(imp.error_code(), "not_found");
}

TEST_F(PostImportTest, AnswersForAForgottenImportAreIgnored) {
  imp.start(api, "instagram", "https://www.instagram.com/p/abc/", false, true);
  imp.reset();
  net.reply(202, R"({"id":"i1","state":"running"})");
  EXPECT_EQ(imp.phase(), Phase::idle);
  EXPECT_EQ(imp.id(), "");
}

}  // namespace
}  // namespace tirage::app
