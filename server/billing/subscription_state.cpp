#include "server/billing/subscription_state.hpp"

namespace tirage::server {

namespace {

std::string text(const Json& j, const char* name) {
  return j.is_object() && j.contains(name) && j[name].is_string() ? j[name].get<std::string>() : "";
}

// The first subscription item (Tirage subscriptions have exactly one).
const Json* first_item(const Json& sub) {
  if (!sub.contains("items") || !sub["items"].is_object() || !sub["items"].contains("data")) return nullptr;
  const Json& data = sub["items"]["data"];
  return data.is_array() && !data.empty() && data[0].is_object() ? &data[0] : nullptr;
}

std::optional<UnixSeconds> period_end(const Json& sub, const Json* item) {
  // Newer API versions keep the period on the item; older ones on the subscription.
  for (const Json* j : {item, &sub})
    if (j && j->contains("current_period_end") && (*j)["current_period_end"].is_number_integer())
      return (*j)["current_period_end"].get<UnixSeconds>();
  return std::nullopt;
}

}  // namespace

std::string subscription_organizer(const Json& sub) {
  return sub.contains("metadata") ? text(sub["metadata"], "organizer_id") : "";
}

Transition payment_failed(const BillingAccount& before, const PlanCatalog& plans, UnixSeconds now) {
  Transition t{before, false, "payment failed"};
  if (before.plan == plans.default_plan) return t;  // nothing to lose, nothing to warn about
  if (!before.grace_until) {
    t.after.grace_until = now + plans.grace_period_seconds;
    t.grace_started = true;
    t.note = "payment failed: grace period until " + format_rfc3339(*t.after.grace_until);
  }
  if (t.after.status == "active") t.after.status = "past_due";
  return t;
}

Transition settle(const BillingAccount& before, const PlanCatalog& plans, UnixSeconds now) {
  Transition t{before, false, ""};
  if (before.grace_until && *before.grace_until <= now && before.plan != plans.default_plan) {
    t.after.plan = plans.default_plan;
    t.note = "grace period ended without payment: downgraded (no data deleted)";
  }
  return t;
}

Result<Transition> apply_subscription(const BillingAccount& before, const Json& sub, const PlanCatalog& plans,
                                      UnixSeconds now) {
  const std::string id = text(sub, "id"), status = text(sub, "status");
  if (id.empty() || status.empty()) return make_error("bad_subscription", "the subscription has no id or status");
  const Json* item = first_item(sub);
  const std::string price = item && (*item).contains("price") ? text((*item)["price"], "id") : "";
  auto [plan, plan_price] = plans.by_stripe_price(price);
  if (!plan || plan->kind != "subscription")
    return make_error("bad_subscription", "subscription " + id + " uses price \"" + price.substr(0, 100) +
                                              "\", which no subscription plan in the plans file has");
  Transition t{before, false, "subscription " + id + " is " + status};
  BillingAccount& a = t.after;
  const bool active_elsewhere = !before.subscription.empty() && before.subscription != id &&
                                (before.status == "active" || before.status == "trialing" || before.status == "past_due");
  if (active_elsewhere && status != "active" && status != "trialing") {
    t.note = "subscription " + id + " is " + status + ", but the organizer's current subscription is " + before.subscription +
             ": ignored";
    return t;
  }
  if (!text(sub, "customer").empty()) a.customer = text(sub, "customer");
  a.subscription = id;
  a.status = status;
  a.interval = plan_price->interval;
  a.currency = plan_price->currency;
  a.current_period_end = period_end(sub, item);
  if (status == "active" || status == "trialing") {
    a.plan = plan->id;
    a.grace_until.reset();
  } else if (status == "past_due" || status == "unpaid") {
    // Access stays through the grace period, which starts here if the failed invoice has not arrived yet.
    a.plan = plan->id;
    Transition failed = payment_failed(a, plans, now);
    a = failed.after;
    a.status = status;
    t.grace_started = failed.grace_started;
    if (failed.grace_started) t.note = failed.note;
  } else if (status == "canceled" || status == "incomplete_expired" || status == "paused") {
    // A grace period already running is honoured to its end; otherwise access ends now.
    if (!(a.grace_until && *a.grace_until > now)) a.plan = plans.default_plan;
  }
  // incomplete: the first payment has not gone through; nothing is granted yet.
  Transition settled = settle(t.after, plans, now);
  if (!(settled.after == t.after)) {
    t.after = settled.after;
    t.note += "; " + settled.note;
  }
  return t;
}

const Plan& effective_plan(const BillingAccount& account, const PlanCatalog& plans, UnixSeconds now) {
  const BillingAccount settled = settle(account, plans, now).after;
  const Plan* p = plans.find(settled.plan);
  return p ? *p : plans.free_plan();  // a plan removed from the file falls back to the default
}

}  // namespace tirage::server
