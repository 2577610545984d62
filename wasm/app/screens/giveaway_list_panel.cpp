// Home's list of this browser's giveaways: each with its status and last
// change, opened with one click; "New giveaway" adds one and keeps the rest.
// Deleting asks first, and is refused, saying why, for a committed draw that
// is not published yet (its list is what publishes it).
#include <imgui.h>

#include "wasm/app/organizer_app.hpp"
#include "wasm/app/ui/widgets.hpp"

namespace tirage::app {

namespace {

std::string title_of(const GiveawaySummary& s) { return s.title.empty() ? T("home.untitled") : s.title; }

// The question (or the refusal) about the giveaway whose Delete was pressed.
void deletion_prompt(OrganizerApp& app) {
  const GiveawaySummary* s = find_giveaway(app.giveaways, app.confirm_delete);
  if (!s) {
    app.confirm_delete.clear();
    return;
  }
  const std::string title = title_of(*s);
  if (const std::string why = app.deletion_refused(*s); !why.empty()) {
    ui::Error("home.delete.refused", T("home.delete.refused_title", {{"title", title}}) + " " + why);
    if (ui::Button("action.dismiss")) app.confirm_delete.clear();
    return;
  }
  ui::Say(s->status == GiveawayStatus::draft ? "home.delete.confirm" : "home.delete.confirm_final", {{"title", title}});
  if (ui::Button("home.delete.yes")) {
    if (Status done = app.delete_giveaway(s->giveaway_id); !done) app.status_error = done.error().message;
    app.confirm_delete.clear();
    return;
  }
  ImGui::SameLine();
  if (ui::Button("action.cancel")) app.confirm_delete.clear();
}

}  // namespace

void giveaway_list_panel(OrganizerApp& app) {
  ui::Heading("home.giveaways");
  // Until the stored list is read, a new giveaway could not be listed beside the others.
  ImGui::BeginDisabled(!app.giveaways_loaded);
  if (ui::PrimaryButton("home.new", {}, -1)) app.new_giveaway();
  ImGui::EndDisabled();
  if (!app.giveaways_loaded) {
    ui::Say(app.giveaways_unreadable ? "home.giveaways.unreadable" : "home.giveaways.loading");
    return;
  }
  if (app.giveaways.items.empty()) {
    ui::Say("home.giveaways.empty");
    return;
  }
  if (!app.confirm_delete.empty()) deletion_prompt(app);
  if (!ImGui::BeginTable("giveaways", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn(T("home.giveaways.title").c_str(), ImGuiTableColumnFlags_WidthStretch, 3);
  ImGui::TableSetupColumn(T("home.giveaways.status").c_str(), ImGuiTableColumnFlags_WidthStretch, 2);
  ImGui::TableSetupColumn(T("home.giveaways.date").c_str(), ImGuiTableColumnFlags_WidthStretch, 2);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableHeadersRow();
  std::string open;  // acted on after the loop: opening changes the list being drawn
  for (const auto& s : app.giveaways.items) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const bool is_open = s.giveaway_id == app.giveaway.giveaway_id;
    if (ui::ButtonText("giveaway.open." + s.giveaway_id, (is_open ? "→ " : "") + title_of(s), -1)) open = s.giveaway_id;
    ImGui::TableNextColumn();
    ui::SayText("giveaway.status." + s.giveaway_id, T(std::string("home.status.") + status_name(s.status)));
    ImGui::TableNextColumn();
    ui::SayText("giveaway.date." + s.giveaway_id, s.updated_at > 0 ? text().date(s.updated_at, false) : "");
    ImGui::TableNextColumn();
    if (ui::ButtonText("giveaway.delete." + s.giveaway_id, T("home.delete"))) app.confirm_delete = s.giveaway_id;
  }
  ImGui::EndTable();
  if (!open.empty()) app.open_giveaway(open);
}

}  // namespace tirage::app
