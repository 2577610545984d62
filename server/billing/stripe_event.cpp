#include "server/billing/stripe_event.hpp"

namespace tirage::server {

namespace {
Error bad(const std::string& why) { return make_error("bad_event", "webhook body: " + why); }

std::string string_at(const Json& j, const char* name) {
  return j.contains(name) && j[name].is_string() ? j[name].get<std::string>() : "";
}
}  // namespace

bool is_stripe_id(std::string_view id, std::string_view prefix) {
  if (id.size() <= prefix.size() || id.size() > 255 || id.substr(0, prefix.size()) != prefix) return false;
  return id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") == std::string_view::npos;
}

Result<StripeEvent> parse_stripe_event(std::string_view body) {
  if (body.size() > kMaxStripeEventBody) return bad("larger than 512 KiB");
  auto parsed = parse_json(body);
  if (!parsed) return bad(parsed.error().message);
  const Json& j = *parsed;
  if (!j.is_object()) return bad("must be a JSON object");
  if (string_at(j, "object") != "event") return bad("\"object\" must be \"event\"");
  StripeEvent e;
  e.id = string_at(j, "id");
  if (!is_stripe_id(e.id, "evt_")) return bad("\"id\" must be an event id (evt_...)");
  e.type = string_at(j, "type");
  if (e.type.empty() || e.type.size() > 100 ||
      e.type.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._") != std::string::npos)
    return bad("\"type\" must be an event type such as \"invoice.paid\"");
  if (j.contains("created")) {
    if (!j["created"].is_number_integer()) return bad("\"created\" must be an integer");
    e.created = j["created"].get<std::int64_t>();
  }
  if (j.contains("livemode") && j["livemode"].is_boolean()) e.livemode = j["livemode"].get<bool>();
  if (!j.contains("data") || !j["data"].is_object() || !j["data"].contains("object") || !j["data"]["object"].is_object())
    return bad("\"data.object\" must be an object");
  e.object = j["data"]["object"];
  e.object_id = string_at(e.object, "id");
  e.object_kind = string_at(e.object, "object");
  if (e.object_id.empty() || e.object_id.size() > 255 || !is_stripe_id(e.object_id, e.object_id.substr(0, e.object_id.find('_') + 1)))
    return bad("\"data.object.id\" must be a Stripe object id");
  return e;
}

}  // namespace tirage::server
