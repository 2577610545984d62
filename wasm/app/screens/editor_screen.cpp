// The giveaway editor: five steps in order (details, participants, filters,
// draw settings, draw). Once committed, the list and rules are frozen: the
// steps before the draw show what was committed and cannot change it.
#include <imgui.h>

#include "shared/core/time.hpp"
#include "shared/protocol/statements.hpp"
#include "wasm/app/browser/bridge.hpp"
#include "wasm/app/model/local_time.hpp"
#include "wasm/app/organizer_app.hpp"
#include "wasm/app/ui/widgets.hpp"

namespace tirage::app {

namespace {

constexpr const char* kSteps[] = {"step.details", "step.participants", "step.filters", "step.settings", "step.draw"};

void details_step(OrganizerApp& app) {
  ui::Heading("details.title");
  if (ui::Input("details.name", app.giveaway.title, 0, T("details.name_hint"))) app.save_soon();
  if (ui::Multiline("details.rules", app.giveaway.rules_text, 6)) app.save_soon();
  ui::Say("details.rules_note");
  ImGui::Spacing();
  std::string& url = app.giveaway.giveaway_url;
  if (ui::Input("details.giveaway_url", url, ImGuiInputTextFlags_CharsNoBlank, T("details.giveaway_url_hint"))) app.save_soon();
  ui::Say("details.giveaway_url_note");
  if (!url.empty() && !check_giveaway_url(url)) ui::Error("details.giveaway_url_bad", T("details.giveaway_url_bad"));
}

// "YYYY-MM-DD HH:MM" in the browser's local time -> RFC 3339 UTC; empty on a bad value.
std::string local_to_utc(const std::string& local, double now) {
  auto t = parse_local_time_at(local, browser_tz_offset, static_cast<std::int64_t>(now));
  return t ? format_rfc3339(*t) : "";
}

}  // namespace

void draw_settings_step(OrganizerApp& app) {
  Giveaway& g = app.giveaway;
  ui::Heading("settings.title");
  if (ui::Number("settings.winners", g.winners, 1, 1000)) app.save_soon();
  if (ui::Number("settings.alternates", g.alternates, 0, 1000)) app.save_soon();
  ui::Say("settings.alternates_note");
  ImGui::Spacing();
  ImGui::TextUnformatted(T("settings.beacon").c_str());
  int beacon = g.local_beacon ? 1 : 0;
  if (ui::Choice("settings.beacon", beacon, {T("settings.beacon.drand"), T("settings.beacon.local")})) {
    g.local_beacon = beacon == 1;
    app.save_soon();
  }
  ui::Say(g.local_beacon ? "settings.beacon.local_note" : "settings.beacon.drand_note");
  if (!app.drand_available && !g.local_beacon) ui::Error("settings.drand_offline", T("settings.drand_offline"));
  ImGui::Spacing();
  std::string& when = app.schedule_text;
  bool scheduled = !g.scheduled_at.empty();
  if (ui::Checkbox("settings.schedule", scheduled)) {
    g.scheduled_at = scheduled ? format_rfc3339(static_cast<UnixSeconds>(app.now()) + 3600) : "";
    when.clear();
    app.save_soon();
  }
  if (scheduled) {
    if (when.empty()) {
      auto t = parse_rfc3339(g.scheduled_at);
      if (t) when = local_minute(*t, browser_tz_offset(*t));
    }
    if (ui::Input("settings.schedule_at", when, 0, "2026-12-24 18:00")) {
      const std::string utc = local_to_utc(when, app.now());
      if (!utc.empty()) {
        g.scheduled_at = utc;
        app.save_soon();
      }
    }
    if (local_to_utc(when, app.now()).empty()) ui::Error("settings.schedule_bad", T("settings.schedule_bad"));
  }
}

void editor_screen(OrganizerApp& app) {
  const float scale = ImGui::GetFontSize() / 16.f;
  // The step's content scrolls; Previous / Next stay in a footer below it, always in reach.
  const float footer = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y + 4 * scale;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float width = avail.x < 860 * scale ? avail.x : 860 * scale;
  const float left = ImGui::GetCursorPosX() + (avail.x - width) / 2;
  ImGui::SetCursorPosX(left);
  ImGui::BeginChild("editor", ImVec2(width, avail.y - footer), false, ImGuiWindowFlags_NoBackground);
  ui::TouchScroll();
  if (ui::Button("nav.home")) {
    app.load_history();
    app.screen = Screen::home;
  }
  // The steps as a row of tabs that wraps on narrow screens.
  const bool committed = !app.draw.draw_id().empty();
  for (int i = 0; i < 5; ++i) {
    const std::string label = std::to_string(i + 1) + ". " + T(kSteps[i]);
    const float w = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
    if (i > 0) {
      const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + w;
      if (right < ImGui::GetWindowPos().x + ImGui::GetContentRegionMax().x) ImGui::SameLine();
    }
    const bool current = app.giveaway.step == i;
    if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.13f, 0.42f, 0.85f, 0.25f));
    if (ui::ButtonText(kSteps[i], label)) {
      app.giveaway.step = i;
      app.save_soon();
    }
    if (current) ImGui::PopStyleColor();
  }
  ImGui::Separator();
  if (committed && app.giveaway.step < 4) ui::Say("editor.frozen");
  ImGui::BeginDisabled(committed && app.giveaway.step < 4);
  switch (app.giveaway.step) {
    case 0: details_step(app); break;
    case 1: participants_step(app); break;
    case 2: filters_step(app); break;
    case 3: draw_settings_step(app); break;
    default: break;
  }
  ImGui::EndDisabled();
  if (app.giveaway.step == 4) draw_step(app);
  ImGui::EndChild();

  ImGui::SetCursorPosX(left);
  ImGui::Separator();
  ImGui::SetCursorPosX(left);
  if (app.giveaway.step > 0 && ui::Button("nav.previous")) {
    --app.giveaway.step;
    app.save_soon();
  }
  if (app.giveaway.step < 4) {
    if (app.giveaway.step > 0) ImGui::SameLine();
    else ImGui::SetCursorPosX(left);
    if (ui::PrimaryButton("nav.next")) {
      ++app.giveaway.step;
      app.save_soon();
    }
  }
  ImGui::SameLine();
  ImGui::TextDisabled("%s", T(app.saved() ? "work.saved" : "work.saving").c_str());
}

}  // namespace tirage::app
