// The rules `tirage participants` applies, and the commitment it checks
// against: the filters recorded in a commitment (its rules' "filters", as the
// organizer's app commits them), a rules object (--rules), or filter flags.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "cli/args.hpp"
#include "shared/core/hex.hpp"
#include "shared/core/time.hpp"
#include "shared/filters/filters.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage::cli {

// The options this file reads (for parse_args).
extern const std::set<std::string> kRuleOptions;
extern const std::set<std::string> kRuleSwitches;

// What a commitment says about its participant list.
struct CommittedList {
  Hash root{};
  std::uint64_t count = 0;
  std::optional<Json> filters;    // rules.filters, when the commitment records them
  std::string source;             // rules.source: the file or list name the app showed ("" when none)
  UnixSeconds committed_at = 0;
  std::string winners_platform;   // a bundle's first winner's platform ("" for a commitment alone)
};

// Reads FILE as a result bundle, a commitment envelope or a commitment
// statement; the statement is checked as `tirage verify` reads it (no signature check).
Result<CommittedList> read_committed_list(const std::string& path);

// The rules given by --rules (a file or inline JSON: a filters object, or a
// commitment's whole rules object with its "filters") or by the filter flags;
// nullopt when neither is given. Errors name the flag or the field.
Result<std::optional<FilterRules>> rules_from_args(const Args& args);

// Adds the accounts of --engaged FILE (one user id or handle per line) to rules;
// an engagement rule without them is an error, as is --engaged without the rule.
Status read_engaged_accounts(const Args& args, FilterRules& rules);

}  // namespace tirage::cli
