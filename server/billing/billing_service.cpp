#include "server/billing/billing_service.hpp"

#include <algorithm>

#include "server/billing/subscription_state.hpp"
#include "server/log/event_log.hpp"

namespace tirage::server {

namespace {

std::string text(const Json& j, const char* name) {
  return j.is_object() && j.contains(name) && j[name].is_string() ? j[name].get<std::string>() : "";
}

Json limit_json(const std::optional<std::int64_t>& v) { return v ? Json(*v) : Json(nullptr); }

bool includes(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

BillingService::BillingService(Database& db, PlanCatalog plans, std::unique_ptr<StripeClient> stripe,
                               BillingSettings settings, Outbox& outbox)
    : store_(db, plans.default_plan),
      plans_(std::move(plans)),
      stripe_(std::move(stripe)),
      settings_(std::move(settings)),
      outbox_(outbox) {}

Status BillingService::commit(const BillingAccount& before, const Transition& t, const std::string& source, UnixSeconds now) {
  if (before == t.after) return {};
  TIRAGE_TRY(store_.save(before, t.after, source, t.note, now));
  log_event("info", "billing_change",
            {{"organizer", t.after.organizer_id}, {"plan", t.after.plan}, {"status", t.after.status}, {"source", source}});
  return {};
}

BillingAccount BillingService::account(const std::string& organizer_id, UnixSeconds now) {
  std::lock_guard lock(store_.db().mutex());
  const BillingAccount before = store_.account(organizer_id);
  const Transition t = settle(before, plans_, now);
  if (auto ok = commit(before, t, "grace_period", now); !ok)
    log_event("error", "billing_settle", {{"organizer", organizer_id}, {"error", ok.error().message}});
  return t.after;
}

Status BillingService::grant(const std::string& organizer_id, const std::string& plan_id, UnixSeconds now) {
  if (!plans_.find(plan_id)) return make_error("usage", "no plan \"" + plan_id + "\" in the plans file");
  std::lock_guard lock(store_.db().mutex());
  const BillingAccount before = store_.account(organizer_id);
  BillingAccount after = before;
  after.plan = plan_id;
  after.status = plan_id == plans_.default_plan ? "none" : "manual";
  after.grace_until.reset();
  return commit(before, Transition{after, false, "set by an operator"}, "operator", now);
}

Json BillingService::overview(const Organizer& org, UnixSeconds now, const std::string& session_id) {
  const BillingAccount a = account(org.id, now);
  const Plan& plan = effective_plan(a, plans_, now);
  const UnixSeconds since = month_start(now);
  Json offer = Json::array();
  for (const auto& p : plans_.plans) offer.push_back(plan_to_json(p));
  auto opt_time = [](const std::optional<UnixSeconds>& t) { return t ? Json(format_rfc3339(*t)) : Json(nullptr); };
  Json checkout = nullptr;
  if (auto c = session_id.empty() ? std::nullopt : store_.checkout(session_id); c && c->organizer_id == org.id)
    checkout = Json{{"session_id", c->session_id}, {"plan", c->plan}, {"completed", c->completed_at.has_value()}};
  return Json{{"plan", {{"id", plan.id}, {"name", plan.name}, {"kind", plan.kind}}},
              {"checkout", checkout},
              {"status", a.status},
              {"interval", a.interval.empty() ? Json(nullptr) : Json(a.interval)},
              {"currency", a.currency.empty() ? Json(nullptr) : Json(a.currency)},
              {"current_period_end", opt_time(a.current_period_end)},
              {"grace_until", a.grace_until && *a.grace_until > now ? opt_time(a.grace_until) : Json(nullptr)},
              {"limits", limits_to_json(plan.limits)},
              {"usage", {{"month_start", format_rfc3339(since)},
                         {"draws_this_month", store_.draws_since(org.id, since)},
                         {"single_draw_credits", a.credits}}},
              {"has_customer", !a.customer.empty()},
              {"payments_enabled", stripe_ && stripe_->configured()},
              {"currencies", plans_.currencies},
              {"plans", offer},
              {"audit", store_.audit(org.id, 20)}};
}

Result<std::string> BillingService::ensure_customer(const Organizer& org, UnixSeconds now) {
  const BillingAccount before = account(org.id, now);
  if (!before.customer.empty()) return before.customer;
  // The same key for the same organizer: two clicks at once make one customer.
  auto customer = stripe_->create("customers",
                                  {{"email", org.email}, {"metadata[organizer_id]", org.id}},
                                  "tirage-customer-" + org.id);
  if (!customer) return customer.error();
  const std::string id = text(*customer, "id");
  if (!is_stripe_id(id, "cus_")) return make_error("stripe_error", "Stripe answered a customer without an id");
  std::lock_guard lock(store_.db().mutex());
  BillingAccount latest = store_.account(org.id);
  if (!latest.customer.empty()) return latest.customer;
  BillingAccount after = latest;
  after.customer = id;
  TIRAGE_TRY(commit(latest, Transition{after, false, "Stripe customer created"}, "checkout", now));
  return id;
}

Result<Json> BillingService::start_checkout(const Organizer& org, const Json& body, UnixSeconds now) {
  if (!stripe_ || !stripe_->configured())
    return make_error("billing_not_configured", "payments are not configured on this server");
  if (!body.is_object()) return make_error("bad_request", "the body must be a JSON object");
  for (auto it = body.begin(); it != body.end(); ++it)
    if (it.key() != "plan" && it.key() != "interval" && it.key() != "currency")
      return make_error("bad_request", "unknown field \"" + it.key().substr(0, 40) + "\" (plan, interval, currency)");
  const std::string plan_id = text(body, "plan"), currency = text(body, "currency");
  const Plan* plan = plans_.find(plan_id);
  if (!plan || plan->kind == "free") return make_error("bad_request", "\"plan\" must be a paid plan id, got \"" + plan_id.substr(0, 40) + "\"");
  const std::string interval = plan->kind == "one_time" ? "once" : text(body, "interval");
  const PlanPrice* price = plans_.price(*plan, interval, currency);
  if (!price)
    return make_error("bad_request", "plan \"" + plan->id + "\" has no price for interval \"" + interval.substr(0, 20) +
                                         "\" in currency \"" + currency.substr(0, 10) + "\"");
  const BillingAccount a = account(org.id, now);
  if (plan->kind == "subscription" && !a.subscription.empty() &&
      (a.status == "active" || a.status == "trialing" || a.status == "past_due"))
    return make_error("conflict", "you already have a subscription: change or cancel it in the customer portal");
  std::string customer;
  TIRAGE_TRY_ASSIGN(customer, ensure_customer(org, now));

  const bool subscription = plan->kind == "subscription";
  FormFields f = {{"mode", subscription ? "subscription" : "payment"},
                  {"line_items[0][price]", price->stripe_price},
                  {"line_items[0][quantity]", "1"},
                  {"customer", customer},
                  {"client_reference_id", org.id},
                  {"success_url", settings_.public_url + "/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}"},
                  {"cancel_url", settings_.public_url + "/billing?checkout=cancel"},
                  {"metadata[organizer_id]", org.id},
                  {"metadata[plan]", plan->id},
                  {"tax_id_collection[enabled]", "true"},
                  {"customer_update[name]", "auto"},
                  {"customer_update[address]", "auto"},
                  {"billing_address_collection", "required"}};
  if (subscription) f.push_back({"subscription_data[metadata][organizer_id]", org.id});
  else f.push_back({"payment_intent_data[metadata][organizer_id]", org.id});
  auto session = stripe_->create("checkout/sessions", f, new_idempotency_key());
  if (!session) return session.error();
  const std::string id = text(*session, "id"), url = text(*session, "url");
  if (!is_stripe_id(id, "cs_") || (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0))
    return make_error("stripe_error", "Stripe answered a Checkout Session without an id or url");
  // Kept before answering, so a restart before the webhook loses nothing.
  TIRAGE_TRY(store_.record_checkout({id, org.id, subscription ? "subscription" : "one_time", plan->id, interval, currency, {}}, now));
  log_event("info", "checkout_started", {{"organizer", org.id}, {"plan", plan->id}, {"session", id}});
  return Json{{"url", url}, {"session_id", id}};
}

Result<Json> BillingService::portal(const Organizer& org, UnixSeconds now) {
  if (!stripe_ || !stripe_->configured())
    return make_error("billing_not_configured", "payments are not configured on this server");
  const BillingAccount a = account(org.id, now);
  if (a.customer.empty()) return make_error("conflict", "nothing to manage yet: choose a plan first");
  auto session = stripe_->create("billing_portal/sessions",
                                 {{"customer", a.customer}, {"return_url", settings_.public_url + "/billing"}},
                                 new_idempotency_key());
  if (!session) return session.error();
  const std::string url = text(*session, "url");
  if (url.empty()) return make_error("stripe_error", "Stripe answered a portal session without a url");
  return Json{{"url", url}};
}

Json BillingService::refusal(const std::string& limit, const std::string& message, const Json& allowed,
                             const Json& requested, const Plan& plan) const {
  Json upgrades = Json::array();
  for (const auto& p : plans_.plans) {
    if (p.kind == "free" || p.id == plan.id) continue;
    const PlanLimits& l = p.limits;
    bool fits = true;
    if (limit == "participants_per_draw") fits = !l.participants_per_draw || requested.get<std::int64_t>() <= *l.participants_per_draw;
    if (limit == "alternates") fits = !l.alternates || requested.get<std::int64_t>() <= *l.alternates;
    if (limit == "draws_per_month") fits = p.kind == "one_time" || !l.draws_per_month || *l.draws_per_month > allowed.get<std::int64_t>();
    if (limit == "api_access") fits = l.api_access;
    if (limit == "import_platforms") fits = includes(l.import_platforms, requested.get<std::string>());
    if (fits) upgrades.push_back(p.id);
  }
  return Json{{"code", "plan_limit"}, {"message", message},    {"limit", limit},       {"plan", plan.id},
              {"allowed", allowed},   {"requested", requested}, {"upgrade", upgrades}, {"upgrade_url", settings_.public_url + "/billing"}};
}

DrawAdmission BillingService::admit_draw(const Organizer& org, const Json& body, UnixSeconds now) {
  DrawAdmission d;
  d.lock = std::unique_lock(draws_mu_);
  const BillingAccount a = account(org.id, now);
  const Plan& plan = effective_plan(a, plans_, now);
  auto count = [&](const char* f) -> std::int64_t {
    return body.is_object() && body.contains(f) && body[f].is_number_integer() ? body[f].get<std::int64_t>() : 0;
  };
  const std::int64_t participants = count("participants_count"), alternates = count("alternates");
  const std::int64_t used = store_.draws_since(org.id, month_start(now));
  // The first limit the plan misses, if any.
  auto miss = [&](const PlanLimits& l) -> Json {
    if (l.participants_per_draw && participants > *l.participants_per_draw)
      return refusal("participants_per_draw",
                     "the " + plan.name + " plan allows " + std::to_string(*l.participants_per_draw) +
                         " participants per draw; this draw has " + std::to_string(participants),
                     limit_json(l.participants_per_draw), participants, plan);
    if (l.alternates && alternates > *l.alternates)
      return refusal("alternates",
                     "the " + plan.name + " plan allows " + std::to_string(*l.alternates) + " alternates; this draw asks for " +
                         std::to_string(alternates),
                     limit_json(l.alternates), alternates, plan);
    if (l.draws_per_month && used >= *l.draws_per_month)
      return refusal("draws_per_month",
                     "the " + plan.name + " plan allows " + std::to_string(*l.draws_per_month) + " draws per month; " +
                         std::to_string(used) + " were made since " + format_rfc3339(month_start(now)),
                     limit_json(l.draws_per_month), used + 1, plan);
    return nullptr;
  };
  d.refusal = miss(plan.limits);
  if (d.refusal.is_null() || a.credits <= 0) return d;
  // A single draw bought earlier covers one draw the plan does not (its own limits, not counted per month).
  for (const auto& p : plans_.plans) {
    if (p.kind != "one_time") continue;
    PlanLimits l = p.limits;
    l.draws_per_month.reset();
    if (miss(l).is_null()) {
      d.refusal = nullptr;
      d.uses_credit = true;
      return d;
    }
  }
  return d;
}

void BillingService::draw_created(DrawAdmission& admission, const Organizer& org, const std::string& draw_id, UnixSeconds now) {
  if (admission.uses_credit) {
    std::lock_guard lock(store_.db().mutex());
    const BillingAccount before = store_.account(org.id);
    BillingAccount after = before;
    after.credits = std::max<std::int64_t>(0, before.credits - 1);
    if (auto ok = commit(before, Transition{after, false, "single draw used by " + draw_id}, "draw", now); !ok)
      log_event("error", "billing_credit", {{"organizer", org.id}, {"draw_id", draw_id}, {"error", ok.error().message}});
  }
  admission.lock = {};
}

Json BillingService::import_refusal(const Organizer& org, std::string_view platform, UnixSeconds now) {
  const BillingAccount a = account(org.id, now);
  const Plan& plan = effective_plan(a, plans_, now);
  if (includes(plan.limits.import_platforms, platform)) return nullptr;
  // A single draw bought earlier covers the import of the draw it pays for, as it covers the draw.
  if (a.credits > 0)
    for (const auto& p : plans_.plans)
      if (p.kind == "one_time" && includes(p.limits.import_platforms, platform)) return nullptr;
  std::string allowed_list;
  for (const auto& name : plan.limits.import_platforms) allowed_list += (allowed_list.empty() ? "" : ", ") + name;
  return refusal("import_platforms",
                 "the " + plan.name + " plan does not include importing from " + std::string(platform) + " (it imports from " +
                     (allowed_list.empty() ? std::string("no platform") : allowed_list) +
                     "); upgrade, or import the comments from a CSV or XLSX file",
                 plan.limits.import_platforms, std::string(platform), plan);
}

Json BillingService::api_key_refusal(const Organizer& org, UnixSeconds now) {
  const Plan& plan = effective_plan(account(org.id, now), plans_, now);
  if (plan.limits.api_access) return nullptr;
  return refusal("api_access", "the " + plan.name + " plan does not include API access; log in to the app, or upgrade",
                 false, true, plan);
}

}  // namespace tirage::server
