#include "wasm/app/model/collection.hpp"

#include <algorithm>

namespace tirage::app {

namespace {
constexpr double kPagingPollS = 0.75;    // while the server pages through the platform: the progress bar moves
constexpr double kWatchingPollS = 30.0;  // between X passes (hours apart): a look now and then is enough
constexpr double kAfterPassS = 1.0;      // a pass takes a moment: look that long after it was due
}  // namespace

CollectUntil parse_collect_until(const std::string& text, std::int64_t now, int tz_offset_minutes) {
  const auto parsed = parse_local_time(text, tz_offset_minutes);
  if (!parsed) return {std::nullopt, CollectProblem::malformed};
  const std::int64_t at = *parsed;
  if (at <= now) return {std::nullopt, CollectProblem::past};
  if (at > now + kMaxCollectAheadS) return {std::nullopt, CollectProblem::too_far};
  return {at, CollectProblem::none};
}

const char* collect_problem_key(CollectProblem p) {
  switch (p) {
    case CollectProblem::malformed: return "post.collect.malformed";
    case CollectProblem::past: return "post.collect.past";
    case CollectProblem::too_far: return "post.collect.too_far";
    case CollectProblem::none: break;
  }
  return "";
}

FetchPlan comments_to_fetch(const ImportSeen& s) {
  if (s.committed || s.set_aside || s.state.empty() || s.state == "running" || s.state == "failed") return FetchPlan::none;
  if (!s.in_list) {
    // A stopped or cancelled import waits for the organizer's "use what was imported"; an empty pass is nothing yet.
    if (s.state == "done" || (s.state == "watching" && s.comments > 0)) return FetchPlan::all;
    return FetchPlan::none;
  }
  if (s.in_list_count < 0) return FetchPlan::none;
  return s.comments > static_cast<std::uint64_t>(s.in_list_count) ? FetchPlan::newer : FetchPlan::none;
}

double poll_delay(const std::string& state, double now, std::optional<std::int64_t> next_pass_at) {
  if (state == "running" || state.empty()) return kPagingPollS;
  if (state != "watching") return 0;
  if (!next_pass_at) return kWatchingPollS;
  return std::clamp(static_cast<double>(*next_pass_at) + kAfterPassS - now, kPagingPollS, kWatchingPollS);
}

}  // namespace tirage::app
