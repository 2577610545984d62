// Billing for organizers: what plan each has and what it allows, Stripe
// Checkout and Customer Portal sessions, webhook events turned into plan
// changes (each event once, by re-reading the object from Stripe), and the
// limits checked before a draw is created.
#pragma once

#include <memory>
#include <mutex>

#include "server/billing/billing_store.hpp"
#include "server/billing/plans.hpp"
#include "server/billing/stripe_client.hpp"
#include "server/billing/stripe_event.hpp"
#include "server/billing/subscription_state.hpp"
#include "server/accounts/organizer.hpp"
#include "shared/core/time.hpp"
#include "server/mail/outbox.hpp"

namespace tirage::server {

struct BillingSettings {
  std::string public_url;
  std::string webhook_secret;  // whsec_...; empty: webhooks are refused
};

// What admit_draw decided. While it lives, no other draw of any organizer is admitted,
// so two concurrent requests cannot both take the last draw of the month.
struct DrawAdmission {
  Json refusal;             // null when admitted; else the 402 body's "error" object
  bool uses_credit = false;  // the draw is a single-draw purchase
  std::unique_lock<std::mutex> lock;
};

class BillingService {
 public:
  BillingService(Database& db, PlanCatalog plans, std::unique_ptr<StripeClient> stripe, BillingSettings settings,
                 Outbox& outbox);

  const PlanCatalog& plans() const { return plans_; }
  // GET /api/v1/billing: plan, status, limits, usage this month, the plans on offer, and
  // whether the organizer's Checkout Session `session_id` (if given) has been paid and applied.
  Json overview(const Organizer& org, UnixSeconds now, const std::string& session_id = "");
  // Starts Checkout for {"plan","interval","currency"} ({"plan":"single_draw","currency"} for one draw): {"url","session_id"}.
  Result<Json> start_checkout(const Organizer& org, const Json& body, UnixSeconds now);
  // A Customer Portal session: {"url"}. 'conflict' when the organizer never paid.
  Result<Json> portal(const Organizer& org, UnixSeconds now);
  // Verifies, records and processes one webhook delivery: {"received", "duplicate"}.
  Result<Json> handle_webhook(const std::string& body, const std::string& signature_header, UnixSeconds now);

  // Checks a create-draw body against the organizer's plan (and single-draw credits).
  DrawAdmission admit_draw(const Organizer& org, const Json& body, UnixSeconds now);
  // Records that an admitted draw was created (uses the credit it needed).
  void draw_created(DrawAdmission& admission, const Organizer& org, const std::string& draw_id, UnixSeconds now);
  // The limits that apply to the organizer now (for features outside draws).
  PlanLimits limits(const Organizer& org, UnixSeconds now) { return effective_plan(account(org.id, now), plans_, now).limits; }
  // The refusal for using an API key on a plan without API access, or null.
  Json api_key_refusal(const Organizer& org, UnixSeconds now);
  // The refusal for importing through `platform`'s API when neither the plan nor a single draw
  // bought earlier includes it, or null (lists pasted or uploaded are open to every plan).
  Json import_refusal(const Organizer& org, std::string_view platform, UnixSeconds now);
  // Sets a plan by hand (an operator's comped account), audited with source "operator".
  Status grant(const std::string& organizer_id, const std::string& plan_id, UnixSeconds now);
  // The account, with an ended grace period settled (and audited).
  BillingAccount account(const std::string& organizer_id, UnixSeconds now);

 private:
  Status process(const StripeEvent& event, UnixSeconds now);
  Status apply_subscription_id(const std::string& subscription_id, const std::string& source, const std::string& organizer_hint,
                               UnixSeconds now);
  Status on_checkout_completed(const StripeEvent& event, UnixSeconds now);
  Status on_invoice(const StripeEvent& event, bool failed, UnixSeconds now);
  Status commit(const BillingAccount& before, const struct Transition& t, const std::string& source, UnixSeconds now);
  // Mails the organizer that a payment failed and until when the plan lasts.
  Status tell_grace_started(const BillingAccount& account, UnixSeconds now);
  Result<std::string> ensure_customer(const Organizer& org, UnixSeconds now);
  Json refusal(const std::string& limit, const std::string& message, const Json& allowed, const Json& requested,
               const Plan& plan) const;

  BillingStore store_;
  PlanCatalog plans_;
  std::unique_ptr<StripeClient> stripe_;
  BillingSettings settings_;
  Outbox& outbox_;
  std::mutex webhook_mu_;  // one event at a time: duplicates delivered concurrently are processed once
  std::mutex draws_mu_;    // admission to the end of creation
};

}  // namespace tirage::server
