// The draw: a summary of what will be committed (and, for platform lists,
// whether participants may check by handle), the commitment, the upload of
// leaf hashes (and the handle index), a countdown to the beacon, the animation (settling on the
// protocol's selection) and the results with publish, links and exports.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "shared/core/hex.hpp"
#include "shared/core/time.hpp"
#include "wasm/app/browser/bridge.hpp"
#include "wasm/app/model/local_time.hpp"
#include "wasm/app/organizer_app.hpp"
#include "wasm/app/ui/widgets.hpp"

namespace tirage::app {

namespace {

using Phase = DrawSession::Phase;

std::string duration(double seconds) {
  const auto s = static_cast<long>(std::ceil(std::max(0.0, seconds)));
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

void summary(OrganizerApp& app) {
  const Giveaway& g = app.giveaway;
  const auto& p = app.pipeline;
  ui::SayText("draw.summary.title", T("draw.summary.title", {{"title", g.title.empty() ? T("home.untitled") : g.title}}));
  ui::SayText("draw.summary.participants", TP("list.participants", p.list().entries.size()));
  ui::SayText("draw.summary.winners", TP("draw.summary.winners", static_cast<std::uint64_t>(g.winners)));
  ui::SayText("draw.summary.alternates", TP("draw.summary.alternates", static_cast<std::uint64_t>(g.alternates)));
  ui::Say(g.local_beacon ? "draw.summary.beacon_local" : "draw.summary.beacon_drand");
  if (p.stage() == ParticipantsPipeline::Stage::ready)
    ui::SayText("draw.summary.root", T("draw.summary.root", {{"root", to_hex(p.tree().root())}}));
}

// The plan's limits, before the organizer hits them: true when this draw fits.
bool plan_limits(OrganizerApp& app) {
  const Json& b = app.billing;
  if (!b.is_object() || !b.contains("limits")) return true;
  const Json& limits = b["limits"];
  const std::string plan = b.contains("plan") ? b["plan"].value("name", "") : "";
  auto limit = [&](const char* name) -> std::optional<std::uint64_t> {
    if (!limits.contains(name) || !limits[name].is_number_unsigned()) return std::nullopt;
    return limits[name].get<std::uint64_t>();
  };
  bool fits = true;
  const auto participants = app.pipeline.list().entries.size();
  if (auto max = limit("participants_per_draw")) {
    ui::SayText("plan.participants", T("plan.participants", {{"plan", plan}, {"max", N(*max)}}));
    if (participants > *max) {
      ui::Error("plan.too_many_participants", T("plan.too_many_participants", {{"n", N(participants)}, {"max", N(*max)}}));
      fits = false;
    }
  }
  if (auto max = limit("alternates"); max && static_cast<std::uint64_t>(app.giveaway.alternates) > *max) {
    ui::Error("plan.too_many_alternates", T("plan.too_many_alternates", {{"max", N(*max)}}));
    fits = false;
  }
  if (auto max = limit("draws_per_month")) {
    const std::uint64_t used = b.contains("usage") ? b["usage"].value("draws_this_month", std::uint64_t{0}) : 0;
    ui::SayText("plan.draws", T("plan.draws", {{"used", N(used)}, {"max", N(*max)}}));
    if (used >= *max) {
      ui::Error("plan.no_draws_left", T("plan.no_draws_left"));
      fits = false;
    }
  }
  if (!fits && ui::PrimaryButton("plan.upgrade")) open_url("/billing");
  return fits;
}

// The check by handle: what it publishes beside the fingerprints, and what that costs, before the commit.
void handle_check_choice(OrganizerApp& app) {
  if (app.pipeline.stage() != ParticipantsPipeline::Stage::ready) return;
  const HandleIndexPlan& plan = app.draw.handle_plan_for(app.pipeline);
  if (plan.indices.empty() && plan.left_out == 0) return;  // no platform entries: list ids are handles already
  if (ui::Checkbox("draw.handle_check", app.giveaway.handle_check)) app.save_soon();
  if (!app.giveaway.handle_check) return ui::Say("draw.handle_check_off");
  std::string platforms;
  for (const auto& p : plan.platforms) platforms += (platforms.empty() ? "" : ", ") + T("platform." + p);
  ui::SayText("draw.handle_check_on", T("draw.handle_check_on", {{"platforms", platforms}, {"n", N(plan.indices.size())}}));
  if (plan.left_out > 0) ui::SayText("draw.handle_left_out", T("draw.handle_left_out", {{"n", N(plan.left_out)}}));
}

std::vector<std::string> names(const ParticipantsPipeline& p, const std::vector<std::uint64_t>& indices) {
  std::vector<std::string> out;
  for (auto i : indices) out.push_back(p.list().entries[i].name);
  return out;
}

void results(OrganizerApp& app, double now) {
  auto& d = app.draw;
  const auto& p = app.pipeline;
  if (!app.animation.active()) {
    std::vector<std::string> pool;
    const std::size_t n = p.list().entries.size();
    for (std::size_t k = 0; k < std::min<std::size_t>(n, 200); ++k) pool.push_back(p.list().entries[(k * 7919) % n].name);
    const std::uint32_t seed = d.seed().size() >= 8 ? static_cast<std::uint32_t>(std::stoul(d.seed().substr(0, 8), nullptr, 16)) : 7;
    app.animation.start(pool, names(p, d.winners()), now, seed);
    // A reloaded, already published draw needs no show.
    if (d.phase() == Phase::published) app.animation.skip();
  }
  const float scale = ImGui::GetFontSize() / 16.f;
  ui::Heading("draw.winners");
  app.animation.draw(now, ImGui::GetContentRegionAvail().x, scale);
  if (!app.animation.finished(now)) {
    if (ui::Button("draw.skip")) app.animation.skip();
    return;
  }
  if (!d.alternates().empty()) {
    ui::Heading("draw.alternates");
    std::size_t rank = 0;
    for (const auto& name : names(p, d.alternates())) {
      ++rank;
      ui::SayText("draw.alternate." + std::to_string(rank), std::to_string(rank) + ". " + name);
    }
  }
  ImGui::Separator();
  if (d.phase() == Phase::drawn) {
    ui::Say("draw.publish_note");
    // The commitment states the deadline; past it the server refuses the result (and says so above).
    const Json& c = d.commitment();
    if (c.is_object() && c.contains("statement") && c["statement"].contains("publish_by") && c["statement"]["publish_by"].is_string())
      if (auto by = parse_rfc3339(c["statement"]["publish_by"].get<std::string>()))
        ui::SayText("draw.publish_by", T("draw.publish_by", {{"time", local_minute(*by, browser_tz_offset(*by))}}));
    if (ui::PrimaryButton("draw.publish", {}, -1)) d.publish(app.api, p);
  }
  if (d.phase() == Phase::publishing) ui::Say("app.working");
  if (d.phase() == Phase::published) {
    ui::Say("draw.published");
    ui::SayText("draw.verify_url", app.verify_url());
    if (ui::Button("draw.open_verify")) open_url(app.verify_url());
    ImGui::SameLine();
    if (ui::Button("draw.copy_link")) copy_to_clipboard(app.verify_url());
    ImGui::SameLine();
    if (ui::Button("draw.certificate")) open_url(app.certificate_url());
    if (ui::Button("draw.copy_winners")) {
      std::string text;
      std::size_t rank = 1;
      for (const auto& name : names(p, d.winners())) text += std::to_string(rank++) + ". " + name + "\n";
      copy_to_clipboard(text);
    }
    ImGui::SameLine();
    if (ui::Button("draw.export_winners")) app.export_csv(true);
    ImGui::SameLine();
    if (ui::Button("draw.export_list")) app.export_csv(false);
  }
}

}  // namespace

void draw_step(OrganizerApp& app) {
  auto& d = app.draw;
  const auto& p = app.pipeline;
  const double now = app.now();
  ui::Heading("draw.title");
  if (!d.error().empty()) ui::Error("draw.error", d.error());
  if (!d.handle_error().empty()) ui::Error("draw.error.upload_handles", d.handle_error());
  switch (d.phase()) {
    case Phase::idle:
    case Phase::failed: {
      if (!d.draw_id().empty()) break;  // a failure after the commit is shown above; the draw stays
      summary(app);
      if (p.busy()) ui::Progress("draw.list_progress", p.progress(), T("list.stage.hashing"));
      const bool ready = p.stage() == ParticipantsPipeline::Stage::ready && !p.list().entries.empty();
      if (!ready && !p.busy()) ui::Error("draw.not_ready", T("draw.not_ready"));
      if (ready && static_cast<std::uint64_t>(app.giveaway.winners) + static_cast<std::uint64_t>(app.giveaway.alternates) >
                       p.list().entries.size())
        ui::Error("draw.too_many", T("draw.too_many"));
      const bool fits = plan_limits(app);
      handle_check_choice(app);
      ui::Say("draw.commit_note");
      ImGui::BeginDisabled(!ready || !fits);
      if (ui::PrimaryButton("draw.commit", {}, -1)) {
        d.commit(app.api, app.giveaway, p, now);
        app.animation.clear();
      }
      ImGui::EndDisabled();
      return;
    }
    case Phase::committing: ui::Say("draw.committing"); return;
    case Phase::uploading:
      ui::Progress("draw.uploading", d.upload_progress(), T(d.uploading_handles() ? "draw.uploading_handles" : "draw.uploading"));
      return;
    case Phase::waiting:
    case Phase::selecting:
      ui::SayText("draw.committed", T("draw.committed", {{"id", d.draw_id()}}));
      ui::SayText("draw.countdown", d.draw_at() > now ? T("draw.countdown", {{"time", duration(d.draw_at() - now)}}) : T("draw.waiting_beacon"));
      ui::Say(d.weak_beacon() ? "draw.beacon_local_wait" : "draw.beacon_drand_wait");
      return;
    default: break;
  }
  if (d.phase() == Phase::drawn || d.phase() == Phase::publishing || d.phase() == Phase::published) results(app, now);
}

}  // namespace tirage::app
