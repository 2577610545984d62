// BillingService: Stripe webhook events. Each delivery is verified, stored by
// event id, and processed once; processing never trusts the state in the
// event body but re-reads the object from Stripe, so duplicates and
// out-of-order deliveries converge on Stripe's current state.
#include "server/billing/billing_service.hpp"
#include "server/billing/stripe_signature.hpp"
#include "server/billing/subscription_state.hpp"
#include "server/log/event_log.hpp"
#include "server/mail/templates.hpp"

namespace tirage::server {

namespace {

std::string text(const Json& j, const char* name) {
  return j.is_object() && j.contains(name) && j[name].is_string() ? j[name].get<std::string>() : "";
}

// An id field that may be expanded into an object ({"id": ...}) or be a plain id.
std::string id_of(const Json& j, const char* name) {
  if (!j.is_object() || !j.contains(name)) return "";
  if (j[name].is_string()) return j[name].get<std::string>();
  return text(j[name], "id");
}

}  // namespace

Result<Json> BillingService::handle_webhook(const std::string& body, const std::string& signature_header, UnixSeconds now) {
  if (settings_.webhook_secret.empty())
    return make_error("billing_not_configured", "webhooks are not configured on this server (no STRIPE_WEBHOOK_SECRET)");
  if (body.size() > kMaxStripeEventBody) return make_error("too_large", "the event is larger than 512 KiB");
  TIRAGE_TRY(verify_stripe_signature(signature_header, body, settings_.webhook_secret, now));
  StripeEvent event;
  TIRAGE_TRY_ASSIGN(event, parse_stripe_event(body));

  std::lock_guard lock(webhook_mu_);
  bool done = false;
  TIRAGE_TRY_ASSIGN(done, store_.receive_event(event.id, event.type, body, now));
  if (done) return Json{{"received", true}, {"duplicate", true}};
  if (auto ok = process(event, now); !ok) {
    (void)store_.mark_failed(event.id, ok.error().message);
    log_event("error", "stripe_event_failed", {{"stripe_event", event.id}, {"type", event.type}, {"error", ok.error().message}});
    // A 5xx makes Stripe deliver it again later; the event stays unprocessed until then.
    return make_error("event_failed", "the event could not be processed now: " + ok.error().message);
  }
  TIRAGE_TRY(store_.mark_processed(event.id, now));
  log_event("info", "stripe_event", {{"stripe_event", event.id}, {"type", event.type}});
  return Json{{"received", true}, {"duplicate", false}};
}

Status BillingService::process(const StripeEvent& event, UnixSeconds now) {
  const std::string& t = event.type;
  if (t == "checkout.session.completed" || t == "checkout.session.async_payment_succeeded")
    return on_checkout_completed(event, now);
  if (t == "customer.subscription.created" || t == "customer.subscription.updated" ||
      t == "customer.subscription.deleted" || t == "customer.subscription.paused" || t == "customer.subscription.resumed") {
    if (!is_stripe_id(event.object_id, "sub_")) return make_error("bad_event", "the event's object is not a subscription");
    return apply_subscription_id(event.object_id, event.id, subscription_organizer(event.object), now);
  }
  if (t == "invoice.paid" || t == "invoice.payment_succeeded") return on_invoice(event, false, now);
  if (t == "invoice.payment_failed") return on_invoice(event, true, now);
  return {};  // other events are stored and acknowledged, nothing more
}

Status BillingService::apply_subscription_id(const std::string& subscription_id, const std::string& source,
                                             const std::string& organizer_hint, UnixSeconds now) {
  auto sub = stripe_->retrieve("subscriptions/" + subscription_id);
  if (!sub) return sub.error();
  // The organizer: our metadata on the subscription, else whoever owns its customer.
  std::string org = subscription_organizer(*sub);
  if (org.empty()) org = store_.organizer_by_customer(id_of(*sub, "customer")).value_or(organizer_hint);
  if (org.empty() || !store_.contact(org))
    return make_error("bad_event", "subscription " + subscription_id + " belongs to no known organizer");
  std::lock_guard lock(store_.db().mutex());
  return store_.db().transaction([&]() -> Status {
    const BillingAccount before = store_.account(org);
    Transition t;
    TIRAGE_TRY_ASSIGN(t, apply_subscription(before, *sub, plans_, now));
    TIRAGE_TRY(commit(before, t, source, now));
    return t.grace_started ? tell_grace_started(t.after, now) : Status{};
  });
}

Status BillingService::tell_grace_started(const BillingAccount& a, UnixSeconds now) {
  auto contact = store_.contact(a.organizer_id);
  if (!contact) return {};
  const Plan* plan = plans_.find(a.plan);
  // Stored in the same transaction as the grace period, so the warning cannot be lost.
  auto mail = render_mail("payment_failed", contact->second,
                          {{"plan", plan ? plan->name : a.plan},
                           {"date", a.grace_until ? format_rfc3339(*a.grace_until) : ""},
                           {"link", settings_.public_url + "/billing"}},
                          settings_.public_url);
  return outbox_.enqueue(contact->first, mail, now);
}

Status BillingService::on_checkout_completed(const StripeEvent& event, UnixSeconds now) {
  if (!is_stripe_id(event.object_id, "cs_")) return make_error("bad_event", "the event's object is not a Checkout Session");
  // Only sessions this server created count; their organizer is the one recorded then.
  auto record = store_.checkout(event.object_id);
  if (!record) {
    log_event("warn", "stripe_unknown_checkout", {{"session", event.object_id}, {"stripe_event", event.id}});
    return {};
  }
  auto session = stripe_->retrieve("checkout/sessions/" + event.object_id);
  if (!session) return session.error();
  const std::string customer = id_of(*session, "customer");
  {
    std::lock_guard lock(store_.db().mutex());
    TIRAGE_TRY(store_.db().transaction([&]() -> Status {
      const BillingAccount before = store_.account(record->organizer_id);
      BillingAccount after = before;
      std::string note = "checkout " + event.object_id;
      if (after.customer.empty() && is_stripe_id(customer, "cus_")) after.customer = customer;
      const bool paid = text(*session, "payment_status") == "paid" && text(*session, "status") == "complete";
      if (record->kind == "one_time" && paid && !record->completed_at) {
        after.credits += 1;
        note += ": single draw paid";
        TIRAGE_TRY(store_.complete_checkout(event.object_id, now));
      }
      return commit(before, Transition{after, false, note}, event.id, now);
    }));
  }
  const std::string sub = id_of(*session, "subscription");
  if (record->kind == "subscription" && is_stripe_id(sub, "sub_")) {
    TIRAGE_TRY(apply_subscription_id(sub, event.id, record->organizer_id, now));
    std::lock_guard lock(store_.db().mutex());
    TIRAGE_TRY(store_.complete_checkout(event.object_id, now));
  }
  return {};
}

Status BillingService::on_invoice(const StripeEvent& event, bool failed, UnixSeconds now) {
  if (!is_stripe_id(event.object_id, "in_")) return make_error("bad_event", "the event's object is not an invoice");
  auto invoice = stripe_->retrieve("invoices/" + event.object_id);
  if (!invoice) return invoice.error();
  // Newer API versions move the subscription under parent.subscription_details.
  std::string sub = id_of(*invoice, "subscription");
  if (sub.empty() && invoice->contains("parent") && (*invoice)["parent"].is_object() &&
      (*invoice)["parent"].contains("subscription_details"))
    sub = id_of((*invoice)["parent"]["subscription_details"], "subscription");
  if (!is_stripe_id(sub, "sub_")) return {};  // not a subscription invoice (a single draw's receipt)
  const std::string org = store_.organizer_by_customer(id_of(*invoice, "customer")).value_or("");
  if (failed && text(*invoice, "status") != "paid" && !org.empty()) {
    // The grace period starts with a failed invoice of a subscription that is still behind on payment
    // now; one that has recovered since (a later event we may not have seen yet) needs no warning.
    auto current = stripe_->retrieve("subscriptions/" + sub);
    if (!current) return current.error();
    const std::string status = text(*current, "status");
    if (status == "past_due" || status == "unpaid") {
      std::lock_guard lock(store_.db().mutex());
      TIRAGE_TRY(store_.db().transaction([&]() -> Status {
        const BillingAccount before = store_.account(org);
        if (before.subscription != sub && !before.subscription.empty()) return {};
        const Transition t = payment_failed(before, plans_, now);
        TIRAGE_TRY(commit(before, t, event.id, now));
        return t.grace_started ? tell_grace_started(t.after, now) : Status{};
      }));
    }
  }
  return apply_subscription_id(sub, event.id, org, now);
}

}  // namespace tirage::server
