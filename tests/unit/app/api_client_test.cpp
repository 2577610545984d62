// ApiClient over a fake transport: what it sends (method, type, CSRF token)
// and how every answer becomes a reply the screens can show.
#include <gtest/gtest.h>

#include "tests/unit/app/fake_transport.hpp"
#include "wasm/app/api/api_client.hpp"
#include "wasm/app/ui/i18n.hpp"

namespace tirage::app {
namespace {

using testing::FakeTransport;

struct ApiClientTest : ::testing::Test {
  void SetUp() override {
    set_language("en");
    api.set_transport(net);
  }
  FakeTransport net;
  ApiClient api;
  std::optional<ApiReply> got;
  std::function<void(ApiReply)> keep() {
    return [this](ApiReply r) { got = std::move(r); };
  }
};

TEST_F(ApiClientTest, SendsTheSessionTokenAndTheBodyTypeAndAnswersLater) {
  api.set_csrf("tok");
  api.post("/api/v1/draws", Json{{"a", 1}}, keep());
  api.post_bytes("/api/v1/draws/d/leaves?offset=0", std::string("\0\1", 2), keep());
  api.del("/api/v1/connections/x", keep());
  EXPECT_FALSE(got) << "answered inside the call";
  ASSERT_EQ(net.sent().size(), 3u);
  EXPECT_EQ(net.sent()[0].method, "POST");
  EXPECT_EQ(net.sent()[0].content_type, "application/json");
  EXPECT_EQ(net.sent()[0].body, R"({"a":1})");
  EXPECT_EQ(net.sent()[0].csrf, "tok");
  EXPECT_EQ(net.sent()[1].content_type, "application/octet-stream");
  EXPECT_EQ(net.sent()[1].body, std::string("\0\1", 2));
  EXPECT_EQ(testing::line(net.sent()[2]), "DELETE /api/v1/connections/x");
  ASSERT_TRUE(net.reply(201, R"({"draw_id":"d1"})"));
  ASSERT_TRUE(got);
  EXPECT_TRUE(got->ok());
  EXPECT_EQ(got->body["draw_id"], "d1");
  EXPECT_EQ(got->code, "");
}

TEST_F(ApiClientTest, TheServersErrorCodeAndMessageAreKept) {
  api.get("/api/v1/draws", keep());
  net.reply(429, R"({"error":{"code":"rate_limited","message":"Slow down."}})", "7");
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->ok());
  EXPECT_EQ(got->code, "rate_limited");
  EXPECT_EQ(got->message, "Slow down.");
  EXPECT_EQ(got->retry_after, "7");
}

TEST_F(ApiClientTest, AnAnswerThatIsNotJsonSaysTheStatus) {
  api.get("/api/v1/draws", keep());
  net.reply(502, "<html>Bad gateway</html>");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->code, "http_502");
  EXPECT_EQ(got->message, "The server answered with an error (502).");
  EXPECT_TRUE(got->body.is_null());
}

TEST_F(ApiClientTest, UnreachableIsOfflineInTheOrganizersLanguage) {
  set_language("fr");
  api.get("/healthz", keep());
  net.reply_offline();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->code, "offline");
  EXPECT_EQ(got->message, T("error.offline"));
  EXPECT_NE(got->message.find("serveur"), std::string::npos) << got->message;
}

TEST_F(ApiClientTest, WithoutATransportEveryRequestIsOfflineAndTheClockIsZero) {
  ApiClient bare;
  bare.get("/healthz", keep());
  ASSERT_TRUE(got);
  EXPECT_EQ(got->code, "offline");
  EXPECT_EQ(bare.now(), 0);
  net.set_now(1234.5);
  EXPECT_EQ(api.now(), 1234.5);
}

}  // namespace
}  // namespace tirage::app
