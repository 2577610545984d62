// Connections: each platform's account as the server holds it (name,
// connected since, valid until), Connect (the platform's own consent page,
// then back here), Check, Disconnect after a yes, and what each platform
// allows us to read, said plainly.
#include <imgui.h>

#include "wasm/app/browser/bridge.hpp"
#include "wasm/app/organizer_app.hpp"
#include "wasm/app/ui/widgets.hpp"

namespace tirage::app {

namespace {

std::string when(const std::string& rfc3339) {
  auto d = text().date(rfc3339, false);
  return d ? *d : rfc3339;
}

void platform_row(OrganizerApp& app, const PlatformRow& r) {
  const std::string& p = r.platform;
  const std::string name = T("platform." + p);
  ImGui::Separator();
  ui::Heading("connections.platform", {{"platform", name}});
  if (r.connected) {
    ui::SayText("connections.status." + p, T("connections.connected_as", {{"name", r.account_name}, {"since", when(r.connected_at)}}));
    ui::SayText("connections.expiry." + p,
                r.expires_at.empty() ? T("connections.no_expiry")
                                     : T(r.renewable ? "connections.expires_renewed" : "connections.expires", {{"date", when(r.expires_at)}}));
  } else {
    ui::SayText("connections.status." + p, T(r.configured ? "connections.not_connected" : "connections.not_configured"));
  }
  ui::SayText("connections.note." + p, T("connections.note." + p));
  ImGui::BeginDisabled(r.busy || !r.configured);
  if (ui::ButtonText("connections.connect." + p, T(r.connected ? "connections.reconnect" : "connections.connect", {{"platform", name}})))
    app.leave_for(r.connect_url, "connections");
  ImGui::EndDisabled();
  if (r.connected) {
    ImGui::SameLine();
    ImGui::BeginDisabled(r.busy);
    if (ui::ButtonText("connections.check." + p, T("connections.check"))) app.connections.check(app.api, p);
    ImGui::SameLine();
    if (ui::ButtonText("connections.disconnect." + p, T("connections.disconnect"))) app.confirm_disconnect = p;
    ImGui::EndDisabled();
  }
  if (!r.check.empty()) {
    if (r.check_ok) ui::SayText("connections.check_result." + p, r.check);
    else ui::Error("connections.check_result." + p, r.check);
  }
  if (app.confirm_disconnect == p) {
    ui::SayText("connections.confirm." + p, T("connections.confirm_disconnect", {{"platform", name}}));
    if (ui::ButtonText("connections.confirm_yes." + p, T("connections.confirm_yes"))) {
      app.confirm_disconnect.clear();
      app.connections.disconnect(app.api, p);
    }
    ImGui::SameLine();
    if (ui::ButtonText("connections.confirm_no." + p, T("action.cancel"))) app.confirm_disconnect.clear();
  }
}

}  // namespace

void connections_screen(OrganizerApp& app) {
  const float scale = ImGui::GetFontSize() / 16.f;
  ui::BeginPage("connections", 760 * scale);
  if (ui::Button("nav.back")) app.screen = app.giveaway.giveaway_id.empty() || app.giveaway.step != 1 ? Screen::home : Screen::editor;
  ui::Heading("connections.title");
  ui::Say("connections.explain");
  if (!app.connections.message().empty()) ui::SayText("connections.message", app.connections.message());
  if (!app.connections.error().empty()) ui::Error("connections.error", app.connections.error());
  if (!app.connections.loaded()) ui::Say("app.loading");
  for (const auto& r : app.connections.rows()) platform_row(app, r);
  ImGui::Separator();
  if (ui::Button("connections.refresh")) app.connections.load(app.api);
  ui::EndPage();
}

}  // namespace tirage::app
