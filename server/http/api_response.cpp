#include "server/http/api_response.hpp"

#include <map>

#include "server/http/request_id.hpp"
#include "server/log/event_log.hpp"

namespace tirage::server {

int status_for(const std::string& code) {
  static const std::map<std::string, int> kStatus = {
      {"bad_request", 400},       {"bad_json", 400},         {"weak_password", 400},
      {"unauthorized", 401},      {"invalid_credentials", 401}, {"csrf", 403},
      {"forbidden", 403},         {"not_found", 404},        {"not_available", 404},        {"conflict", 409},
      {"gone", 410},
      {"not_yet", 409},           {"giveaway_taken", 409},   {"deadline_passed", 409},      {"too_large", 413},        {"unsupported_media_type", 415},
      {"rate_limited", 429},      {"beacon_unavailable", 503}, {"bad_beacon", 502},
      {"plan_limit", 402},        {"billing_not_configured", 503}, {"stripe_error", 502}, {"stripe_auth", 502},
      {"stripe_unreachable", 503},
      {"email_unverified", 403},  {"reconnect_needed", 409},  {"token_unreadable", 409},
      {"provider_refused", 502},  {"provider_unavailable", 503}, {"not_configured", 503},
      {"stale_signed_request", 400},
      {"insufficient_scope", 403}, {"idempotency_key_reused", 422}, {"idempotency_in_progress", 409},
  };
  auto it = kStatus.find(code);
  if (it != kStatus.end()) return it->second;
  // Errors from the protocol core about submitted data are the client's.
  if (code.rfind("bad_", 0) == 0 || code == "wrong_picks") return 400;
  return 500;
}

void send_json(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void send_error(httplib::Response& res, const Error& error) {
  const int status = status_for(error.code);
  // Internal details stay in the log; the client learns only that it failed, and the id that finds the log line.
  const std::string message = status >= 500 && status != 502 && status != 503 ? "internal error" : error.message;
  Json body{{"error", {{"code", error.code}, {"message", message}}}};
  if (status >= 500) {
    const std::string id = new_request_id();
    res.set_header(kRequestIdHeader, id);
    body["error"]["request_id"] = id;
    log_event("error", "server_error", {{"request_id", id}, {"code", error.code}, {"detail", error.message}});
  }
  send_json(res, status, body);
}

std::string request_cookie(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  std::size_t pos = 0;
  while (pos < header.size()) {
    auto end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return "";
}

Result<Json> read_json_body(const httplib::Request& req) {
  if (req.body.size() > kMaxJsonBody) return make_error("too_large", "the body is larger than 1 MiB");
  const std::string type = req.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0)
    return make_error("unsupported_media_type", "send the body as application/json");
  auto j = parse_json(req.body, request_json_limits());
  if (!j) return j.error();
  return j;
}

}  // namespace tirage::server
