// Filters with a live count: who remains, and how many each rule removed.
// Lists are typed as text (commas, spaces or new lines between items).
#include <imgui.h>

#include "shared/core/time.hpp"
#include "wasm/app/browser/bridge.hpp"
#include "wasm/app/model/local_time.hpp"
#include "wasm/app/organizer_app.hpp"
#include "wasm/app/ui/widgets.hpp"

namespace tirage::app {

namespace {

// "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" in local time -> Unix seconds; nullopt when empty or malformed.
std::optional<std::int64_t> local_time(const std::string& s, double now, bool end_of_day) {
  return parse_local_time_at(s, browser_tz_offset, static_cast<std::int64_t>(now),
                             end_of_day ? BareDate::end_of_day : BareDate::start_of_day);
}

}  // namespace

void filters_step(OrganizerApp& app) {
  FilterRules& r = app.giveaway.filters;
  FilterForm& f = app.filter_form;
  bool changed = false;
  ui::Heading("filters.title");

  int per = r.one_per_person ? 0 : 1;
  if (ui::Choice("filters.per", per, {T("filters.per_person"), T("filters.per_comment")})) {
    r.one_per_person = per == 0;
    changed = true;
  }
  if (ui::Input("filters.hashtags", f.hashtags, 0, "#noel #concours")) {
    r.required_hashtags = split_typed_list(f.hashtags);
    changed = true;
  }
  int mentions = static_cast<int>(r.min_mentions);
  if (ui::Number("filters.mentions", mentions, 0, 50)) {
    r.min_mentions = static_cast<std::size_t>(mentions);
    changed = true;
  }
  if (ui::Input("filters.excluded", f.excluded, 0, "@brand @employee")) {
    r.excluded_accounts = split_typed_list(f.excluded);
    changed = true;
  }
  if (ui::Input("filters.organizer", r.organizer_account, 0, "@brand")) changed = true;
  if (ui::Input("filters.keywords", f.keywords)) {
    r.required_keywords = split_typed_list(f.keywords);
    changed = true;
  }
  int mode = r.keyword_mode == KeywordMode::any ? 0 : 1;
  if (ui::Choice("filters.keyword_mode", mode, {T("filters.keyword_any"), T("filters.keyword_all")})) {
    r.keyword_mode = mode == 0 ? KeywordMode::any : KeywordMode::all;
    changed = true;
  }
  int min_len = static_cast<int>(r.min_text_length);
  if (ui::Number("filters.min_length", min_len, 0, 5000)) {
    r.min_text_length = static_cast<std::size_t>(min_len);
    changed = true;
  }
  if (ui::Input("filters.from", f.from, 0, "2026-12-01 00:00")) {
    r.window_from = local_time(f.from, app.now(), false);
    changed = true;
  }
  if (ui::Input("filters.until", f.until, 0, "2026-12-24 18:00")) {
    r.window_until = local_time(f.until, app.now(), true);
    changed = true;
  }
  if ((!f.from.empty() && !r.window_from) || (!f.until.empty() && !r.window_until)) ui::Error("filters.date_bad", T("filters.date_bad"));
  bool age = r.min_account_age_days.has_value();
  if (ui::Checkbox("filters.account_age", age)) {
    r.min_account_age_days = age ? std::optional<std::int64_t>(30) : std::nullopt;
    changed = true;
  }
  if (age) {
    int days = static_cast<int>(*r.min_account_age_days);
    if (ui::Number("filters.account_age_days", days, 1, 3650)) {
      r.min_account_age_days = days;
      changed = true;
    }
    ui::Say("filters.account_age_note");
  }
  if (changed) app.rules_changed();
  ImGui::Separator();
  engagement_control(app);

  // The live count.
  ImGui::Separator();
  const auto& p = app.pipeline;
  const std::size_t total = p.comments().size();
  if (total == 0) {
    ui::Say("filters.no_list");
    return;
  }
  const FilterResult& res = p.filtered();
  if (p.busy()) ui::Progress("filters.progress", p.progress(), T("filters.updating"));
  ui::SayText("filters.remaining", T("filters.remaining", {{"kept", TP("count.comments", res.kept)}, {"total", N(total)}}));
  for (std::size_t i = 1; i < kFilterReasonCount; ++i) {
    const auto reason = static_cast<FilterReason>(i);
    if (res.count(reason) == 0) continue;
    const std::string name = filter_reason_name(reason);
    ui::SayText("filters.removed." + name, TP("filters.reason." + name, res.count(reason)));
  }
  if (p.stage() == ParticipantsPipeline::Stage::ready)
    ui::SayText("filters.participants", TP("list.participants", p.list().entries.size()));
}

}  // namespace tirage::app
