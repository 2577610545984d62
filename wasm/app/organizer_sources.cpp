// OrganizerApp's participant source: a list given (replacing one read well
// only once the organizer says yes), the filters applied again, and a
// platform import followed until its comments become the list.
#include "wasm/app/organizer_app.hpp"

#include "wasm/app/browser/bridge.hpp"
#include "wasm/app/model/collection.hpp"
#include "wasm/app/model/imported_comments.hpp"
#include "wasm/app/ui/i18n.hpp"

namespace tirage::app {

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
  if (post_import.phase() == PostImport::Phase::following && !post_import.fetch_waiting(now())) {
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

}  // namespace tirage::app
