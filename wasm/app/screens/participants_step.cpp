// Participants: pasted or typed list, CSV or Excel file; a preview of what
// was read, the column choices for tables, and every line that could not be
// read with its line and column. Long lists show progress and can be cancelled.
#include <imgui.h>

#include <algorithm>

#include "wasm/app/browser/bridge.hpp"
#include "wasm/app/organizer_app.hpp"
#include "wasm/app/ui/widgets.hpp"

namespace tirage::app {

namespace {

constexpr const char* kPlatforms[] = {"list", "instagram", "facebook", "x", "youtube", "tiktok"};

bool looks_like_xlsx(const std::string& name, const std::string& bytes) {
  auto ends_with = [&](const char* ext) {
    std::string lower = name;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string e = ext;
    return lower.size() >= e.size() && lower.compare(lower.size() - e.size(), e.size(), e) == 0;
  };
  return ends_with(".xlsx") || (bytes.size() > 4 && bytes.compare(0, 4, "PK\x03\x04") == 0);
}

const char* stage_key(ParticipantsPipeline::Stage s) {
  using S = ParticipantsPipeline::Stage;
  switch (s) {
    case S::reading: return "list.stage.reading";
    case S::filtering: return "list.stage.filtering";
    case S::listing: return "list.stage.listing";
    case S::hashing: return "list.stage.hashing";
    default: return "list.stage.done";
  }
}

void column_choices(OrganizerApp& app) {
  const Table& t = app.pipeline.table();
  if (t.columns.empty() && t.rows.empty()) return;
  std::vector<std::string> names{T("list.column.none")};
  const std::size_t ncols = !t.columns.empty() ? t.columns.size() : (t.rows.empty() ? 0 : t.rows[0].size());
  for (std::size_t i = 0; i < ncols; ++i)
    names.push_back(i < t.columns.size() && !t.columns[i].empty() ? t.columns[i] : T("list.column.n", {{"n", std::to_string(i + 1)}}));
  const ColumnMap& m = app.pipeline.columns();
  struct Field { const char* key; const char* json; std::optional<std::size_t> current; };
  Field fields[] = {{"list.column.handle", "handle", m.handle},
                    {"list.column.user_id", "user_id", m.user_id},
                    {"list.column.text", "text", m.text},
                    {"list.column.time", "time", m.time}};
  bool changed = false;
  for (auto& f : fields) {
    int choice = f.current ? static_cast<int>(*f.current) + 1 : 0;
    if (ui::Combo(f.key, choice, names)) {
      app.giveaway.columns[f.json] = choice - 1;
      changed = true;
    }
  }
  if (changed) {
    app.pipeline.start(app.giveaway.source, app.source_bytes, app.giveaway.platform, app.giveaway.columns, app.giveaway.filters,
                       static_cast<std::int64_t>(app.now()));
    app.save_soon();
  }
}

void preview(OrganizerApp& app) {
  const auto& comments = app.pipeline.comments();
  if (comments.empty()) return;
  ui::SayText("list.read_count", TP("list.read_count", comments.size()));
  const float h = ImGui::GetTextLineHeightWithSpacing() * 9;
  if (ImGui::BeginTable("preview", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH, ImVec2(0, h))) {
    ImGui::TableSetupColumn(T("list.preview.line").c_str(), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4);
    ImGui::TableSetupColumn(T("list.preview.handle").c_str());
    ImGui::TableSetupColumn(T("list.preview.text").c_str());
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(std::min<std::size_t>(comments.size(), 1000)));
    while (clip.Step())
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%d", i + 1);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(comments[i].handle.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(comments[i].text.substr(0, 200).c_str());
      }
    ImGui::EndTable();
  }
}

void issues(OrganizerApp& app) {
  const auto& list = app.pipeline.issues();
  if (list.empty()) return;
  ui::Error("list.issues", TP("list.issues", list.size()));
  const std::size_t shown = std::min<std::size_t>(list.size(), 20);
  for (std::size_t i = 0; i < shown; ++i) {
    const ImportIssue& is = list[i];
    const std::string where = is.column > 0 ? T("list.issue.at", {{"line", N(is.line)}, {"column", N(is.column)}})
                                            : T("list.issue.at_line", {{"line", N(is.line)}});
    ui::SayText("list.issue." + std::to_string(i), where + " " + is.message);
  }
  if (list.size() > shown) ui::SayText("list.issues.more", TP("list.issues.more", list.size() - shown));
}

void list_source(OrganizerApp& app);
void pipeline_view(OrganizerApp& app);

}  // namespace

void participants_step(OrganizerApp& app) {
  ui::Heading("list.title");
  int mode = app.post_form.active ? 1 : 0;
  if (ui::Choice("list.mode", mode, {T("list.mode.list"), T("list.mode.post")})) app.post_form.active = mode == 1;
  if (app.post_form.active) post_import_panel(app);
  else list_source(app);
  pipeline_view(app);
}

namespace {

void list_source(OrganizerApp& app) {
  int platform = 0;
  for (int i = 0; i < 6; ++i)
    if (app.giveaway.platform == kPlatforms[i]) platform = i;
  std::vector<std::string> platform_names;
  for (const char* p : kPlatforms) platform_names.push_back(T(std::string("platform.") + p));
  if (ui::Combo("list.platform", platform, platform_names)) {
    app.giveaway.platform = kPlatforms[platform];
    if (app.giveaway.source != SourceKind::none) app.set_source(app.giveaway.source, app.giveaway.source_name, app.source_bytes);
    app.save_soon();
  }

  ui::Multiline("list.paste", app.paste_text, 5);
  if (ui::Button("list.use_pasted")) app.offer_source(SourceKind::text, T("list.pasted_name"), app.paste_text);
  ImGui::SameLine();
  if (ui::Button("list.import_file")) {
    pick_file(".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              [&app](std::string name, std::string bytes) {
                const SourceKind kind = looks_like_xlsx(name, bytes) ? SourceKind::xlsx : SourceKind::csv;
                app.offer_source(kind, std::move(name), std::move(bytes));
              });
  }
  if (app.pending_source) {
    ui::Say("list.replace.confirm", {{"name", app.giveaway.source_name}, {"new", app.pending_source->name}});
    if (ui::Button("list.replace.yes")) {
      PendingSource next = std::move(*app.pending_source);
      app.pending_source.reset();
      app.set_source(next.kind, std::move(next.name), std::move(next.bytes));
    }
    ImGui::SameLine();
    if (ui::Button("action.cancel")) app.pending_source.reset();
  }
  ui::Say("list.file_note");
}

void pipeline_view(OrganizerApp& app) {
  const auto& p = app.pipeline;
  if (app.giveaway.source != SourceKind::none)
    ui::SayText("list.source", T("list.source", {{"name", app.giveaway.source_name}, {"size", N(p.source_size())}}));
  if (p.busy()) {
    ui::Progress("list.progress", p.progress(), T(stage_key(p.stage())));
    if (ui::Button("action.cancel")) app.pipeline.cancel();
  }
  if (p.stage() == ParticipantsPipeline::Stage::cancelled) ui::Say("list.cancelled");
  if (p.stage() == ParticipantsPipeline::Stage::failed) ui::Error("list.error", T("list.error", {{"reason", p.error()}}));
  if (app.giveaway.source == SourceKind::csv || app.giveaway.source == SourceKind::xlsx) column_choices(app);
  issues(app);
  preview(app);
  if (p.stage() == ParticipantsPipeline::Stage::ready)
    ui::SayText("list.participants", TP("list.participants", p.list().entries.size()));
}

}  // namespace

}  // namespace tirage::app
