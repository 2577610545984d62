// "From a post": the participants step's platform source. The organizer
// picks a platform, pastes a post link or picks one of their recent posts
// (on Facebook, of the Page they choose when they manage several), and
// follows the server's import: pages, comments, what remains, waits the
// platform asked for, cancel and resume, and a plain list of what could not
// be fetched. On X the import can keep collecting new replies until a date:
// the panel then says when the next search is, and stopping keeps what came.
// The comments then go through the same filters as any list.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>

#include "shared/core/percent_encoding.hpp"
#include "wasm/app/browser/bridge.hpp"
#include "wasm/app/model/collection.hpp"
#include "wasm/app/organizer_app.hpp"
#include "wasm/app/ui/widgets.hpp"

namespace tirage::app {

namespace {

std::string platform_of(const OrganizerApp& app) { return post_platforms()[static_cast<std::size_t>(app.post_form.platform)]; }

// j[key], or null when j is not an object or lacks it: server answers are read without throwing.
const Json& member(const Json& j, const char* key) {
  static const Json null;
  if (!j.is_object()) return null;
  auto it = j.find(key);
  return it == j.end() ? null : *it;
}

const Json& list_of(const Json& j, const char* key) {
  static const Json empty = Json::array();
  const Json& m = member(j, key);
  return m.is_array() ? m : empty;
}

std::uint64_t count(const Json& j, const char* key) {
  if (!j.is_object()) return 0;
  auto it = j.find(key);
  return it != j.end() && it->is_number_unsigned() ? it->get<std::uint64_t>()
         : it != j.end() && it->is_number_integer() ? static_cast<std::uint64_t>(std::max<std::int64_t>(0, it->get<std::int64_t>()))
                                                     : 0;
}

// The connection line of the chosen platform, with Connect when it is missing.
void connection_line(OrganizerApp& app, const std::string& platform) {
  const PlatformRow* row = app.connections.find(platform);
  const std::string name = T("platform." + platform);
  if (row && row->connected) {
    ui::SayText("post.connected", T("post.connected", {{"platform", name}, {"name", row->account_name}}));
    return;
  }
  ui::SayText("post.not_connected", T("post.not_connected", {{"platform", name}}));
  if (row && row->configured && ui::ButtonText("post.connect", T("connections.connect", {{"platform", name}})))
    app.leave_for(row->connect_url, "editor");
}

// A query string from name/value pairs (empty values left out), values percent-encoded (cursors are opaque).
std::string query(std::initializer_list<std::pair<const char*, std::string>> params) {
  std::string out;
  for (const auto& [name, value] : params)
    if (!value.empty()) out += (out.empty() ? "?" : "&") + std::string(name) + "=" + percent_encode(value);
  return out;
}

void load_posts(OrganizerApp& app, const std::string& cursor);

// The Facebook Pages the connected account manages, to choose whose posts the picker lists.
void load_pages(OrganizerApp& app) {
  PostForm& f = app.post_form;
  f.picker_busy = true;
  f.choosing_page = true;
  app.api.get("/api/v1/connections/facebook/pages", [&app](ApiReply r) {
    PostForm& f = app.post_form;
    f.picker_busy = false;
    if (!r.ok()) {
      f.picker_error = r.message;
      return;
    }
    f.pages = list_of(r.body, "pages");
  });
}

void choose_page(OrganizerApp& app, const std::string& id, const std::string& name) {
  PostForm& f = app.post_form;
  f.page_id = id;
  f.page_name = name;
  f.choosing_page = false;
  f.posts = Json::array();
  f.cursors.clear();
  load_posts(app, "");
}

void load_posts(OrganizerApp& app, const std::string& cursor) {
  PostForm& f = app.post_form;
  f.picker_busy = true;
  f.picker_error.clear();
  const std::string platform = platform_of(app);
  const std::string page = platform == "facebook" ? f.page_id : "";
  app.api.get("/api/v1/platforms/" + platform + "/posts" + query({{"page_id", page}, {"cursor", cursor}}), [&app, cursor](ApiReply r) {
    PostForm& f = app.post_form;
    f.picker_busy = false;
    if (!r.ok() && r.code == "choose_page") return load_pages(app);  // several Pages: which one first
    if (!r.ok()) {
      f.picker_error = r.message;
      return;
    }
    f.posts = list_of(r.body, "posts");
    f.next_cursor = text_field(r.body, "next_cursor");
    f.picker_note = text_field(r.body, "import");
    if (f.cursors.empty() || f.cursors.back() != cursor) f.cursors.push_back(cursor);
  });
}

// The Pages to choose from (names), or the Page chosen with a way to change it.
bool page_chooser(OrganizerApp& app) {
  PostForm& f = app.post_form;
  if (platform_of(app) != "facebook") return false;
  if (f.choosing_page) {
    ui::Say("post.page.choose");
    for (const auto& p : f.pages) {
      const std::string id = text_field(p, "id"), name = text_field(p, "name", id);
      if (!id.empty() && ui::ButtonText("post.page." + id, name, -1)) choose_page(app, id, name);
    }
    return true;
  }
  if (!f.page_id.empty()) {
    ui::SayText("post.page.chosen", T("post.page.chosen", {{"name", f.page_name}}));
    ImGui::SameLine();
    if (ui::Button("post.page.change")) {
      f.posts = Json::array();
      if (f.pages.empty()) load_pages(app);
      else f.choosing_page = true;
    }
  }
  return false;
}

void picker(OrganizerApp& app) {
  PostForm& f = app.post_form;
  if (f.picker_busy) ui::Say("app.loading");
  if (!f.picker_error.empty()) ui::Error("post.picker.error", f.picker_error);
  if (page_chooser(app)) return;
  if (!f.picker_note.empty()) ui::SayText("post.picker.note", f.picker_note);
  if (f.posts.empty() && !f.picker_busy && f.picker_error.empty()) ui::Say("post.picker.empty");
  // Newer / older pages above the list, in reach without scrolling.
  ImGui::BeginDisabled(f.picker_busy);
  if (f.cursors.size() > 1) {
    if (ui::Button("post.picker.previous")) {
      f.cursors.pop_back();
      const std::string back = f.cursors.back();
      f.cursors.pop_back();
      load_posts(app, back);
    }
    ImGui::SameLine();
  }
  if (!f.next_cursor.empty() && ui::Button("post.picker.next")) load_posts(app, f.next_cursor);
  ImGui::EndDisabled();
  for (const auto& p : f.posts) {
    if (!p.is_object()) continue;
    const std::string id = text_field(p, "id");
    std::string label;
    if (const Json& t = member(p, "time"); t.is_number_integer()) label = text().date(t.get<std::int64_t>(), false) + " · ";
    std::string caption = text_field(p, "text");
    if (caption.size() > 60) caption = caption.substr(0, 57) + "…";
    label += caption.empty() ? id : caption;
    if (member(p, "comment_count").is_number()) label += " · " + TP("post.picker.comments", count(p, "comment_count"));
    if (ui::ButtonText("post.pick." + id, label, -1) && platform_of(app) != "tiktok") app.start_post_import(platform_of(app), id, true);
  }
}

bool collect_option(OrganizerApp& app);

// To "A list or a file" for a platform whose comments come as an export file: the list keeps that platform.
void use_file_instead(OrganizerApp& app, const std::string& platform) {
  app.post_form.active = false;
  app.giveaway.platform = platform;
  app.save_soon();
}

void start_form(OrganizerApp& app) {
  PostForm& f = app.post_form;
  std::vector<std::string> names;
  for (const auto& p : post_platforms()) names.push_back(T("platform." + p));
  if (ui::Combo("post.platform", f.platform, names)) {
    f.picking = false;
    f.choosing_page = false;
    f.posts = Json::array();
    f.cursors.clear();
  }
  const std::string platform = platform_of(app);
  ui::SayText("post.note", T("connections.note." + platform));
  // Unlike a file, these comments pass through and stay on the server for a while: said before importing.
  ui::Say("post.privacy_note");
  if (ui::Button("post.privacy_link")) open_url("/privacy?lang=" + text().language());
  if (platform == "x") ui::Say("post.x_window");
  if (platform == "tiktok") {
    ui::Say("post.tiktok_file");
    if (ui::Button("post.use_file")) use_file_instead(app, platform);
  }
  connection_line(app, platform);
  ui::Input("post.link", f.link, ImGuiInputTextFlags_CharsNoBlank, T("post.link_hint." + platform));
  if (platform != "x") ui::Checkbox("post.include_replies", f.include_replies);  // X: the conversation has them all
  const bool collect_ok = platform != "x" || collect_option(app);
  const bool starting = app.post_import.phase() == PostImport::Phase::starting;
  ImGui::BeginDisabled(f.link.empty() || starting || !collect_ok);
  if (ui::PrimaryButton("post.start")) app.start_post_import(platform, f.link, false);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ui::Button(f.picking ? "post.picker.close" : "post.picker.open")) {
    f.picking = !f.picking;
    f.cursors.clear();
    if (f.picking) load_posts(app, "");
  }
  if (app.post_import.phase() == PostImport::Phase::failed && app.post_import.id().empty()) {
    ui::Error("post.start_error", app.post_import.error());
    if (needs_reconnect(app.post_import.error_code())) ui::Say("post.reconnect_hint");
    if (app.post_import.error_code() == "not_available") {
      ui::Say("post.tiktok_file");
      if (ui::Button("post.use_file")) use_file_instead(app, platform);
    }
  }
  if (f.picking) picker(app);
}

// The local time of t and the same in UTC, as the collection lines show it.
TextVars when(std::int64_t t) {
  return {{"date", text().date(t, false)}, {"local", local_minute(t, browser_tz_offset(t))}};
}

// X: "Keep collecting new replies until [date]"; false while the date typed cannot be used (said why).
bool collect_option(OrganizerApp& app) {
  PostForm& f = app.post_form;
  const std::int64_t now = static_cast<std::int64_t>(app.now());
  if (ui::Checkbox("post.collect", f.collect) && f.collect && f.collect_until.empty())
    f.collect_until = local_minute(now + kDefaultCollectS, browser_tz_offset(now + kDefaultCollectS));
  if (!f.collect) return true;
  ui::Input("post.collect_until", f.collect_until, 0, "2026-12-24 18:00");
  const CollectUntil c = parse_collect_until(f.collect_until, now, timezone_offset_minutes(static_cast<double>(now)));
  if (!c.at) {
    ui::Error("post.collect.error", T(collect_problem_key(c.problem), when(now + kMaxCollectAheadS)));
    return false;
  }
  ui::SayText("post.collect_note", T("post.collect_note", when(*c.at)));
  return true;
}

// The collection of an X import over time: until when, how many so far, the next search, and how to stop.
void collection_view(OrganizerApp& app, const std::string& state, std::uint64_t comments) {
  PostImport& im = app.post_import;
  const Json& info = im.info();
  const Json& until = member(info, "collect_until");
  if (!until.is_number_integer()) return;
  TextVars vars = when(until.get<std::int64_t>());
  vars["n"] = N(comments);
  if (state == "watching") {
    ui::SayText("post.watching", TP("post.watching", comments, vars));
    if (const Json& next = member(info, "next_collection_at"); next.is_number_integer())
      ui::SayText("post.next_pass", T("post.next_pass", when(next.get<std::int64_t>())));
    if (const Json& last = member(info, "last_collected_at"); last.is_number_integer())
      ui::SayText("post.last_pass", T("post.last_pass", when(last.get<std::int64_t>())));
  } else if (state == "running") {
    ui::SayText("post.collect_running", T("post.collect_running", vars));
  } else if (state == "done") {
    ui::SayText("post.collect_done", TP("post.collect_done", comments, vars));
  } else if (state == "cancelled") {
    if (app.list_frozen()) ui::Say("post.collect_frozen");
    else ui::SayText("post.collect_stopped", TP("post.collect_stopped", comments, vars));
  }
  if (state == "watching" || state == "running") {
    if (app.list_frozen()) ui::Say("post.collect_frozen");
    if (ui::Button("post.stop_collecting")) im.cancel(app.api);
    ui::Say("post.stop_note");
  }
}

// A list of {code, count, message} from the import, one line each.
void gap_list(const char* key, const Json& list) {
  std::size_t i = 0;
  for (const auto& g : list) {
    if (!g.is_object()) continue;
    const std::string line = T("post.gap", {{"n", N(count(g, "count"))}, {"message", text_field(g, "message", text_field(g, "code"))}});
    ui::SayText(std::string(key) + "." + std::to_string(i++), line);
  }
}

void import_view(OrganizerApp& app) {
  PostImport& im = app.post_import;
  const Json& info = im.info();
  const std::string state = im.state(), platform = text_field(info, "platform", platform_of(app));
  const Json& progress = member(info, "progress");
  const std::uint64_t comments = count(progress, "comments"), pages = count(progress, "pages");
  ui::Heading("post.import_title", {{"platform", T("platform." + platform)}});
  ui::SayText("post.import_post", T("post.import_post", {{"post", text_field(info, "post_id")}}));
  if (state.empty()) ui::Say("app.loading");

  const std::string counts = TP("post.progress.comments", comments) + " · " + TP("post.progress.pages", pages);
  if (state == "running") {
    const std::uint64_t expected = count(progress, "expected_total");
    const float fraction = expected > 0 ? std::min(1.f, static_cast<float>(comments) / static_cast<float>(expected)) : 0.f;
    ui::Progress("post.progress", fraction, counts);
    if (!member(progress, "estimated_remaining_comments").is_null())
      ui::SayText("post.remaining", T("post.remaining", {{"comments", N(count(progress, "estimated_remaining_comments"))},
                                                         {"seconds", N(count(progress, "estimated_remaining_seconds"))}}));
    else if (expected == 0) ui::Say("post.remaining_unknown");
    if (const Json& until = member(info, "waiting_until_ms"); until.is_number()) {
      const double left = until.get<double>() / 1000.0 - app.now();
      if (left > 0) ui::SayText("post.waiting", T("post.waiting", {{"seconds", N(static_cast<std::uint64_t>(std::ceil(left)))}}));
    }
    if (!member(info, "collect_until").is_number_integer() && ui::Button("post.cancel")) im.cancel(app.api);
  } else if (!state.empty()) {
    ui::SayText("post.counts", counts);
  }
  if (platform == "x") collection_view(app, state, comments);

  const Json& error = member(info, "error");
  const std::string code = text_field(error, "code");
  if (state == "done") {
    if (im.phase() == PostImport::Phase::fetching) ui::Progress("post.fetching", im.total() ? float(im.fetched()) / float(im.total()) : 0.f,
                                                                T("post.fetching"));
    else if (app.giveaway.imported_from == im.id()) ui::Say("post.used");
  } else if (state == "stopped") {
    ui::Error("post.stopped", T("post.stopped", {{"reason", text_field(error, "message", code)}}));
    if (needs_reconnect(code)) {
      ui::Say("post.reconnect_hint");
      const PlatformRow* row = app.connections.find(platform);
      if (row && row->configured &&
          ui::ButtonText("post.reconnect", T(row->connected ? "connections.reconnect" : "connections.connect",
                                             {{"platform", T("platform." + platform)}})))
        app.leave_for(row->connect_url, "editor");
    }
    if (ui::PrimaryButton("post.resume")) im.resume(app.api);
    ImGui::SameLine();
    if (ui::Button("post.cancel")) im.cancel(app.api);
  } else if (state == "failed") {
    ui::Error("post.failed", T("post.failed", {{"reason", text_field(error, "message", code)}}));
  } else if (state == "cancelled" && !member(info, "collect_until").is_number_integer()) {
    ui::Say("post.cancelled");
  }
  // An X collection stopped after a complete search is not a broken import: what it holds is whole up to then.
  const Json& last_pass = member(info, "last_collected_at");
  const bool collection_ended = state == "cancelled" && member(info, "collect_until").is_number_integer() && last_pass.is_number_integer();
  if ((state == "stopped" || state == "cancelled") && comments > 0) {
    if (im.phase() == PostImport::Phase::fetching) ui::Progress("post.fetching", im.total() ? float(im.fetched()) / float(im.total()) : 0.f,
                                                                T("post.fetching"));
    else if (app.giveaway.imported_from == im.id() && collection_ended) ui::SayText("post.collect_since", T("post.collect_since", when(last_pass.get<std::int64_t>())));
    else if (app.giveaway.imported_from == im.id()) ui::Say("post.partial_used");
    else if (ui::Button("post.use_partial", {{"n", N(comments)}})) im.fetch_comments(app.api);
  }
  if (!im.error().empty()) ui::Error("post.request_error", im.error());

  // What is missing, always said; an empty list is not a promise.
  ui::Heading("post.problems_title");
  const Json& problems = list_of(info, "problems");
  const bool ended_early = (state == "stopped" || state == "cancelled" || state == "failed") && !collection_ended;
  if (ended_early) ui::Error("post.problems_incomplete", T("post.problems_incomplete"));
  else if (problems.empty()) ui::Say(state == "running" ? "post.problems_none_yet" : "post.problems_none");
  gap_list("post.problem", problems);
  const Json& notes = list_of(info, "notes");
  if (!notes.empty()) {
    ui::Heading("post.notes_title");
    gap_list("post.note_item", notes);
  }
  if (platform == "x") {
    ui::Say("post.x_window");
    if (state == "done" && ui::Button("post.import_again")) app.start_post_import("x", text_field(info, "post_id"), true);
  }
  if (state != "running" && state != "stopped" && state != "watching" && ui::Button("post.new")) {
    app.post_form.show_form = true;
    app.post_form.picking = false;
  }
}

}  // namespace

void post_import_panel(OrganizerApp& app) {
  const bool has_import = !app.post_import.id().empty();
  if (!app.connections.loaded() && app.connections.error().empty()) {
    static bool asked = false;  // once per page: Connections refreshes it after that
    if (!asked) app.connections.load(app.api);
    asked = true;
  }
  if (!has_import || app.post_form.show_form) {
    start_form(app);
    if (has_import && ui::Button("post.back_to_import")) app.post_form.show_form = false;
  } else {
    import_view(app);
  }
}

}  // namespace tirage::app
