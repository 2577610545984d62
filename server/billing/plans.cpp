#include "server/billing/plans.hpp"

#include <set>

#include "shared/protocol/entry.hpp"

namespace tirage::server {

namespace {

Error bad(const std::string& where, const std::string& what) { return make_error("bad_plans", where + ": " + what); }

Status only_fields(const Json& j, const std::string& where, std::initializer_list<const char*> allowed) {
  if (!j.is_object()) return bad(where, "must be an object");
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool known = it.key().rfind("_comment", 0) == 0;
    for (const char* f : allowed) known = known || it.key() == f;
    if (!known) return bad(where + "." + it.key().substr(0, 60), "unknown field");
  }
  return {};
}

Result<const Json*> field(const Json& j, const std::string& where, const char* name) {
  if (!j.contains(name)) return bad(where + "." + name, "is missing");
  return &j[name];
}

Result<std::string> text_field(const Json& j, const std::string& where, const char* name, std::size_t max = 100) {
  const Json* v;
  TIRAGE_TRY_ASSIGN(v, field(j, where, name));
  if (!v->is_string() || v->get<std::string>().empty() || v->get<std::string>().size() > max)
    return bad(where + "." + name, "must be a string of 1 to " + std::to_string(max) + " bytes");
  return v->get<std::string>();
}

bool is_identifier(const std::string& s) {
  return !s.empty() && s.size() <= 40 && s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
}

Result<std::optional<std::int64_t>> limit_field(const Json& j, const std::string& where, const char* name) {
  const Json* v;
  TIRAGE_TRY_ASSIGN(v, field(j, where, name));
  if (v->is_null()) return std::optional<std::int64_t>{};
  if (!v->is_number_integer() || v->get<std::int64_t>() < 0)
    return bad(where + "." + name, "must be a non-negative integer, or null for no limit");
  return std::optional<std::int64_t>(v->get<std::int64_t>());
}

Result<bool> bool_field(const Json& j, const std::string& where, const char* name) {
  const Json* v;
  TIRAGE_TRY_ASSIGN(v, field(j, where, name));
  if (!v->is_boolean()) return bad(where + "." + name, "must be true or false");
  return v->get<bool>();
}

Result<PlanLimits> parse_limits(const Json& j, const std::string& where) {
  for (const char* unbuilt : {"branded_certificates", "video_export", "team_seats"})
    if (j.is_object() && j.contains(unbuilt))
      return bad(where + "." + unbuilt, "is not a feature Tirage has yet: remove it, so no plan sells it");
  TIRAGE_TRY(only_fields(j, where, {"participants_per_draw", "draws_per_month", "alternates", "import_platforms", "api_access"}));
  PlanLimits l;
  TIRAGE_TRY_ASSIGN(l.participants_per_draw, limit_field(j, where, "participants_per_draw"));
  TIRAGE_TRY_ASSIGN(l.draws_per_month, limit_field(j, where, "draws_per_month"));
  TIRAGE_TRY_ASSIGN(l.alternates, limit_field(j, where, "alternates"));
  TIRAGE_TRY_ASSIGN(l.api_access, bool_field(j, where, "api_access"));
  const Json* platforms;
  TIRAGE_TRY_ASSIGN(platforms, field(j, where, "import_platforms"));
  if (!platforms->is_array()) return bad(where + ".import_platforms", "must be a list of platform names");
  for (std::size_t i = 0; i < platforms->size(); ++i) {
    const Json& p = (*platforms)[i];
    if (!p.is_string() || !is_known_platform(p.get<std::string>()) || p.get<std::string>() == "list")
      return bad(where + ".import_platforms[" + std::to_string(i) + "]",
                 "must be instagram, facebook, x, youtube or tiktok (file imports are open to every plan)");
    l.import_platforms.push_back(p.get<std::string>());
  }
  return l;
}

Result<std::vector<PlanPrice>> parse_prices(const Json& j, const std::string& where, const std::string& kind,
                                            const std::vector<std::string>& currencies) {
  if (!j.is_object()) return bad(where, "must be an object of intervals");
  std::vector<PlanPrice> out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string interval = it.key();
    const std::string at = where + "." + interval.substr(0, 40);
    const bool fits = kind == "subscription" ? (interval == "month" || interval == "year") : (kind == "one_time" && interval == "once");
    if (!fits)
      return bad(at, kind == "subscription" ? "a subscription is priced per \"month\" or \"year\""
                                            : kind == "one_time" ? "a one-time purchase is priced \"once\""
                                                                 : "a free plan has no prices");
    if (!it->is_object()) return bad(at, "must be an object of currencies");
    for (const auto& currency : currencies)
      if (!it->contains(currency)) return bad(at + "." + currency, "is missing (every listed currency needs a price)");
    for (auto c = it->begin(); c != it->end(); ++c) {
      const std::string cat = at + "." + c.key().substr(0, 10);
      bool listed = false;
      for (const auto& currency : currencies) listed = listed || currency == c.key();
      if (!listed) return bad(cat, "is not in \"currencies\"");
      TIRAGE_TRY(only_fields(*c, cat, {"amount", "stripe_price"}));
      PlanPrice p;
      p.interval = interval;
      p.currency = c.key();
      const Json* amount;
      TIRAGE_TRY_ASSIGN(amount, field(*c, cat, "amount"));
      if (!amount->is_number_integer() || amount->get<std::int64_t>() <= 0)
        return bad(cat + ".amount", "must be a positive integer (the smallest unit, e.g. cents)");
      p.amount = amount->get<std::int64_t>();
      TIRAGE_TRY_ASSIGN(p.stripe_price, text_field(*c, cat, "stripe_price", 255));
      if (p.stripe_price.rfind("price_", 0) != 0) return bad(cat + ".stripe_price", "must be a Stripe price id (price_...)");
      out.push_back(std::move(p));
    }
  }
  if (kind != "free" && out.empty()) return bad(where, "a paid plan needs at least one price");
  return out;
}

}  // namespace

const Plan* PlanCatalog::find(std::string_view id) const {
  for (const auto& p : plans)
    if (p.id == id) return &p;
  return nullptr;
}

const PlanPrice* PlanCatalog::price(const Plan& plan, std::string_view interval, std::string_view currency) const {
  for (const auto& p : plan.prices)
    if (p.interval == interval && p.currency == currency) return &p;
  return nullptr;
}

std::pair<const Plan*, const PlanPrice*> PlanCatalog::by_stripe_price(std::string_view stripe_price) const {
  for (const auto& plan : plans)
    for (const auto& p : plan.prices)
      if (p.stripe_price == stripe_price) return {&plan, &p};
  return {nullptr, nullptr};
}

Result<PlanCatalog> parse_plans(std::string_view text) {
  if (text.size() > 256 * 1024) return bad("plans file", "larger than 256 KiB");
  auto parsed = parse_json(text);
  if (!parsed) return bad("plans file", parsed.error().message);
  const Json& j = *parsed;
  TIRAGE_TRY(only_fields(j, "plans file", {"currencies", "default_plan", "grace_period_seconds", "plans"}));
  PlanCatalog cat;
  const Json* currencies;
  TIRAGE_TRY_ASSIGN(currencies, field(j, "plans file", "currencies"));
  if (!currencies->is_array() || currencies->empty()) return bad("currencies", "must be a non-empty list");
  for (std::size_t i = 0; i < currencies->size(); ++i) {
    const Json& c = (*currencies)[i];
    if (!c.is_string() || c.get<std::string>().size() != 3 ||
        c.get<std::string>().find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos)
      return bad("currencies[" + std::to_string(i) + "]", "must be a lowercase ISO 4217 code such as \"eur\"");
    cat.currencies.push_back(c.get<std::string>());
  }
  TIRAGE_TRY_ASSIGN(cat.default_plan, text_field(j, "plans file", "default_plan"));
  const Json* grace;
  TIRAGE_TRY_ASSIGN(grace, field(j, "plans file", "grace_period_seconds"));
  if (!grace->is_number_integer() || grace->get<std::int64_t>() < 1 || grace->get<std::int64_t>() > 90 * 86400)
    return bad("grace_period_seconds", "must be an integer from 1 to 7776000 (90 days)");
  cat.grace_period_seconds = grace->get<std::int64_t>();
  const Json* plans;
  TIRAGE_TRY_ASSIGN(plans, field(j, "plans file", "plans"));
  if (!plans->is_array() || plans->empty()) return bad("plans", "must be a non-empty list");
  std::set<std::string> ids, stripe_prices;
  for (std::size_t i = 0; i < plans->size(); ++i) {
    const std::string where = "plans[" + std::to_string(i) + "]";
    const Json& p = (*plans)[i];
    TIRAGE_TRY(only_fields(p, where, {"id", "name", "kind", "limits", "prices"}));
    Plan plan;
    TIRAGE_TRY_ASSIGN(plan.id, text_field(p, where, "id", 40));
    if (!is_identifier(plan.id)) return bad(where + ".id", "must be lowercase letters, digits and _");
    if (!ids.insert(plan.id).second) return bad(where + ".id", "\"" + plan.id + "\" is used twice");
    TIRAGE_TRY_ASSIGN(plan.name, text_field(p, where, "name"));
    TIRAGE_TRY_ASSIGN(plan.kind, text_field(p, where, "kind"));
    if (plan.kind != "free" && plan.kind != "subscription" && plan.kind != "one_time")
      return bad(where + ".kind", "must be \"free\", \"subscription\" or \"one_time\"");
    const Json* limits;
    TIRAGE_TRY_ASSIGN(limits, field(p, where, "limits"));
    TIRAGE_TRY_ASSIGN(plan.limits, parse_limits(*limits, where + ".limits"));
    const Json* prices;
    TIRAGE_TRY_ASSIGN(prices, field(p, where, "prices"));
    TIRAGE_TRY_ASSIGN(plan.prices, parse_prices(*prices, where + ".prices", plan.kind, cat.currencies));
    for (const auto& price : plan.prices)
      if (!stripe_prices.insert(price.stripe_price).second)
        return bad(where + ".prices." + price.interval + "." + price.currency + ".stripe_price",
                   "\"" + price.stripe_price + "\" is used twice (each Stripe price must name one plan)");
    cat.plans.push_back(std::move(plan));
  }
  const Plan* def = cat.find(cat.default_plan);
  if (!def) return bad("default_plan", "\"" + cat.default_plan + "\" is not a plan id");
  if (def->kind != "free") return bad("default_plan", "must name a plan of kind \"free\"");
  return cat;
}

Json limits_to_json(const PlanLimits& l) {
  auto limit = [](const std::optional<std::int64_t>& v) { return v ? Json(*v) : Json(nullptr); };
  return Json{{"participants_per_draw", limit(l.participants_per_draw)},
              {"draws_per_month", limit(l.draws_per_month)},
              {"alternates", limit(l.alternates)},
              {"import_platforms", l.import_platforms},
              {"api_access", l.api_access}};
}

Json plan_to_json(const Plan& plan) {
  Json prices = Json::array();
  for (const auto& p : plan.prices)
    prices.push_back(Json{{"interval", p.interval}, {"currency", p.currency}, {"amount", p.amount}});
  return Json{{"id", plan.id}, {"name", plan.name}, {"kind", plan.kind}, {"limits", limits_to_json(plan.limits)},
              {"prices", prices}};
}

}  // namespace tirage::server
