// OrganizerApp's frame: the work each frame does (saving, filtering, the
// list's slices, the import and the draw followed), the top bar and the
// screen shown. The rest of OrganizerApp lives by job beside it:
//
//   organizer_session.cpp     language, page address, sign-in, OAuth round trip, server lists
//   organizer_saved_work.cpp  the giveaways in the browser: restore, open, close, delete, save
//   organizer_sources.cpp     the participant source, filters, platform imports
//   organizer_results.cpp     the draw's page, verification link, certificate, CSV export
//   screens/*.cpp             one screen or editor step each
//   automation/app_state.cpp  the state browser tests read (automation build only)
#include "wasm/app/organizer_app.hpp"

#include <imgui.h>

#include "wasm/app/automation/app_state.hpp"
#include "wasm/app/automation/automation.hpp"
#include "wasm/app/browser/bridge.hpp"
#include "wasm/app/browser/work_pump.hpp"
#include "wasm/app/ui/i18n.hpp"
#include "wasm/app/ui/widgets.hpp"

namespace tirage::app {

namespace {

// Pipeline work per slice, in a frame or between two: short enough that a
// frame is never held up by much more than this.
constexpr double kFrameSliceMs = 30.0;

}  // namespace

const std::vector<std::string>& post_platforms() {
  static const std::vector<std::string> list{"instagram", "facebook", "youtube", "x", "tiktok"};
  return list;
}

double OrganizerApp::now() const { return api.now(); }

void OrganizerApp::frame(float width, float height) {
  const double t = now();
  if (save_due_ != 0 && t >= save_due_) save_now();
  if (filter_pending_ && t - last_filter_change_ > 0.25) {
    filter_pending_ = false;
    pipeline.refilter(giveaway.filters, static_cast<std::int64_t>(t));
  }
  // A slice of list work per frame, and more between frames while it lasts:
  // long enough to finish a million rows in seconds, short enough that the
  // page keeps answering (progress, cancel).
  if (pipeline.step(kFrameSliceMs)) run_between_frames([this] { return pipeline.step(kFrameSliceMs); });
  follow_import();
  follow_engagement_fetch(*this);
  if (!pending_navigation_.empty() && saved()) {
    navigate(pending_navigation_);
    pending_navigation_.clear();
  }
  if (restored_ && !return_to_.empty()) {
    if (return_to_ == "connections") screen = Screen::connections;
    else if (return_to_ == "editor" && !giveaway.giveaway_id.empty()) {
      screen = Screen::editor;
      // Connected from the post source: it shows that platform again, ready for a link.
      const auto& list = post_platforms();
      for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i] == connected_platform_) post_form.platform = static_cast<int>(i), post_form.active = true;
    }
    return_to_.clear();
  }
  draw.tick(api, pipeline, t);
  if (!draw.draw_id().empty() && giveaway.draw_id != draw.draw_id()) {
    giveaway.draw_id = draw.draw_id();  // saved at once: a reload while waiting resumes this draw
    giveaway.outcome.clear();
    save_soon();
  }
  // A final draw is said so in the list: only then may the giveaway and its list be deleted.
  const char* outcome = draw.phase() == DrawSession::Phase::published ? "published" : draw.abandoned() ? "abandoned" : "";
  if (*outcome && !giveaway.draw_id.empty() && giveaway.draw_id == draw.draw_id() && giveaway.outcome != outcome) {
    giveaway.outcome = outcome;
    save_soon();
  }

  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(width, height));
  ImGui::Begin("##tirage", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ui::TouchScroll();

  // Top bar: brand, language, account.
  ImGui::TextUnformatted("TIRAGE");
  ImGui::SameLine();
  int lang = 0;
  const auto& langs = app_languages();
  for (std::size_t i = 0; i < langs.size(); ++i)
    if (langs[i] == text().language()) lang = static_cast<int>(i);
  ImGui::SameLine(width - ImGui::GetFontSize() * (email.empty() ? 8.5f : 21.5f));
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.5f);
  std::vector<std::string> lang_names;
  for (const auto& l : langs) lang_names.push_back(T("lang." + l));
  if (ImGui::BeginCombo("##language", lang_names[lang].c_str())) {
    for (std::size_t i = 0; i < langs.size(); ++i) {
      if (ImGui::Selectable((lang_names[i] + "##lang." + langs[i]).c_str(), static_cast<int>(i) == lang)) change_language(langs[i]);
      automation::record("lang." + langs[i], lang_names[i], "option");
    }
    ImGui::EndCombo();
  }
  automation::record("language", lang_names[lang], "combo");
  if (!email.empty()) {
    ImGui::SameLine();
    if (ui::Button("nav.account")) open_account();
    ImGui::SameLine();
    if (ui::Button("nav.logout")) logout();
  }
  ImGui::Separator();
  if (!status_error.empty()) {
    ui::Error("status.error", status_error);
    ImGui::SameLine();
    if (ui::Button("action.dismiss")) status_error.clear();
  }

  switch (screen) {
    case Screen::starting: ui::Say("app.loading"); break;
    case Screen::account: account_screen(*this); break;
    case Screen::home: home_screen(*this); break;
    case Screen::keys: keys_screen(*this); break;
    case Screen::editor: editor_screen(*this); break;
    case Screen::connections: connections_screen(*this); break;
  }
  ImGui::End();

  automation::report_state(*this, t);
}

}  // namespace tirage::app
