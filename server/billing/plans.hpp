// Plans as configured in config/plans.json: what each plan allows and what it
// costs per interval and currency, with the Stripe price id of each price.
// Parsing is pure and strict: an unknown or missing field is an error naming it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/protocol/jcs.hpp"

namespace tirage::server {

struct PlanLimits {
  // nullopt: no limit.
  std::optional<std::int64_t> participants_per_draw, draws_per_month, alternates;
  std::vector<std::string> import_platforms;  // platforms importable through their API (files: every plan)
  bool api_access = false;
  // Only features that exist are limits: branded certificates, video export and team seats come back
  // here (and on the billing page) when they ship, so no plan sells what the product does not do.
};

struct PlanPrice {
  std::string interval;  // month, year (subscriptions) or once (one-time purchases)
  std::string currency;  // ISO 4217, lowercase as Stripe writes it
  std::int64_t amount = 0;  // smallest unit (cents)
  std::string stripe_price;
};

struct Plan {
  std::string id, name;
  std::string kind;  // free, subscription, one_time
  PlanLimits limits;
  std::vector<PlanPrice> prices;
};

struct PlanCatalog {
  std::vector<std::string> currencies;
  std::string default_plan;
  std::int64_t grace_period_seconds = 0;
  std::vector<Plan> plans;  // in the order of the file: cheapest first, which is the upgrade order

  // The plan with that id, or null.
  const Plan* find(std::string_view id) const;
  // The plan organizers have without paying.
  const Plan& free_plan() const { return *find(default_plan); }
  // The price of a plan for an interval and currency, or null.
  const PlanPrice* price(const Plan& plan, std::string_view interval, std::string_view currency) const;
  // The plan and price a Stripe price id belongs to, or {null, null}.
  std::pair<const Plan*, const PlanPrice*> by_stripe_price(std::string_view stripe_price) const;
};

// Parses and checks a plans file; errors name the field ("plans[2].limits.alternates: ...").
Result<PlanCatalog> parse_plans(std::string_view text);

// The limits as JSON (null for no limit).
Json limits_to_json(const PlanLimits& limits);
// A plan for display: id, name, kind, limits, prices.
Json plan_to_json(const Plan& plan);

}  // namespace tirage::server
