// Billing state in the database: one account row per organizer who ever
// touched billing (plan, Stripe ids, grace period, single-draw credits), an
// append-only audit trail of every change and what caused it, the Stripe
// events received (each processed once), and the Checkout Sessions we created.
// Callers hold db.mutex() around a transaction that spans several calls.
#pragma once

#include <optional>
#include <string>

#include "server/db/database.hpp"
#include "shared/core/time.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage::server {

struct BillingAccount {
  std::string organizer_id;
  std::string plan;            // the plan granted (the default plan when nothing was bought)
  std::string status = "none";  // none, active, past_due, canceled, incomplete, ... (Stripe's words)
  std::string interval, currency, customer, subscription;
  std::optional<UnixSeconds> current_period_end, grace_until;
  std::int64_t credits = 0;  // single draws bought and not used yet
  bool operator==(const BillingAccount&) const = default;
};

struct CheckoutRecord {
  std::string session_id, organizer_id, kind, plan, interval, currency;
  std::optional<UnixSeconds> completed_at;
};

class BillingStore {
 public:
  BillingStore(Database& db, std::string default_plan) : db_(db), default_plan_(std::move(default_plan)) {}

  // The organizer's account; a fresh one on the default plan when there is no row.
  BillingAccount account(const std::string& organizer_id) const;
  std::optional<std::string> organizer_by_customer(const std::string& customer) const;
  // Writes the account and one audit row per changed field, naming the source (an event id, "checkout", ...).
  Status save(const BillingAccount& before, const BillingAccount& after, const std::string& source,
              const std::string& detail, UnixSeconds now);
  // The newest audit rows first.
  Json audit(const std::string& organizer_id, int limit) const;

  // Stores an event the first time it is seen; true when it was already processed.
  Result<bool> receive_event(const std::string& id, const std::string& type, const std::string& payload, UnixSeconds now);
  Status mark_processed(const std::string& event_id, UnixSeconds now);
  Status mark_failed(const std::string& event_id, const std::string& error);

  Status record_checkout(const CheckoutRecord& c, UnixSeconds now);
  std::optional<CheckoutRecord> checkout(const std::string& session_id) const;
  Status complete_checkout(const std::string& session_id, UnixSeconds now);

  // The organizer's email and language, if the organizer exists.
  std::optional<std::pair<std::string, std::string>> contact(const std::string& organizer_id) const;
  // Draws the organizer committed since `since`.
  std::int64_t draws_since(const std::string& organizer_id, UnixSeconds since) const;

  Database& db() { return db_; }

 private:
  Database& db_;
  std::string default_plan_;
};

// The first second of the UTC calendar month holding `now`.
UnixSeconds month_start(UnixSeconds now);

}  // namespace tirage::server
