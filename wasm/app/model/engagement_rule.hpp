// "Must also have reposted / liked / reacted": the accounts that engaged with
// the imported post, as our server listed them (GET /api/v1/engagement), kept
// with the giveaway so a reload filters the same way without fetching again,
// and whether the filter may use them: a partial list only once the
// organizer accepted that people beyond it would be removed wrongly, a list
// with reactions of unnamed people never. Pure: no requests, no clock.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"
#include "shared/filters/filters.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage::app {

// The server reads at most 100 pages of 100; anything longer is not its answer.
inline constexpr std::size_t kMaxEngagedAccounts = 10000;

struct EngagedAccount {
  std::string user_id, handle;  // either may be empty, not both
};

struct EngagementRule {
  std::string kind;     // "x_repost", "x_like", "facebook_reaction"; "" no rule
  std::string post_id;  // the post the accounts engaged with
  std::vector<EngagedAccount> accounts;
  std::int64_t fetched_at = 0;     // Unix seconds; 0 while nothing was fetched
  bool complete = true;            // the platform named everyone who engaged
  std::vector<std::string> notes;  // why not complete: the server's codes "x_cap", "unnamed", "too_many"
  bool confirmed = false;          // the organizer accepted a partial list
};

enum class EngagementStatus {
  none,                // no rule chosen
  waiting,             // chosen, no list yet
  stale,               // the list is of another post (the source changed)
  blocked,             // the platform withheld who some people are: the rule cannot be applied
  needs_confirmation,  // partial: applies only once the organizer confirms
  applied,
};

// The kinds a giveaway can require for participants imported from a post of platform ("x": repost, like;
// "facebook": reaction); empty for every other platform and for files and pasted lists (from_post false).
std::vector<std::string> engagement_kinds(bool from_post, std::string_view platform);

// Where the rule stands for a giveaway whose participants come from post_id ("" when not from a post).
EngagementStatus engagement_status(const EngagementRule& rule, std::string_view post_id);

// Sets rules.required_engagement and rules.engaged_accounts from the rule when its status is applied, clears them otherwise.
void apply_engagement(const EngagementRule& rule, std::string_view post_id, FilterRules& rules);

// The answer of GET /api/v1/engagement?kind=&post_id= read into a rule fetched at now; an answer about
// another kind or post, too long, or of the wrong shape is an error naming the field.
Result<EngagementRule> engagement_from_reply(const Json& body, std::string_view kind, std::string_view post_id,
                                             std::int64_t now);

// A fresh list replacing old: the organizer's confirmation carries over only when the new list is
// partial for the same reasons (they accepted exactly that).
EngagementRule refreshed_engagement(const EngagementRule& old, EngagementRule fresh);

// The rule as saved with the giveaway, and back; reading checks the same bounds as a server answer.
Json engagement_to_json(const EngagementRule& rule);
Result<EngagementRule> engagement_from_json(const Json& j);

}  // namespace tirage::app
