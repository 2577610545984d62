// OrganizerApp's work saved in the browser (IndexedDB): the list of
// giveaways and each one's source, read back after a reload (and migrated
// from the one-giveaway layout before it), opened, closed, deleted, and
// written soon after every change with each write counted until it lands.
#include "wasm/app/organizer_app.hpp"

#include <memory>
#include <random>

#include "wasm/app/browser/bridge.hpp"
#include "wasm/app/ui/i18n.hpp"

namespace tirage::app {

namespace {

std::string random_bytes(std::size_t n) {
  std::random_device rd;  // the browser's crypto.getRandomValues under Emscripten
  std::string out(n, '\0');
  for (auto& c : out) c = static_cast<char>(rd() & 0xff);
  return out;
}

}  // namespace

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

}  // namespace tirage::app
