#include "server/billing/stripe_client.hpp"

#include <httplib.h>

#include "server/http/worker_pool.hpp"
#include "server/random.hpp"
#include "shared/core/percent_encoding.hpp"

namespace tirage::server {

namespace {

constexpr std::size_t kMaxAnswer = 1 << 20;  // Stripe objects are a few KiB
constexpr int kAttempts = 2;                 // a create is retried once, with the same key, after a network failure

// Stripe's {"error": {...}} answer as a readable error; the key never appears in it.
Error stripe_error(int status, const std::string& body) {
  auto j = parse_json(body);
  std::string type = "api_error", message = "HTTP " + std::to_string(status), param, code;
  if (j && j->is_object() && j->contains("error") && (*j)["error"].is_object()) {
    const Json& e = (*j)["error"];
    auto get = [&](const char* f) { return e.contains(f) && e[f].is_string() ? e[f].get<std::string>() : ""; };
    type = get("type").empty() ? type : get("type");
    message = get("message").empty() ? message : get("message").substr(0, 500);
    param = get("param");
    code = get("code");
  }
  std::string text = "Stripe answered " + std::to_string(status) + " " + type + (code.empty() ? "" : " (" + code + ")") +
                     (param.empty() ? "" : " about " + param.substr(0, 100)) + ": " + message;
  // Stripe echoes part of a wrong key ("Invalid API Key provided: sk_test_***1234"): keep that out of logs.
  if (status == 401) text = "Stripe refused the secret key (401 " + type + "): check STRIPE_SECRET_KEY";
  if (status == 404 && code == "resource_missing") return make_error("not_found", text);
  return make_error(status == 401 ? "stripe_auth" : "stripe_error", text);
}

}  // namespace

std::string new_idempotency_key() {
  Bytes b = random_bytes(16);
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80);
  const std::string h = to_hex(b);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

Result<Json> StripeClient::create(const std::string& path, const FormFields& fields, const std::string& idempotency_key) const {
  return call("POST", path, form_urlencode(fields), idempotency_key);
}

Result<Json> StripeClient::retrieve(const std::string& path) const { return call("GET", path, "", ""); }

Result<Json> StripeClient::call(const std::string& method, const std::string& path, const std::string& body,
                                const std::string& idempotency_key) const {
  if (key_.empty()) return make_error("billing_not_configured", "payments are not configured on this server (no STRIPE_SECRET_KEY)");
  OutsideCall waiting;  // on a request thread, another takes its place meanwhile
  std::string failures;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    httplib::Client client(base_url_);
    const time_t sec = timeout_ms_ / 1000, usec = (timeout_ms_ % 1000) * 1000;
    client.set_connection_timeout(sec, usec);
    client.set_read_timeout(sec, usec);
    client.set_write_timeout(sec, usec);
    httplib::Headers headers = {{"Authorization", "Bearer " + key_}, {"Stripe-Version", "2025-06-30.basil"}};
    if (!idempotency_key.empty()) headers.emplace("Idempotency-Key", idempotency_key);
    std::string answer;
    bool too_big = false;
    auto receive = [&](const char* data, size_t len) {
      if (answer.size() + len > kMaxAnswer) return !(too_big = true);
      answer.append(data, len);
      return true;
    };
    httplib::Result res = method == "POST"
        ? client.Post(("/v1/" + path).c_str(), headers, body, "application/x-www-form-urlencoded")
        : client.Get(("/v1/" + path).c_str(), headers, receive);
    if (method == "POST" && res) answer = res->body.substr(0, kMaxAnswer + 1), too_big = res->body.size() > kMaxAnswer;
    if (too_big) return make_error("stripe_error", "Stripe's answer to " + path + " is larger than 1 MiB");
    if (!res) {
      failures += httplib::to_string(res.error()) + "; ";
      continue;  // nothing reached Stripe, or the answer was lost: the same idempotency key makes the retry safe
    }
    if (res->status == 200) {
      auto j = parse_json(answer);
      if (!j || !j->is_object()) return make_error("stripe_error", "Stripe answered " + path + " with something that is not a JSON object");
      return j;
    }
    // 429 and 5xx may pass; everything else is final.
    if ((res->status == 429 || res->status >= 500) && attempt + 1 < kAttempts) {
      failures += "HTTP " + std::to_string(res->status) + "; ";
      continue;
    }
    return stripe_error(res->status, answer);
  }
  return make_error("stripe_unreachable", "Stripe could not be reached for " + path + ": " + failures);
}

}  // namespace tirage::server
