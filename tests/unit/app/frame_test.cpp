// Every screen of the organizer app drawn headless, in every language: Dear
// ImGui with no platform or renderer backend (as ImGui's example_null does:
// a display size, a font atlas, NewFrame/Render), the server a scripted fake.
// A frame fails the test when one of ImGui's checks fires (IM_ASSERT throws,
// imgui_test_config.hpp) or when a catalog lacks a key it shows.
#include <gtest/gtest.h>
#include <imgui.h>

#include <stdexcept>

#include "shared/core/time.hpp"
#include "tests/unit/app/fake_transport.hpp"
#include "tests/unit/app/headless_bridge.hpp"
#include "wasm/app/organizer_app.hpp"
#include "wasm/app/ui/i18n.hpp"
#include "wasm/app/ui/widgets.hpp"

namespace tirage::app::testing {

void imgui_assert_failed(const char* expr, const char* file, int line) {
  throw std::logic_error(std::string(file) + ":" + std::to_string(line) + ": IM_ASSERT(" + expr + ")");
}

namespace {

constexpr double kNow = 1798131600;  // 2026-12-24T17:00:00Z
constexpr float kWidth = 1280, kHeight = 800;

// The server as the screens see it, signed in, with a bit of everything to show.
HttpResponse server(const HttpRequest& r) {
  const std::string& p = r.path;
  auto ok = [](const Json& j) { return HttpResponse{200, j.dump(), ""}; };
  if (p == "/healthz") return ok({{"drand", true}});
  if (p == "/api/v1/me") return ok({{"email", "ana@example.com"}, {"csrf_token", "tok"}});
  if (p == "/api/v1/draws" && r.method == "GET")
    return ok({{"draws",
                {{{"draw_id", "d_old"}, {"title", "Summer"}, {"status", "published"}, {"draw_at", "2026-07-01T12:00:00Z"}},
                 {{"draw_id", "d_gone"}, {"title", "Spring"}, {"status", "abandoned"}, {"draw_at", "2026-04-01T12:00:00Z"}}}}});
  if (p == "/api/v1/billing")
    return ok({{"plan", {{"id", "free"}, {"name", "Free"}, {"kind", "free"}}},
               {"status", "active"},
               {"limits", {{"participants_per_draw", 1000}, {"draws_per_month", 3}, {"alternates", 2}, {"api_access", false}}},
               {"usage", {{"month_start", "2026-12-01T00:00:00Z"}, {"draws_this_month", 1}, {"single_draw_credits", 0}}}});
  if (p == "/api/v1/api-keys") return ok({{"api_keys", {{{"id", "k1"}, {"label", "CI"}, {"created_at", "2026-11-01T10:00:00Z"}}}}});
  if (p == "/api/v1/connections")
    return ok({{"available",
                {{{"platform", "instagram"}, {"provider", "facebook"}, {"configured", true}, {"connect_url", "/c/ig"}},
                 {{"platform", "x"}, {"provider", "x"}, {"configured", true}, {"connect_url", "/c/x"}},
                 {{"platform", "youtube"}, {"provider", "google"}, {"configured", false}, {"connect_url", "/c/yt"}}}},
               {"connections",
                {{{"platform", "instagram"}, {"account_name", "@shop"}, {"connected_at", "2026-12-01T10:00:00Z"},
                  {"expires_at", "2027-01-30T10:00:00Z"}, {"renewable", true}}}}});
  if (p == "/api/v1/draws" && r.method == "POST") {
    const Json body = *parse_json(r.body);
    return ok({{"draw_id", "d1"},
               {"draw_at", "2026-12-24T17:00:00Z"},
               {"commitment",
                {{"statement",
                  {{"participants_root", body["participants_root"]},
                   {"participants_count", body["participants_count"]},
                   {"beacon", {{"source", "drand"}}}}}}}});
  }
  if (p.rfind("/api/v1/draws/d1/leaves", 0) == 0 || p.rfind("/api/v1/draws/d1/handles", 0) == 0 || p == "/api/v1/draws/d1/result")
    return ok(Json::object());
  const Json import{{"id", "i1"}, {"platform", "instagram"}, {"post_id", "abc"}, {"state", "done"}, {"progress", {{"comments", 2}}}};
  if (p == "/api/v1/imports" && r.method == "POST") return ok(import);
  if (p == "/api/v1/imports/i1") return ok(import);
  if (p.rfind("/api/v1/imports/i1/comments", 0) == 0)
    return ok({{"comments",
                {{{"platform", "instagram"}, {"comment_id", "c1"}, {"user_id", "1"}, {"handle", "dora"}, {"text", "me!"}},
                 {{"platform", "instagram"}, {"comment_id", "c2"}, {"user_id", "2"}, {"handle", "eli"}, {"text", "me too"}}}},
               {"total", 2}});
  if (p == "/api/v1/draws/d1/selection") return ok({{"seed", "ab12"}, {"winners", {1}}, {"alternates", {0}}});
  return HttpResponse{404, R"({"error":{"code":"not_found","message":"Not here."}})", ""};
}

// Draws, and stops the test at the first frame that failed (ImGui's state is not to be trusted after a failed check).
#define DRAW(what) ASSERT_NO_FATAL_FAILURE(draw(what))

class FrameTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(kWidth, kHeight);
    io.DeltaTime = 1.f / 60;
    io.Fonts->AddFontDefault();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // what a renderer backend would upload
    ui::apply_theme(1.f);
    clear_headless_store();  // each language starts from a browser with no saved work
    net.set_now(kNow);
    app.api.set_transport(net);
    app.start();
    net.serve(server);
    app.change_language(GetParam());
    clear_missing_keys();
  }
  void TearDown() override { ImGui::DestroyContext(); }

  // Two frames of what the app shows (some widgets appear once the first has laid them out), the server answering.
  void draw(const std::string& what) {
    SCOPED_TRACE(what + " in " + GetParam());
    for (int i = 0; i < 2; ++i) {
      try {
        ImGui::NewFrame();
        app.frame(kWidth, kHeight);
        ImGui::Render();
      } catch (const std::logic_error& e) {
        FAIL() << what << " in " << GetParam() << ": " << e.what();
      }
      net.serve(server);
      net.set_now(net.now() + 0.5);
    }
    ASSERT_NE(ImGui::GetDrawData(), nullptr);
    EXPECT_GT(ImGui::GetDrawData()->TotalVtxCount, 0) << what;
    for (const auto& key : missing_keys()) ADD_FAILURE() << what << " in " << GetParam() << ": no string for " << key;
    clear_missing_keys();
  }

  FakeTransport net;
  OrganizerApp app;
};

TEST_P(FrameTest, EveryScreenDrawsWithEveryStringAndNoImGuiCheckFired) {
  ASSERT_EQ(text().language(), GetParam());
  ASSERT_EQ(app.screen, Screen::home) << "signed in by /api/v1/me";
  DRAW("home");
  app.screen = Screen::starting;
  DRAW("starting");
  app.screen = Screen::home;

  app.screen = Screen::keys;
  app.load_keys();
  DRAW("keys");
  app.screen = Screen::connections;
  DRAW("connections");

  app.open_account();
  DRAW("account (signed in)");
  app.account.confirm_delete = true;
  DRAW("account deletion");

  const std::string email = app.email;
  app.email.clear();
  for (AccountMode mode : {AccountMode::login, AccountMode::signup, AccountMode::forgot, AccountMode::reset, AccountMode::check_mail}) {
    app.account = AccountForm();
    app.account.mode = mode;
    app.account.error = "Wrong password.";
    DRAW("account mode " + std::to_string(static_cast<int>(mode)));
  }
  app.email = email;
  app.status_error = "Something failed.";
  app.screen = Screen::home;
  DRAW("home with an error");
  app.status_error.clear();

  app.new_giveaway();
  ASSERT_EQ(app.screen, Screen::editor);
  for (int step = 0; step < 5; ++step) {
    app.giveaway.step = step;
    DRAW("empty giveaway, step " + std::to_string(step));
  }

  app.giveaway.title = "Noël";
  app.offer_source(SourceKind::text, "", "@ana\n@ben\n@cleo\n");
  for (int step = 0; step < 5; ++step) {
    app.giveaway.step = step;
    DRAW("giveaway with a list, step " + std::to_string(step));
  }
  ASSERT_EQ(app.pipeline.stage(), ParticipantsPipeline::Stage::ready) << app.pipeline.error();

  app.giveaway.step = 1;
  app.post_form.active = true;
  DRAW("participants from a post");
  app.post_form.picking = true;
  DRAW("the post picker (the server has no posts to show)");
  app.post_form.picking = false;
  app.post_form.platform = 3;  // x: the collection window
  app.post_form.collect = true;
  DRAW("participants from an X post, collecting");
  app.post_form.collect = false;
  app.post_form.platform = 0;
  app.start_post_import("instagram", "https://www.instagram.com/p/abc/", false);
  DRAW("an import done, its comments read");
  DRAW("the comments put into the list");
  DRAW("the list from a post");
  EXPECT_EQ(app.giveaway.source, SourceKind::post);
  EXPECT_EQ(app.pipeline.list().entries.size(), 2u) << app.pipeline.error();

  // The draw itself: committed, drawn, published, each step of it shown.
  app.giveaway.step = 4;
  app.draw.commit(app.api, app.giveaway, app.pipeline, net.now());
  DRAW("committing");
  DRAW("waiting for the beacon");
  ASSERT_EQ(app.draw.phase(), DrawSession::Phase::drawn) << app.draw.error();
  for (int i = 0; i < 3; ++i) DRAW("the winners' animation");
  app.draw.publish(app.api, app.pipeline);
  DRAW("publishing");
  EXPECT_EQ(app.draw.phase(), DrawSession::Phase::published) << app.draw.error();
  DRAW("published");
  for (int step = 0; step < 4; ++step) {
    app.giveaway.step = step;
    DRAW("committed giveaway, step " + std::to_string(step));
  }
}

INSTANTIATE_TEST_SUITE_P(Languages, FrameTest, ::testing::Values("en", "fr", "es", "de"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tirage::app::testing
