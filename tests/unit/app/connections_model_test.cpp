// The organizer's platform connections against a scripted server: the list
// read (and a bad one refused), a check's outcome in words, and a
// disconnection that says whether the platform revoked the access.
#include <gtest/gtest.h>

#include "tests/unit/app/fake_transport.hpp"
#include "wasm/app/model/connections_model.hpp"
#include "wasm/app/ui/i18n.hpp"

namespace tirage::app {
namespace {

using testing::FakeTransport;
using testing::line;

const char* kList = R"({
  "available": [
    {"platform": "instagram", "provider": "facebook", "configured": true, "connect_url": "/api/v1/oauth/facebook/start?purpose=connect"},
    {"platform": "youtube", "provider": "google", "configured": false, "connect_url": "/api/v1/oauth/google/start?purpose=connect"},
    "not an object"],
  "connections": [
    {"platform": "instagram", "account_name": "@shop", "connected_at": "2026-12-01T10:00:00Z",
     "expires_at": "2027-01-30T10:00:00Z", "renewable": true},
    {"platform": "tiktok", "account_name": "@nobody"}]})";

struct ConnectionsModelTest : ::testing::Test {
  void SetUp() override {
    set_language("en");
    api.set_transport(net);
  }
  void loaded() {
    model.load(api);
    ASSERT_EQ(net.waiting().size(), 1u);
    EXPECT_EQ(line(net.waiting()[0]), "GET /api/v1/connections");
    net.reply(200, kList);
  }
  FakeTransport net;
  ApiClient api;
  ConnectionsModel model;
};

TEST_F(ConnectionsModelTest, ReadsWhoIsConnectedWhere) {
  loaded();
  ASSERT_TRUE(model.loaded());
  ASSERT_EQ(model.rows().size(), 2u);
  const PlatformRow* ig = model.find("instagram");
  ASSERT_TRUE(ig);
  EXPECT_TRUE(ig->connected);
  EXPECT_TRUE(ig->configured);
  EXPECT_TRUE(ig->renewable);
  EXPECT_EQ(ig->account_name, "@shop");
  EXPECT_EQ(ig->provider, "facebook");
  EXPECT_EQ(ig->expires_at, "2027-01-30T10:00:00Z");
  const PlatformRow* yt = model.find("youtube");
  ASSERT_TRUE(yt);
  EXPECT_FALSE(yt->connected);
  EXPECT_FALSE(yt->configured);
  EXPECT_FALSE(model.find("tiktok")) << "a connection to a platform not offered is not shown";
}

TEST_F(ConnectionsModelTest, AFailedOrBadListIsSaid) {
  model.load(api);
  net.reply(500, R"({"error":{"code":"internal","message":"Oops."}})");
  EXPECT_FALSE(model.loaded());
  EXPECT_EQ(model.error(), "Oops.");
  model.load(api);
  net.reply(200, "[]");
  EXPECT_EQ(model.error(), T("connections.bad_answer"));
  loaded();
  EXPECT_EQ(model.error(), "");
}

TEST_F(ConnectionsModelTest, ACheckSaysWhoThePlatformAnswersAsAndSurvivesAReload) {
  loaded();
  model.check(api, "instagram");
  EXPECT_TRUE(model.find("instagram")->busy);
  EXPECT_EQ(line(net.waiting()[0]), "GET /api/v1/connections/instagram/check");
  net.reply(200, R"({"account_name":"@shop_official"})");
  const PlatformRow* ig = model.find("instagram");
  EXPECT_FALSE(ig->busy);
  EXPECT_TRUE(ig->check_ok);
  EXPECT_EQ(ig->check, T("connections.check_ok", {{"name", "@shop_official"}}));
  loaded();
  EXPECT_EQ(model.find("instagram")->check, T("connections.check_ok", {{"name", "@shop_official"}}));

  model.check(api, "instagram");
  net.reply(401, R"({"error":{"code":"reconnect_needed","message":"The token was revoked."}})");
  EXPECT_FALSE(model.find("instagram")->check_ok);
  EXPECT_EQ(model.find("instagram")->check, T("connections.reconnect_needed", {{"reason", "The token was revoked."}}));
  model.check(api, "instagram");
  net.reply_offline();
  EXPECT_EQ(model.find("instagram")->check, T("error.offline"));
}

TEST_F(ConnectionsModelTest, DisconnectSaysWhetherThePlatformRevokedThenReloads) {
  loaded();
  model.disconnect(api, "instagram");
  EXPECT_EQ(line(net.waiting()[0]), "DELETE /api/v1/connections/instagram");
  net.reply(200, R"({"revoked":true,"revoke_note":"Also remove Tirage in Instagram's settings."})");
  EXPECT_EQ(model.message(), T("connections.disconnected_revoked", {{"platform", T("platform.instagram")}}) +
                                 " Also remove Tirage in Instagram's settings.");
  ASSERT_EQ(net.waiting().size(), 1u);
  EXPECT_EQ(line(net.waiting()[0]), "GET /api/v1/connections");
  net.reply(200, R"({"available":[{"platform":"instagram","provider":"facebook","configured":true}],"connections":[]})");
  EXPECT_FALSE(model.find("instagram")->connected);

  model.disconnect(api, "instagram");
  net.reply(200, R"({"revoked":false})");
  EXPECT_EQ(model.message(), T("connections.disconnected", {{"platform", T("platform.instagram")}}));
  net.reply(200, kList);

  model.disconnect(api, "instagram");
  net.reply(502, "");
  EXPECT_EQ(model.error(), T("error.http", {{"status", "502"}}));
  EXPECT_FALSE(model.find("instagram")->busy);
}

}  // namespace
}  // namespace tirage::app
