#include "shared/oauth/provider_answers.hpp"

namespace tirage {

namespace {

std::string json_text(const Json& j, const char* name) {
  if (!j.is_object() || !j.contains(name)) return "";
  if (j[name].is_string()) return j[name].get<std::string>();
  if (j[name].is_number_unsigned()) return std::to_string(j[name].get<std::uint64_t>());
  if (j[name].is_number_integer()) return std::to_string(j[name].get<std::int64_t>());
  return "";
}

std::optional<UnixSeconds> json_seconds(const Json& j, const char* name) {
  if (!j.is_object() || !j.contains(name) || !j[name].is_number()) return std::nullopt;
  const double v = j[name].get<double>();
  if (v < 0 || v > 10.0 * 365 * 86400) return std::nullopt;
  return static_cast<UnixSeconds>(v);
}

// What the provider said when it refused: RFC 6749 {"error","error_description"},
// Meta's {"error":{"message"}}, Instagram's {"error_message"}, TikTok's {"error":{"message"}}.
std::string refusal_of(std::string_view body) {
  auto j = parse_json(body);
  if (!j || !j->is_object()) return "an answer that is not JSON";
  const Json& e = *j;
  if (e.contains("error") && e["error"].is_string())
    return e["error"].get<std::string>() + (json_text(e, "error_description").empty() ? "" : " (" + json_text(e, "error_description") + ")");
  if (e.contains("error") && e["error"].is_object() && !json_text(e["error"], "message").empty())
    return json_text(e["error"], "message");
  if (!json_text(e, "error_message").empty()) return json_text(e, "error_message");
  return "an error without a description";
}

}  // namespace

std::string provider_refusal(std::string_view body) {
  std::string text = refusal_of(body);
  if (text.size() > 300) text = text.substr(0, 300) + "…";  // a provider's words, shown to people: kept short
  return text;
}

Result<TokenSet> parse_token_answer(const std::string& provider_name, int status, std::string_view body, UnixSeconds now) {
  if (status != 200) return make_error("provider_refused", provider_name + " refused: " + provider_refusal(body) + " (HTTP " + std::to_string(status) + ")");
  auto parsed = parse_json(body);
  if (!parsed || !parsed->is_object()) return make_error("provider_refused", provider_name + " sent a token answer that is not a JSON object");
  Json j = *parsed;
  if (j.contains("data") && j["data"].is_array() && !j["data"].empty()) j = j["data"][0];  // Instagram's wrapped shape
  else if (j.contains("data") && j["data"].is_object() && j["data"].contains("access_token")) j = j["data"];
  TokenSet t;
  t.access_token = json_text(j, "access_token");
  if (t.access_token.empty() || t.access_token.size() > 4096)
    return make_error("provider_refused", provider_name + " sent no usable access_token: " + provider_refusal(body));
  t.refresh_token = json_text(j, "refresh_token");
  if (t.refresh_token.size() > 4096) return make_error("provider_refused", provider_name + " sent a refresh_token longer than 4096 bytes");
  t.scope = json_text(j, "scope").empty() ? json_text(j, "permissions") : json_text(j, "scope");
  t.user_id = json_text(j, "user_id").empty() ? json_text(j, "open_id") : json_text(j, "user_id");
  if (auto s = json_seconds(j, "expires_in")) t.access_expires_at = now + *s;
  if (auto s = json_seconds(j, "refresh_expires_in")) t.refresh_expires_at = now + *s;
  return t;
}

Result<Identity> parse_identity(const std::string& provider_id, const std::string& provider_name, std::string_view body) {
  auto j = parse_json(body);
  if (!j || !j->is_object()) return make_error("provider_refused", provider_name + " described the account in something other than a JSON object");
  const Json& v = *j;
  Identity id;
  if (provider_id == "google") {
    id.subject = json_text(v, "sub");
    id.email = json_text(v, "email");
    id.email_verified = v.contains("email_verified") && v["email_verified"].is_boolean() && v["email_verified"].get<bool>();
    id.name = json_text(v, "name").empty() ? id.email : json_text(v, "name");
  } else if (provider_id == "facebook") {
    id.subject = json_text(v, "id");
    id.name = json_text(v, "name");
    id.email = json_text(v, "email");
    // Facebook says nothing about whether it checked the address (an account may hold one it never
    // confirmed), so the address counts as unproven until our own mail proves it (server/oauth/oauth_logins.hpp).
    id.email_verified = false;
  } else if (provider_id == "instagram") {
    id.subject = json_text(v, "user_id");
    id.app_user_id = json_text(v, "id");
    id.name = json_text(v, "username");
  } else if (provider_id == "x") {
    const Json data = v.contains("data") ? v["data"] : Json::object();
    id.subject = json_text(data, "id");
    id.name = json_text(data, "username");
  } else if (provider_id == "tiktok") {
    const Json user = v.contains("data") && v["data"].is_object() && v["data"].contains("user") ? v["data"]["user"] : Json::object();
    id.subject = json_text(user, "open_id");
    id.name = json_text(user, "display_name");
  }
  if (id.subject.empty() || id.subject.size() > 200)
    return make_error("provider_refused", provider_name + " did not say which account this is");
  if (id.app_user_id.empty()) id.app_user_id = id.subject;
  if (id.name.size() > 200) {
    std::size_t cut = 200;  // on a character boundary, so the name stays valid UTF-8
    while (cut > 0 && (static_cast<unsigned char>(id.name[cut]) & 0xC0) == 0x80) --cut;
    id.name.resize(cut);
  }
  return id;
}

Result<PageList> parse_page_list(std::string_view body) {
  auto j = parse_json(body);
  if (!j || !j->is_object() || !j->contains("data") || !(*j)["data"].is_array())
    return make_error("provider_refused", "Facebook listed the Pages without a \"data\" array");
  PageList out;
  for (const auto& p : (*j)["data"]) {
    FacebookPage page{json_text(p, "id"), json_text(p, "name"), json_text(p, "access_token")};
    if (!page.id.empty() && !page.access_token.empty()) out.pages.push_back(std::move(page));
  }
  if (j->contains("paging") && (*j)["paging"].is_object()) out.next = json_text((*j)["paging"], "next");
  return out;
}

}  // namespace tirage
