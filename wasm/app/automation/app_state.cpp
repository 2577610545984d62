// The app's state as the browser tests read it through the automation
// snapshot (screen, step, counts, errors, timings). Compiled only into the
// automation build: the production app never builds this object.
#include "wasm/app/automation/app_state.hpp"

#include "shared/core/hex.hpp"
#include "wasm/app/automation/automation.hpp"
#include "wasm/app/organizer_app.hpp"
#include "wasm/app/ui/i18n.hpp"

namespace tirage::app::automation {

namespace {

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

void report_state(const OrganizerApp& app, double t) {
  set_state(Json{{"screen", screen_name(app.screen)},
                 {"language", text().language()},
                 {"step", app.giveaway.step},
                 {"pipeline", stage_name(app.pipeline.stage())},
                 {"pipeline_error", app.pipeline.error()},
                 {"comments", app.pipeline.comments().size()},
                 {"participants", app.pipeline.list().entries.size()},
                 {"issues", app.pipeline.issues().size()},
                 {"draw_phase", phase_name(app.draw.phase())},
                 {"draw_id", app.draw.draw_id()},
                 {"draw_error", app.draw.error()},
                 {"animation_done", app.animation.finished(t)},
                 {"account_error", app.account.error},
                 {"account_message", app.account.message},
                 {"status_error", app.status_error},
                 {"saved", app.saved()},
                 {"giveaway_id", app.giveaway.giveaway_id},
                 {"giveaways", [&app] {
                    Json list = Json::array();
                    for (const auto& g : app.giveaways.items)
                      list.push_back(Json{{"id", g.giveaway_id}, {"title", g.title}, {"status", status_name(g.status)}});
                    return list;
                  }()},
                 {"giveaways_loaded", app.giveaways_loaded},
                 {"restoring", app.restoring()},
                 {"stage_ms", app.pipeline.stage_ms()},
                 {"progress", app.pipeline.progress()},
                 {"root", app.pipeline.stage() == ParticipantsPipeline::Stage::ready ? to_hex(app.pipeline.tree().root()) : ""},
                 {"import_id", app.post_import.id()},
                 {"import_state", app.post_import.state()},
                 {"import_comments", app.post_import.comments_so_far()},
                 {"import_fetched", app.post_import.fetched()},
                 {"import_fetch_ms", app.post_import.fetch_ms()},
                 {"import_fetch_work_ms", app.post_import.fetch_work_ms()},
                 {"import_error", app.post_import.error()},
                 {"source_is_post", app.giveaway.source == SourceKind::post},
                 {"engagement_kind", app.giveaway.engagement.kind},
                 {"engagement_accounts", app.giveaway.engagement.accounts.size()},
                 {"engagement_fetched_at", app.giveaway.engagement.fetched_at},
                 {"engagement_applied", !app.giveaway.filters.required_engagement.empty()},
                 {"engagement_fetching", app.engagement_fetch.phase() == EngagementFetch::Phase::fetching},
                 {"engagement_error", app.engagement_fetch.error_code()},
                 {"connected", [&app] {
                    Json c = Json::array();
                    for (const auto& r : app.connections.rows())
                      if (r.connected) c.push_back(r.platform);
                    return c;
                  }()}});
}

}  // namespace tirage::app::automation
