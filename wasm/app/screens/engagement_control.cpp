// The filters step's "must also have reposted / liked / reacted": choose
// the kind, watch the list being fetched, read how many engaged and what a
// partial list costs (confirm it, or learn it cannot apply), refresh it
// while the giveaway runs, remove it. The live count below the filters shows
// who remains and how many the rule removed.
#include <imgui.h>

#include <cmath>

#include "shared/core/time.hpp"
#include "wasm/app/browser/bridge.hpp"
#include "wasm/app/model/local_time.hpp"
#include "wasm/app/organizer_app.hpp"
#include "wasm/app/ui/widgets.hpp"

namespace tirage::app {

namespace {

// The rule changed: the filters get it (or lose it), the list is filtered again and the giveaway saved.
void engagement_changed(OrganizerApp& app) {
  sync_engagement(app.giveaway);
  app.rules_changed();
}

void fetch(OrganizerApp& app, const std::string& kind) {
  app.engagement_fetch.start(app.api, kind, engagement_post(app.giveaway), static_cast<std::int64_t>(app.now()));
}

void show_error(OrganizerApp& app) {
  const EngagementFetch& f = app.engagement_fetch;
  const std::string& code = f.error_code();
  std::string hint;
  if (needs_reconnect(code)) hint = T("engagement.error.connect", {{"platform", T("platform." + app.giveaway.platform)}});
  else if (code == "not_found") hint = T("engagement.error.not_found");
  else if (code == "rate_limited" || code == "http_429")
    hint = f.retry_after().empty() ? T("engagement.error.rate_limited") : T("engagement.error.rate_limited_for", {{"seconds", f.retry_after()}});
  else if (code == "offline") hint = T("error.offline");
  else hint = T("engagement.error.other");
  ui::Error("engagement.error", hint);
  if (!f.error().empty() && code != "offline") ui::SayText("engagement.error.detail", f.error());
  if (ui::Button("engagement.retry")) fetch(app, f.kind());
}

}  // namespace

void follow_engagement_fetch(OrganizerApp& app) {
  auto fetched = app.engagement_fetch.take();
  if (!fetched) return;
  app.giveaway.engagement = refreshed_engagement(app.giveaway.engagement, std::move(*fetched));
  engagement_changed(app);
}

void engagement_control(OrganizerApp& app) {
  Giveaway& g = app.giveaway;
  EngagementFetch& f = app.engagement_fetch;
  ui::Say("engagement.title");
  const auto kinds = engagement_kinds(g.source == SourceKind::post, g.platform);
  if (kinds.empty()) {
    // Said plainly rather than a control that can never work.
    const bool platform_cannot = g.source == SourceKind::post && !g.platform.empty() && g.platform != "list";
    ui::Say(platform_cannot ? "engagement.unavailable.platform" : "engagement.unavailable.list",
            {{"platform", T("platform." + g.platform)}});
    return;
  }

  // The kind shown: the one being fetched, else the rule's.
  const std::string& shown = f.phase() != EngagementFetch::Phase::idle ? f.kind() : g.engagement.kind;
  int current = 0;
  std::vector<std::string> labels{T("engagement.kind.none")};
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    labels.push_back(T("engagement.kind." + kinds[i]));
    if (kinds[i] == shown) current = static_cast<int>(i) + 1;
  }
  if (ui::Choice("engagement.kind", current, labels)) {
    g.engagement = EngagementRule();  // the other kind's list says nothing about this one
    if (current == 0) f.reset();
    else fetch(app, kinds[static_cast<std::size_t>(current) - 1]);
    engagement_changed(app);
  }

  if (f.phase() == EngagementFetch::Phase::fetching) {
    const float sweep = static_cast<float>(std::fmod(app.now(), 1.5) / 1.5);
    ui::Progress("engagement.progress", sweep, T("engagement.fetching." + f.kind()));
  } else if (f.phase() == EngagementFetch::Phase::failed) {
    show_error(app);
  }

  const EngagementRule& r = g.engagement;
  const EngagementStatus status = engagement_status(r, engagement_post(g));
  if (status == EngagementStatus::none || status == EngagementStatus::waiting) return;

  ui::SayText("engagement.count", TP("engagement.count." + r.kind, r.accounts.size(), {{"time", local_minute(r.fetched_at, browser_tz_offset(r.fetched_at))}}));
  for (const auto& note : r.notes) {
    if (note == "unnamed") continue;  // said below, with what it means for the rule
    const std::string key = note == "x_cap" ? "engagement.partial.x_cap." + r.kind : "engagement.partial.other";
    ui::Error("engagement.partial." + note, TP(key, r.accounts.size()));
  }
  switch (status) {
    case EngagementStatus::stale: ui::Error("engagement.stale", T("engagement.stale")); break;
    case EngagementStatus::blocked: ui::Error("engagement.blocked", T("engagement.blocked")); break;
    case EngagementStatus::needs_confirmation:
      ui::Say("engagement.confirm_question");
      if (ui::Button("engagement.confirm")) {
        g.engagement.confirmed = true;
        engagement_changed(app);
      }
      break;
    case EngagementStatus::applied:
      ui::Say(r.complete ? "engagement.applied" : "engagement.applied_partial");
      break;
    default: break;
  }
  if (f.phase() != EngagementFetch::Phase::fetching) {
    if (ui::Button("engagement.refresh")) fetch(app, r.kind);
    ImGui::SameLine();
  }
  if (ui::Button("engagement.remove")) {
    g.engagement = EngagementRule();
    f.reset();
    engagement_changed(app);
  }
}

}  // namespace tirage::app
