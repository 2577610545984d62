// The giveaway's filters: which comments take part in the draw, and for each
// one left out, the first rule that removed it (for the live counts).
//
//   FilterRules rules;
//   rules.required_hashtags = {"noel"};
//   rules.min_mentions = 2;
//   auto result = apply_filters(comments, rules, now);   // now: Unix seconds, from the edge
//   result.reasons[i] == FilterReason::kept;  result.count(FilterReason::duplicate);
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/import/comments.hpp"

namespace tirage {

// In the order the rules are checked: a comment's reason is the first that applies.
enum class FilterReason : std::uint8_t {
  kept,
  no_name,              // the author's id or handle is empty once normalized ("@", blanks)
  excluded_account,     // on the blocklist, or the organizer's own account
  no_date,              // a date window is set and the comment has no date
  before_window,
  after_window,
  account_age_unknown,  // a minimum account age is set and the account's creation date is unknown
  account_too_new,
  too_short,
  missing_hashtag,
  too_few_mentions,
  missing_keyword,
  not_engaged,          // an engagement rule is set and the author is not among the accounts that engaged
  duplicate,            // the same person already has a kept comment (or the same comment, per comment)
};
inline constexpr std::size_t kFilterReasonCount = 14;

// "kept", "excluded_account", ... (stable, for programs and catalogs).
const char* filter_reason_name(FilterReason r);

enum class KeywordMode { any, all };

struct FilterRules {
  bool one_per_person = true;                  // else one entry per comment
  std::vector<std::string> required_hashtags{};  // all required; with or without '#', any case
  std::size_t min_mentions = 0;                // distinct @mentions, not the author, not the organizer
  std::vector<std::string> excluded_accounts{};  // handles or user ids, '@' optional, any case
  std::string organizer_account{};               // excluded too, and never counted as a mention
  std::vector<std::string> required_keywords{};  // matched anywhere in the text, any case
  KeywordMode keyword_mode = KeywordMode::any;
  std::size_t min_text_length = 0;             // in Unicode code points
  std::optional<std::int64_t> window_from{};     // Unix seconds, inclusive
  std::optional<std::int64_t> window_until{};    // Unix seconds, inclusive
  std::optional<std::int64_t> min_account_age_days{};
  // "Must also have reposted / liked / reacted": "x_repost", "x_like", "facebook_reaction" or "" (none).
  std::string required_engagement{};
  // With required_engagement: the user ids (or handles) that engaged, as the platform listed them.
  // Data fetched by the edge, not a rule: it is not part of rules_to_json.
  std::vector<std::string> engaged_accounts{};
};

// A list as the organizer types it in the app's filter form or a `tirage
// participants` flag: items between commas, semicolons, spaces, tabs and new lines.
std::vector<std::string> split_typed_list(std::string_view typed);

// True for "", "x_repost", "x_like" and "facebook_reaction".
bool is_engagement_kind(std::string_view kind);

struct FilterResult {
  std::vector<FilterReason> reasons;  // one per comment, in input order
  std::array<std::size_t, kFilterReasonCount> counts{};
  std::size_t kept = 0;

  std::size_t count(FilterReason r) const { return counts[static_cast<std::size_t>(r)]; }
};

// Applies rules to every comment; duplicates are decided last, so a person's
// first comment that passes every other rule is the one kept.
FilterResult apply_filters(const std::vector<Comment>& comments, const FilterRules& rules, std::int64_t now);

// apply_filters a slice at a time (apply_filters is this run to the end), so a
// page can filter a million comments and stay responsive.
//
//   FilterRun run(comments, rules, now);   // comments must outlive the run
//   while (run.step(20'000)) show(run.progress());
//   FilterResult result = run.take();
class FilterRun {
 public:
  FilterRun(const std::vector<Comment>& comments, const FilterRules& rules, std::int64_t now);
  FilterRun(FilterRun&&) noexcept;
  FilterRun& operator=(FilterRun&&) noexcept;
  ~FilterRun();

  // Filters up to max_comments more comments; true while some remain.
  bool step(std::size_t max_comments);
  // Share of the comments filtered so far, 0 to 1.
  double progress() const;
  // The result (moved out); complete once step() returned false.
  FilterResult take();

 private:
  struct State;
  std::unique_ptr<State> s_;
};

// The participant id of the comment's author as the protocol normalizes it
// (docs/protocol.md section 1): user_id, or the handle when there is none; for
// `list`, '@' dropped and ASCII letters lowercased. Empty when unusable.
std::string person_id(const Comment& c);

}  // namespace tirage
