#include "server/billing/billing_store.hpp"

#include <ctime>

namespace tirage::server {

namespace {

constexpr const char* kColumns =
    "organizer_id, plan, status, interval, currency, stripe_customer, stripe_subscription, current_period_end, "
    "grace_until, single_draw_credits";

std::string show(const std::optional<UnixSeconds>& t) { return t ? format_rfc3339(*t) : ""; }

}  // namespace

UnixSeconds month_start(UnixSeconds now) {
  const std::time_t t = static_cast<std::time_t>(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  tm.tm_mday = 1;
  tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
  return static_cast<UnixSeconds>(timegm(&tm));
}

BillingAccount BillingStore::account(const std::string& organizer_id) const {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM billing_accounts WHERE organizer_id = ?");
  st.bind(1, organizer_id);
  BillingAccount a;
  a.organizer_id = organizer_id;
  a.plan = default_plan_;
  if (!st.step()) return a;
  a.plan = st.text(1);
  a.status = st.text(2);
  a.interval = st.text(3);
  a.currency = st.text(4);
  a.customer = st.text(5);
  a.subscription = st.text(6);
  a.current_period_end = st.optional_integer(7);
  a.grace_until = st.optional_integer(8);
  a.credits = st.integer(9);
  return a;
}

std::optional<std::string> BillingStore::organizer_by_customer(const std::string& customer) const {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("SELECT organizer_id FROM billing_accounts WHERE stripe_customer = ?");
  st.bind(1, customer);
  if (customer.empty() || !st.step()) return std::nullopt;
  return st.text(0);
}

Status BillingStore::save(const BillingAccount& before, const BillingAccount& after, const std::string& source,
                          const std::string& detail, UnixSeconds now) {
  if (before == after) return {};
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(std::string("INSERT OR REPLACE INTO billing_accounts (") + kColumns +
                        ", updated_at) VALUES (?, ?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), ?, ?, ?, ?)");
  st.bind(1, after.organizer_id).bind(2, after.plan).bind(3, after.status).bind(4, after.interval).bind(5, after.currency);
  st.bind(6, after.customer).bind(7, after.subscription);
  st.bind_optional(8, after.current_period_end).bind_optional(9, after.grace_until);
  st.bind(10, after.credits).bind(11, now);
  TIRAGE_TRY(st.run());
  auto audit = [&](const char* field, const std::string& old_value, const std::string& new_value) -> Status {
    if (old_value == new_value) return {};
    auto a = db_.prepare(
        "INSERT INTO billing_audit (organizer_id, at, source, field, old_value, new_value, detail) VALUES (?, ?, ?, ?, ?, ?, ?)");
    a.bind(1, after.organizer_id).bind(2, now).bind(3, source).bind(4, field).bind(5, old_value).bind(6, new_value).bind(7, detail);
    return a.run();
  };
  TIRAGE_TRY(audit("plan", before.plan, after.plan));
  TIRAGE_TRY(audit("status", before.status, after.status));
  TIRAGE_TRY(audit("interval", before.interval, after.interval));
  TIRAGE_TRY(audit("currency", before.currency, after.currency));
  TIRAGE_TRY(audit("customer", before.customer, after.customer));
  TIRAGE_TRY(audit("subscription", before.subscription, after.subscription));
  TIRAGE_TRY(audit("grace_until", show(before.grace_until), show(after.grace_until)));
  TIRAGE_TRY(audit("single_draw_credits", std::to_string(before.credits), std::to_string(after.credits)));
  return {};
}

Json BillingStore::audit(const std::string& organizer_id, int limit) const {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "SELECT at, source, field, old_value, new_value, detail FROM billing_audit WHERE organizer_id = ? ORDER BY id DESC LIMIT ?");
  st.bind(1, organizer_id).bind(2, static_cast<std::int64_t>(limit));
  Json out = Json::array();
  while (st.step())
    out.push_back(Json{{"at", format_rfc3339(st.integer(0))}, {"source", st.text(1)}, {"field", st.text(2)},
                       {"old", st.text(3)}, {"new", st.text(4)}, {"detail", st.text(5)}});
  return out;
}

Result<bool> BillingStore::receive_event(const std::string& id, const std::string& type, const std::string& payload,
                                         UnixSeconds now) {
  std::lock_guard lock(db_.mutex());
  bool processed = false;
  // One transaction (one fsync) per delivery.
  TIRAGE_TRY(db_.transaction([&]() -> Status {
    auto ins = db_.prepare("INSERT OR IGNORE INTO stripe_events (id, type, payload, received_at) VALUES (?, ?, ?, ?)");
    ins.bind(1, id).bind(2, type).bind(3, payload).bind(4, now);
    TIRAGE_TRY(ins.run());
    auto st = db_.prepare("UPDATE stripe_events SET deliveries = deliveries + 1 WHERE id = ? RETURNING processed_at");
    st.bind(1, id);
    if (!st.step()) return make_error("database", "the event row vanished");
    processed = !st.is_null(0);
    return st.run();  // finishes the statement so COMMIT can run
  }));
  return processed;
}

Status BillingStore::mark_processed(const std::string& event_id, UnixSeconds now) {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("UPDATE stripe_events SET processed_at = ?, last_error = NULL WHERE id = ?");
  st.bind(1, now).bind(2, event_id);
  return st.run();
}

Status BillingStore::mark_failed(const std::string& event_id, const std::string& error) {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("UPDATE stripe_events SET last_error = ? WHERE id = ?");
  st.bind(1, error.substr(0, 1000)).bind(2, event_id);
  return st.run();
}

Status BillingStore::record_checkout(const CheckoutRecord& c, UnixSeconds now) {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "INSERT OR IGNORE INTO billing_checkouts (session_id, organizer_id, kind, plan, interval, currency, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, c.session_id).bind(2, c.organizer_id).bind(3, c.kind).bind(4, c.plan).bind(5, c.interval).bind(6, c.currency).bind(7, now);
  return st.run();
}

std::optional<CheckoutRecord> BillingStore::checkout(const std::string& session_id) const {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "SELECT session_id, organizer_id, kind, plan, interval, currency, completed_at FROM billing_checkouts WHERE session_id = ?");
  st.bind(1, session_id);
  if (!st.step()) return std::nullopt;
  return CheckoutRecord{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.optional_integer(6)};
}

Status BillingStore::complete_checkout(const std::string& session_id, UnixSeconds now) {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("UPDATE billing_checkouts SET completed_at = ? WHERE session_id = ? AND completed_at IS NULL");
  st.bind(1, now).bind(2, session_id);
  return st.run();
}

std::optional<std::pair<std::string, std::string>> BillingStore::contact(const std::string& organizer_id) const {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("SELECT email, language FROM organizers WHERE id = ?");
  st.bind(1, organizer_id);
  if (!st.step()) return std::nullopt;
  return std::pair{st.text(0), st.text(1)};
}

std::int64_t BillingStore::draws_since(const std::string& organizer_id, UnixSeconds since) const {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("SELECT COUNT(*) FROM draws WHERE organizer_id = ? AND created_at >= ?");
  st.bind(1, organizer_id).bind(2, since);
  return st.step() ? st.integer(0) : 0;
}

}  // namespace tirage::server
