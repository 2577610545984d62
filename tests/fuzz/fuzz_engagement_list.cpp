// libFuzzer target: the engagement list as the organizer app reads it, from
// the server's answer and from the giveaway saved in the browser. Any bytes
// must give a bounded rule or an error, and a rule read must survive a save
// and a reload unchanged (the filter result after a reload depends on it).
// fuzz-sources: wasm/app/model/engagement_rule.cpp wasm/app/model/giveaway.cpp
#include <cstddef>
#include <cstdint>
#include <string>

#include "wasm/app/model/giveaway.hpp"

namespace {

bool same(const tirage::app::EngagementRule& a, const tirage::app::EngagementRule& b) {
  if (a.kind != b.kind || a.post_id != b.post_id || a.fetched_at != b.fetched_at || a.complete != b.complete ||
      a.notes != b.notes || a.confirmed != b.confirmed || a.accounts.size() != b.accounts.size())
    return false;
  for (std::size_t i = 0; i < a.accounts.size(); ++i)
    if (a.accounts[i].user_id != b.accounts[i].user_id || a.accounts[i].handle != b.accounts[i].handle) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tirage::app;
  auto json = tirage::parse_json(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!json) return 0;
  for (const char* kind : {"x_repost", "x_like", "facebook_reaction"}) {
    auto r = engagement_from_reply(*json, kind, "1858000000000000000", 1700000000);
    if (!r) continue;
    if (r->accounts.size() > kMaxEngagedAccounts) __builtin_trap();
    for (const auto& a : r->accounts)
      if (a.user_id.empty() && a.handle.empty()) __builtin_trap();
    auto back = engagement_from_json(engagement_to_json(*r));
    if (!back || !same(*back, *r)) __builtin_trap();
  }
  auto g = giveaway_from_json(*json);
  if (g) {
    // What the filters hold is what the saved rule gives, whatever the saved filters claimed.
    tirage::FilterRules rules = g->filters;
    apply_engagement(g->engagement, engagement_post(*g), rules);
    if (rules.required_engagement != g->filters.required_engagement || rules.engaged_accounts != g->filters.engaged_accounts)
      __builtin_trap();
    auto again = giveaway_from_json(giveaway_to_json(*g));
    if (!again || !same(again->engagement, g->engagement) || again->filters.engaged_accounts != g->filters.engaged_accounts)
      __builtin_trap();
  }
  return 0;
}
