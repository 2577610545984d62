// How an organizer's billing account changes, as pure functions: from the
// current state of a Stripe subscription (always re-read from Stripe, so the
// order events arrive in does not matter), from a failed payment (a grace
// period before any downgrade), and with time (a grace period that ran out).
// A downgrade only changes the plan: nothing of the organizer's is deleted.
#pragma once

#include "server/billing/billing_store.hpp"
#include "server/billing/plans.hpp"

namespace tirage::server {

struct Transition {
  BillingAccount after;
  bool grace_started = false;  // the organizer must be told (once per failed-payment episode)
  std::string note;            // why, for the audit trail
};

// The account after Stripe says the subscription is in this state (a Stripe subscription object).
// 'bad_subscription' when it names no configured price.
Result<Transition> apply_subscription(const BillingAccount& before, const Json& subscription, const PlanCatalog& plans,
                                      UnixSeconds now);

// The account after a payment of its subscription failed: the grace period starts (once).
Transition payment_failed(const BillingAccount& before, const PlanCatalog& plans, UnixSeconds now);

// The account once time has passed: a grace period that ended downgrades to the default plan.
Transition settle(const BillingAccount& before, const PlanCatalog& plans, UnixSeconds now);

// The plan whose limits apply now.
const Plan& effective_plan(const BillingAccount& account, const PlanCatalog& plans, UnixSeconds now);

// The organizer id a subscription's metadata names, or "".
std::string subscription_organizer(const Json& subscription);

}  // namespace tirage::server
