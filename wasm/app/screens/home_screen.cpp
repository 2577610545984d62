// Home: this browser's giveaways (screens/giveaway_list_panel.cpp), the
// account's pages, and the history of the organizer's draws from the server.
#include <imgui.h>

#include "shared/core/time.hpp"
#include "wasm/app/browser/bridge.hpp"
#include "wasm/app/organizer_app.hpp"
#include "wasm/app/ui/widgets.hpp"

namespace tirage::app {

void home_screen(OrganizerApp& app) {
  const float scale = ImGui::GetFontSize() / 16.f;
  ui::BeginPage("home", 760 * scale);
  ui::SayText("home.signed_in", T("home.signed_in", {{"email", app.email}}));
  giveaway_list_panel(app);
  ImGui::Spacing();
  if (ui::Button("home.connections")) {
    app.connections.load(app.api);
    app.screen = Screen::connections;
  }
  ImGui::SameLine();
  if (ui::Button("home.api_keys")) {
    app.load_keys();
    app.screen = Screen::keys;
  }
  ImGui::SameLine();
  if (ui::Button("home.billing")) open_url("/billing");
  ImGui::SameLine();
  if (ui::Button("home.export")) {
    // Everything the server holds about the organizer (the privacy page points here).
    app.api.get("/api/v1/account/export", [&app](ApiReply r) {
      if (!r.ok()) {
        app.status_error = r.message;
        return;
      }
      download("tirage-account-export.json", "application/json", r.body.dump(1));
    });
  }

  ui::Heading("home.history");
  if (app.history.empty()) ui::Say("home.history.empty");
  if (ImGui::BeginTable("history", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn(T("home.history.title").c_str(), ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableSetupColumn(T("home.history.date").c_str(), ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableSetupColumn(T("home.history.status").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableHeadersRow();
    for (const auto& d : app.history) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const std::string id = d.value("draw_id", "");
      if (ui::ButtonText("history." + id, d.value("title", id))) app.open_draw(id, d.value("title", ""));
      ImGui::TableNextColumn();
      auto when = text().date(d.value("draw_at", ""), false);
      ImGui::TextUnformatted(when ? when->c_str() : d.value("draw_at", "").c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(T(d.value("drawn", false) ? "home.history.drawn" : "home.history.pending").c_str());
    }
    ImGui::EndTable();
  }
  if (ui::Button("home.refresh")) app.load_history();
  ui::EndPage();
}

void keys_screen(OrganizerApp& app) {
  const float scale = ImGui::GetFontSize() / 16.f;
  ui::BeginPage("keys", 760 * scale);
  if (ui::Button("nav.back")) app.screen = Screen::home;
  ui::Heading("keys.title");
  ui::Say("keys.explain");
  ui::Input("keys.label", app.new_key_label);
  if (ui::PrimaryButton("keys.create")) {
    app.api.post("/api/v1/api-keys", Json{{"label", app.new_key_label}}, [&app](ApiReply r) {
      if (!r.ok()) {
        app.keys_error = r.message;
        return;
      }
      app.keys_error.clear();
      app.new_key_shown = r.body.value("key", "");
      app.new_key_label.clear();
      app.load_keys();
    });
  }
  if (!app.new_key_shown.empty()) {
    ui::Say("keys.shown_once");
    ui::SayText("keys.new_key", app.new_key_shown);
    if (ui::Button("action.copy")) copy_to_clipboard(app.new_key_shown);
  }
  if (!app.keys_error.empty()) ui::Error("keys.error", app.keys_error);
  for (const auto& k : app.api_keys) {
    const std::string id = k.value("id", "");
    const bool revoked = k.contains("revoked_at") && !k["revoked_at"].is_null();
    ImGui::Separator();
    ui::SayText("keys.item." + id, k.value("label", id) + (revoked ? "  (" + T("keys.revoked") + ")" : ""));
    if (!revoked) {
      ImGui::SameLine();
      if (ui::ButtonText("keys.revoke." + id, T("keys.revoke"))) {
        app.api.del("/api/v1/api-keys/" + id, [&app](ApiReply r) {
          if (!r.ok()) app.keys_error = r.message;
          app.load_keys();
        });
      }
    }
  }
  ui::EndPage();
}

}  // namespace tirage::app
