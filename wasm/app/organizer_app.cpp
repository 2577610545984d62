#include "wasm/app/organizer_app.hpp"

#include <imgui.h>

#include <memory>
#include <random>

#include "shared/import/csv_writer.hpp"
#include "wasm/app/model/collection.hpp"
#include "wasm/app/model/imported_comments.hpp"
#include "wasm/app/automation/automation.hpp"
#include "wasm/app/browser/bridge.hpp"
#include "wasm/app/browser/work_pump.hpp"
#include "wasm/app/ui/i18n.hpp"
#include "wasm/app/ui/widgets.hpp"

namespace tirage::app {

namespace {

constexpr const char* kLanguageKey = "settings.language";
constexpr const char* kReturnKey = "tirage.return";  // sessionStorage: where to go back after an OAuth round trip
// Pipeline work per slice, in a frame or between two: short enough that a
// frame is never held up by much more than this.
constexpr double kFrameSliceMs = 30.0;

std::string random_bytes(std::size_t n) {
  std::random_device rd;  // the browser's crypto.getRandomValues under Emscripten
  std::string out(n, '\0');
  for (auto& c : out) c = static_cast<char>(rd() & 0xff);
  return out;
}

const char* screen_name(Screen s) {
  switch (s) {
    case Screen::starting: return "starting";
    case Screen::account: return "account";
    case Screen::home: return "home";
    case Screen::editor: return "editor";
    case Screen::keys: return "keys";
    case Screen::connections: return "connections";
  }
  return "?";
}

const char* stage_name(ParticipantsPipeline::Stage s) {
  using S = ParticipantsPipeline::Stage;
  switch (s) {
    case S::idle: return "idle";
    case S::reading: return "reading";
    case S::filtering: return "filtering";
    case S::listing: return "listing";
    case S::hashing: return "hashing";
    case S::ready: return "ready";
    case S::failed: return "failed";
    case S::cancelled: return "cancelled";
  }
  return "?";
}

const char* phase_name(DrawSession::Phase p) {
  using P = DrawSession::Phase;
  switch (p) {
    case P::idle: return "idle";
    case P::committing: return "committing";
    case P::uploading: return "uploading";
    case P::waiting: return "waiting";
    case P::selecting: return "selecting";
    case P::drawn: return "drawn";
    case P::publishing: return "publishing";
    case P::published: return "published";
    case P::failed: return "failed";
  }
  return "?";
}

}  // namespace

const std::vector<std::string>& post_platforms() {
  static const std::vector<std::string> list{"instagram", "facebook", "youtube", "x", "tiktok"};
  return list;
}

double OrganizerApp::now() const { return now_seconds(); }

void OrganizerApp::change_language(const std::string& lang) {
  set_language(lang);
  set_document_language(lang, T("app.title"));
  store_put(kLanguageKey, lang);
}

void OrganizerApp::start() {
  set_language(pick_language(browser_languages()));
  set_document_language(text().language(), T("app.title"));
  store_get(kLanguageKey, [this](bool found, std::string lang) {
    if (found) change_language(lang);
  });
  api.get("/healthz", [this](ApiReply r) {
    if (r.ok()) drand_available = r.body.value("drand", false);
  });

  // Links from mails land here: #verify=<token> or #reset=<token>.
  const std::string hash = location_hash();
  if (hash.rfind("verify=", 0) == 0) {
    clear_location_hash();
    account.busy = true;
    api.post("/api/v1/accounts/verify", Json{{"token", hash.substr(7)}}, [this](ApiReply r) {
      account.busy = false;
      if (r.ok()) account.message = T("account.verified");
      else account.error = r.message;
    });
  } else if (hash.rfind("reset=", 0) == 0) {
    clear_location_hash();
    account.mode = AccountMode::reset;
    account.token = hash.substr(6);
  }

  // Back from an OAuth connection: /app?connected={platform}.
  if (const std::string connected = query_param("connected"); !connected.empty()) {
    connected_platform_ = connected;
    connections.set_message(T("connections.connected", {{"platform", T("platform." + connected)}}));
    return_to_ = session_get(kReturnKey);
    if (return_to_.empty()) return_to_ = "connections";
    session_set(kReturnKey, "");
    clear_query();
  }

  api.get("/api/v1/me", [this](ApiReply r) {
    if (r.ok() && r.body.contains("csrf_token")) {
      after_login(r.body.value("email", ""), r.body.value("csrf_token", ""));
    } else {
      screen = Screen::account;
    }
  });
}

void OrganizerApp::after_login(const std::string& who, const std::string& csrf) {
  email = who;
  api.set_csrf(csrf);
  account = AccountForm();
  screen = Screen::home;
  load_history();
  load_billing();
  connections.load(api);
  restore_saved_work();
}

void OrganizerApp::logout() {
  api.post("/api/v1/accounts/logout", Json::object(), [this](ApiReply) {
    api.set_csrf("");
    email.clear();
    screen = Screen::account;
  });
}

void OrganizerApp::open_account() {
  account.confirm_delete = false;
  account.delete_typed.clear();
  account.error.clear();
  account.message.clear();
  screen = Screen::account;
}

void OrganizerApp::load_history() {
  api.get("/api/v1/draws", [this](ApiReply r) {
    if (!r.ok()) {
      status_error = r.message;
      return;
    }
    history = r.body.value("draws", Json::array());
    // A draw published elsewhere, or abandoned once its deadline passed, reads so in the list (and may go).
    if (apply_server_statuses(giveaways, history)) save_index();
  });
}

void OrganizerApp::load_billing() {
  api.get("/api/v1/billing", [this](ApiReply r) {
    if (r.ok()) billing = std::move(r.body);
  });
}

void OrganizerApp::load_keys() {
  api.get("/api/v1/api-keys", [this](ApiReply r) {
    if (!r.ok()) {
      keys_error = r.message;
      return;
    }
    api_keys = r.body.is_array() ? r.body : r.body.value("api_keys", Json::array());
  });
}

void OrganizerApp::restore_saved_work() {
  store_get(kIndexKey, [this](bool found, std::string saved) {
    if (!found) return migrate_legacy_work();
    auto json = parse_json(saved);
    auto list = json ? giveaway_list_from_json(*json) : Result<GiveawayList>(json.error());
    if (!list) {
      // Left as it is (giveaways_loaded stays false): an unreadable list is never written over.
      status_error = T("work.restore_failed", {{"reason", list.error().message}});
      giveaways_unreadable = true;
      restored_ = true;
      return;
    }
    giveaways = std::move(*list);
    giveaways_loaded = true;
    apply_server_statuses(giveaways, history);
    // The giveaway open before the reload opens again, as it did when there was only one.
    if (find_giveaway(giveaways, giveaways.current)) load_giveaway(giveaways.current);
    else restored_ = true;
  });
}

// A browser of the app before the list: its one giveaway and source become the list's first entry, under
// their new keys; the old keys go only once the new ones and the list are stored.
void OrganizerApp::migrate_legacy_work() {
  store_get(kLegacyGiveawayKey, [this](bool found, std::string saved) {
    if (!found) {
      giveaways_loaded = true;
      restored_ = true;
      return;
    }
    auto m = migrate_legacy(saved, make_giveaway_id(random_bytes(13)), static_cast<std::int64_t>(now()));
    if (!m) {
      // The old keys stay as they are; the list starts empty beside them.
      status_error = T("work.restore_failed", {{"reason", m.error().message}});
      giveaways_loaded = true;
      restored_ = true;
      return;
    }
    store_get(kLegacySourceKey, [this, work = std::move(*m)](bool has_source, std::string bytes) {
      // saved() holds until the old keys are gone too: a reload in between finds the list, never both.
      auto left = std::make_shared<int>(has_source ? 3 : 2);
      auto all_ok = std::make_shared<bool>(true);
      auto stored = [this, left, all_ok, done = tracked_write()](bool ok) {
        *all_ok = *all_ok && ok;
        if (--*left > 0) return;
        if (*all_ok) {
          store_delete(kLegacyGiveawayKey, tracked_write());
          store_delete(kLegacySourceKey, tracked_write());
        }
        done(*all_ok);
      };
      const std::string id = work.giveaway.giveaway_id;
      store_put(giveaway_key(id), giveaway_to_json(work.giveaway).dump(), stored);
      if (has_source) store_put(source_key(id), bytes, stored);
      giveaways = work.list;
      giveaways_loaded = true;
      store_put(kIndexKey, giveaway_list_to_json(giveaways).dump(), stored);
      show_giveaway(work.giveaway, has_source, std::move(bytes));
    });
  });
}

void OrganizerApp::load_giveaway(const std::string& giveaway_id) {
  const int generation = ++open_generation_;
  restored_ = false;
  store_get(giveaway_key(giveaway_id), [this, generation, giveaway_id](bool found, std::string saved) {
    if (generation != open_generation_) return;  // another giveaway was opened meanwhile
    auto json = found ? parse_json(saved) : Result<Json>(make_error("not_found", "nothing is stored for " + giveaway_id));
    auto g = json ? giveaway_from_json(*json) : Result<Giveaway>(json.error());
    if (!g) {
      status_error = T("work.restore_failed", {{"reason", g.error().message}});
      restored_ = true;
      return;
    }
    store_get(source_key(giveaway_id), [this, generation, g = std::move(*g)](bool has_source, std::string bytes) {
      if (generation != open_generation_) return;
      show_giveaway(g, has_source, std::move(bytes));
    });
  });
}

void OrganizerApp::show_giveaway(Giveaway g, bool has_source, std::string bytes) {
  close_giveaway();
  giveaway = std::move(g);
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
  };
  filter_form.hashtags = join(giveaway.filters.required_hashtags);
  filter_form.excluded = join(giveaway.filters.excluded_accounts);
  filter_form.keywords = join(giveaway.filters.required_keywords);
  if (has_source && giveaway.source != SourceKind::none) {
    source_bytes = std::move(bytes);
    if (giveaway.source == SourceKind::text) paste_text = source_bytes;
    pipeline.start(giveaway.source, source_bytes, giveaway.platform, giveaway.columns, giveaway.filters,
                   static_cast<std::int64_t>(now()));
  }
  if (!giveaway.draw_id.empty()) draw.resume(api, giveaway.draw_id, pipeline);
  // The import shown before the reload is shown again, running or not.
  if (!giveaway.import_id.empty()) post_import.attach(api, giveaway.import_id);
  post_form.active = giveaway.source == SourceKind::post || !giveaway.import_id.empty();
  if (giveaways.current != giveaway.giveaway_id) {
    giveaways.current = giveaway.giveaway_id;
    save_index();
  }
  screen = Screen::editor;
  restored_ = true;
}

void OrganizerApp::close_giveaway() {
  if (!giveaway.giveaway_id.empty() && (save_due_ != 0 || source_dirty_)) save_now();
  giveaway = Giveaway();
  source_bytes.clear();
  source_dirty_ = false;
  save_due_ = 0;
  paste_text.clear();
  filter_form = FilterForm();
  filter_pending_ = false;
  schedule_text.clear();
  pipeline = ParticipantsPipeline();
  draw.reset();
  animation.clear();
  post_import.reset();
  post_form = PostForm();
  engagement_fetch.reset();
  collection_stopped_for_.clear();
  confirm_delete.clear();
  pending_source.reset();
}

void OrganizerApp::new_giveaway() {
  ++open_generation_;  // a giveaway still loading does not replace this one
  close_giveaway();
  giveaway.giveaway_id = make_giveaway_id(random_bytes(13));
  giveaway.local_beacon = !drand_available;
  screen = Screen::editor;
  save_now();  // listed at once, beside the others
}

void OrganizerApp::open_giveaway(const std::string& giveaway_id) {
  if (giveaway_id == giveaway.giveaway_id) {
    screen = Screen::editor;
    return;
  }
  if (!find_giveaway(giveaways, giveaway_id)) return;
  // Its last changes are stored before it goes; the browser store keeps requests in order, so they land first.
  if (!giveaway.giveaway_id.empty() && (save_due_ != 0 || source_dirty_)) save_now();
  load_giveaway(giveaway_id);
}

std::string OrganizerApp::deletion_refused(const GiveawaySummary& s) const {
  GiveawaySummary as_of_now = s;
  if (s.giveaway_id == giveaway.giveaway_id) {
    // Committing right now: the draw id is on its way, the list is already what it commits.
    if (giveaway.draw_id.empty() && list_frozen()) return T("home.delete.refused");
    // The open one's draw may have moved on since it was last saved.
    GiveawayList one{{s}, ""};
    note_giveaway(one, giveaway, s.updated_at);
    as_of_now = one.items.front();
  }
  return may_delete(as_of_now) ? std::string() : T("home.delete.refused");
}

Status OrganizerApp::delete_giveaway(const std::string& which) {
  const std::string giveaway_id = which;  // a copy: `which` may be the list entry this erases
  const GiveawaySummary* s = find_giveaway(giveaways, giveaway_id);
  if (!s) return make_error("unknown_giveaway", "no giveaway " + giveaway_id + " in this browser");
  if (const std::string why = deletion_refused(*s); !why.empty()) return make_error("draw_unpublished", why);
  if (giveaway_id == giveaway.giveaway_id) note_giveaway(giveaways, giveaway, static_cast<std::int64_t>(now()));
  TIRAGE_TRY(remove_giveaway(giveaways, giveaway_id));
  if (giveaway_id == giveaway.giveaway_id) {
    ++open_generation_;
    save_due_ = 0;  // nothing of it is written again
    source_dirty_ = false;
    close_giveaway();
  }
  confirm_delete.clear();
  // The list first: should the browser stop in between, what is left is data no entry names, never an entry without data.
  save_index();
  store_delete(giveaway_key(giveaway_id), tracked_write());
  store_delete(source_key(giveaway_id), tracked_write());
  return {};
}

void OrganizerApp::open_draw(const std::string& draw_id, const std::string&) {
  open_url("/v/" + draw_id + "?lang=" + text().language());
}

void OrganizerApp::set_source(SourceKind kind, std::string name, std::string bytes) {
  giveaway.source = kind;
  giveaway.source_name = std::move(name);
  giveaway.columns = Json::object();
  source_bytes = std::move(bytes);
  source_dirty_ = true;
  sync_engagement(giveaway);  // a list of another post no longer applies
  pipeline.start(kind, source_bytes, giveaway.platform, giveaway.columns, giveaway.filters, static_cast<std::int64_t>(now()));
  save_soon();
}

void OrganizerApp::offer_source(SourceKind kind, std::string name, std::string bytes) {
  // A pasted list is edited in its box in plain sight; a file's or a post's list read well is not: replacing it
  // deletes it from this browser, so that asks first.
  const bool would_lose = pipeline.stage() == ParticipantsPipeline::Stage::ready && !source_bytes.empty() &&
                          (giveaway.source == SourceKind::csv || giveaway.source == SourceKind::xlsx || giveaway.source == SourceKind::post);
  if (would_lose) {
    pending_source = PendingSource{kind, std::move(name), std::move(bytes)};
    return;
  }
  pending_source.reset();
  set_source(kind, std::move(name), std::move(bytes));
}

void OrganizerApp::rules_changed() {
  last_filter_change_ = now();
  filter_pending_ = true;
  save_soon();
}

void OrganizerApp::save_soon() {
  if (save_due_ == 0) save_due_ = now() + 0.4;
}

void OrganizerApp::save_now() {
  save_due_ = 0;
  if (giveaway.giveaway_id.empty()) return;
  store_put(giveaway_key(giveaway.giveaway_id), giveaway_to_json(giveaway).dump(), tracked_write());
  if (source_dirty_) {
    source_dirty_ = false;
    store_put(source_key(giveaway.giveaway_id), source_bytes, tracked_write());
  }
  note_giveaway(giveaways, giveaway, static_cast<std::int64_t>(now()));
  giveaways.current = giveaway.giveaway_id;
  save_index();
}

void OrganizerApp::save_index() {
  if (!giveaways_loaded) return;  // the stored list is not read yet (or unreadable): never written over
  store_put(kIndexKey, giveaway_list_to_json(giveaways).dump(), tracked_write());
}

std::function<void(bool)> OrganizerApp::tracked_write() {
  ++pending_puts_;
  return [this](bool ok) {
    --pending_puts_;
    if (!ok) status_error = T("work.save_failed");
  };
}

void OrganizerApp::leave_for(const std::string& url, const std::string& return_to) {
  session_set(kReturnKey, return_to);
  save_now();
  pending_navigation_ = url;  // once IndexedDB has everything (frame() checks)
}

void OrganizerApp::start_post_import(const std::string& platform, const std::string& post, bool is_id) {
  post_form.show_form = false;
  post_form.picking = false;
  std::optional<std::int64_t> until;
  if (platform == "x" && post_form.collect) {
    const double t = now();
    const CollectUntil c = parse_collect_until(post_form.collect_until, static_cast<std::int64_t>(t), timezone_offset_minutes(t));
    if (!c.at) return;  // the form says why (and keeps its Start disabled)
    until = c.at;
  }
  post_import.start(api, platform, post, is_id, post_form.include_replies, until);
}

bool OrganizerApp::list_frozen() const {
  using Phase = DrawSession::Phase;
  return !giveaway.draw_id.empty() || !draw.draw_id().empty() || (draw.phase() != Phase::idle && draw.phase() != Phase::failed);
}

void OrganizerApp::use_imported_comments() {
  const Json& info = post_import.info();
  const std::string platform = text_field(info, "platform", "list"), post = text_field(info, "post_id");
  const bool newer_only = post_import.fetched_from() > 0;
  std::string lines = post_import.take_comments();
  // The replies a watching import found since the last read join those already in the list; and X's search
  // reaches back 7 days only: importing the same post again adds the new replies to the old ones.
  if (newer_only || (giveaway.source == SourceKind::post && giveaway.platform == "x" && platform == "x" &&
                     giveaway.imported_post == post && giveaway.imported_from != post_import.id()))
    lines = merge_comment_lines(source_bytes, lines);
  giveaway.platform = platform;
  giveaway.imported_from = post_import.id();
  giveaway.imported_count = static_cast<std::int64_t>(post_import.fetched());
  giveaway.imported_post = post;
  set_source(SourceKind::post, T("post.source_name", {{"platform", T("platform." + platform)}, {"post", post}}), std::move(lines));
}

void OrganizerApp::follow_import() {
  post_import.tick(api, now());
  if (!post_import.id().empty() && giveaway.import_id != post_import.id()) {
    giveaway.import_id = post_import.id();
    save_soon();
  }
  // A committed list takes no more replies: collecting for it would only spend the organizer's X quota.
  const std::string state = post_import.state();
  if ((!giveaway.draw_id.empty() || !draw.draw_id().empty()) && giveaway.imported_from == post_import.id() &&
      (state == "watching" || state == "running") && post_import.info().contains("collect_until") &&
      post_import.info()["collect_until"].is_number_integer() && collection_stopped_for_ != post_import.id()) {
    collection_stopped_for_ = post_import.id();
    post_import.cancel(api);
  }
  // Back in view: a watching import may have found new replies meanwhile.
  if (take_page_shown()) post_import.poll_soon();
  // A finished import's comments go into the pipeline once (not again after a reload: they are saved); a watching
  // one's as each pass brings new ones, until the list is committed (collection/comments_to_fetch).
  if (post_import.phase() == PostImport::Phase::following && !post_import.fetch_waiting()) {
    const bool this_import = giveaway.imported_from == post_import.id();
    ImportSeen seen;
    seen.state = post_import.state();
    seen.comments = post_import.comments_so_far();
    seen.in_list = this_import;
    seen.set_aside = this_import && giveaway.source != SourceKind::post;
    seen.in_list_count = giveaway.imported_count;
    seen.committed = list_frozen();
    switch (comments_to_fetch(seen)) {
      case FetchPlan::all: post_import.fetch_comments(api); break;
      case FetchPlan::newer: post_import.fetch_comments(api, static_cast<std::size_t>(giveaway.imported_count)); break;
      case FetchPlan::none: break;
    }
  }
  if (post_import.phase() == PostImport::Phase::fetched && !list_frozen()) use_imported_comments();
}

std::string OrganizerApp::verify_url() const { return page_origin() + "/v/" + draw.draw_id(); }

std::string OrganizerApp::certificate_url() const {
  return page_origin() + "/api/v1/draws/" + draw.draw_id() + "/certificate.pdf?lang=" + text().language();
}

void OrganizerApp::export_csv(bool winners_only) {
  std::vector<std::string> header{T("export.rank"), T("export.platform"), T("export.id"), T("export.name")};
  std::vector<std::vector<std::string>> rows;
  const auto& entries = pipeline.list().entries;
  if (winners_only) {
    std::size_t rank = 1;
    for (auto i : draw.winners()) rows.push_back({std::to_string(rank++), entries[i].platform, entries[i].id, entries[i].name});
    rank = 1;
    for (auto i : draw.alternates())
      rows.push_back({T("export.alternate", {{"n", std::to_string(rank++)}}), entries[i].platform, entries[i].id, entries[i].name});
  } else {
    header[0] = T("export.index");
    for (std::size_t i = 0; i < entries.size(); ++i)
      rows.push_back({std::to_string(i), entries[i].platform, entries[i].id, entries[i].name});
  }
  const std::string name = (winners_only ? "winners-" : "participants-") + (draw.draw_id().empty() ? giveaway.giveaway_id : draw.draw_id()) + ".csv";
  download(name, "text/csv;charset=utf-8", write_csv(header, rows));
}

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

  automation::set_state(Json{{"screen", screen_name(screen)},
                             {"language", text().language()},
                             {"step", giveaway.step},
                             {"pipeline", stage_name(pipeline.stage())},
                             {"pipeline_error", pipeline.error()},
                             {"comments", pipeline.comments().size()},
                             {"participants", pipeline.list().entries.size()},
                             {"issues", pipeline.issues().size()},
                             {"draw_phase", phase_name(draw.phase())},
                             {"draw_id", draw.draw_id()},
                             {"draw_error", draw.error()},
                             {"animation_done", animation.finished(t)},
                             {"account_error", account.error},
                             {"account_message", account.message},
                             {"status_error", status_error},
                             {"saved", saved()},
                             {"giveaway_id", giveaway.giveaway_id},
                             {"giveaways", [this] {
                                Json list = Json::array();
                                for (const auto& g : giveaways.items)
                                  list.push_back(Json{{"id", g.giveaway_id}, {"title", g.title}, {"status", status_name(g.status)}});
                                return list;
                              }()},
                             {"giveaways_loaded", giveaways_loaded},
                             {"restoring", !restored_},
                             {"stage_ms", pipeline.stage_ms()},
                             {"progress", pipeline.progress()},
                             {"root", pipeline.stage() == ParticipantsPipeline::Stage::ready ? to_hex(pipeline.tree().root()) : ""},
                             {"import_id", post_import.id()},
                             {"import_state", post_import.state()},
                             {"import_comments", post_import.comments_so_far()},
                             {"import_fetched", post_import.fetched()},
                             {"import_fetch_ms", post_import.fetch_ms()},
                             {"import_fetch_work_ms", post_import.fetch_work_ms()},
                             {"import_error", post_import.error()},
                             {"source_is_post", giveaway.source == SourceKind::post},
                             {"engagement_kind", giveaway.engagement.kind},
                             {"engagement_accounts", giveaway.engagement.accounts.size()},
                             {"engagement_fetched_at", giveaway.engagement.fetched_at},
                             {"engagement_applied", !giveaway.filters.required_engagement.empty()},
                             {"engagement_fetching", engagement_fetch.phase() == EngagementFetch::Phase::fetching},
                             {"engagement_error", engagement_fetch.error_code()},
                             {"connected", [this] {
                                Json c = Json::array();
                                for (const auto& r : connections.rows())
                                  if (r.connected) c.push_back(r.platform);
                                return c;
                              }()}});
}

}  // namespace tirage::app
