// FilterRules as JSON, for the commitment's "rules" record (docs/protocol.md
// section 2) and the server's API. The JSON holds only strings, booleans,
// arrays and integers >= 0, so it can be canonicalized with JCS.
//
//   {"one_per_person": true, "required_hashtags": ["noel"], "min_mentions": 2,
//    "excluded_accounts": ["@brand"], "organizer_account": "@brand",
//    "required_keywords": [], "keyword_mode": "any", "min_text_length": 0,
//    "window_from": "2026-12-01T00:00:00Z", "window_until": "2026-12-24T18:00:00Z",
//    "min_account_age_days": 30, "required_engagement": "x_repost"}
#pragma once

#include "shared/core/result.hpp"
#include "shared/filters/filters.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage {

// Every field above; window_*, min_account_age_days and required_engagement only when set
// (the engaged accounts themselves are data, not rules).
Json rules_to_json(const FilterRules& rules);

// Strict: unknown fields, wrong types, negative numbers, bad times and a
// window that ends before it starts are errors naming the field. Missing
// fields keep FilterRules' defaults.
Result<FilterRules> rules_from_json(const Json& j);

}  // namespace tirage
