#include "server/billing/billing_routes.hpp"

#include <fstream>
#include <iterator>

#include "server/clock.hpp"
#include "server/http/api_response.hpp"

namespace tirage::server {

void send_plan_limit(httplib::Response& res, const Json& refusal) { send_json(res, 402, Json{{"error", refusal}}); }

void register_billing_routes(RouteTable& http, BillingService& billing, Authenticator authenticate,
                             const std::string& static_root) {
  http.Get("/api/v1/billing", [&billing, authenticate](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    res.set_header("Cache-Control", "no-store");
    const std::string session = req.has_param("session_id") ? req.get_param_value("session_id").substr(0, 255) : "";
    send_json(res, 200, billing.overview(*org, now_seconds(), session));
  });

  http.Post("/api/v1/billing/checkout", [&billing, authenticate](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    auto session = billing.start_checkout(*org, *body, now_seconds());
    if (!session) return send_error(res, session.error());
    send_json(res, 201, *session);
  });

  http.Post("/api/v1/billing/portal", [&billing, authenticate](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    auto session = billing.portal(*org, now_seconds());
    if (!session) return send_error(res, session.error());
    send_json(res, 201, *session);
  });

  // Stripe calls this; the signature is the only authentication, so it is checked before anything is read.
  http.Post("/api/v1/stripe/webhook", [&billing](const httplib::Request& req, httplib::Response& res) {
    auto done = billing.handle_webhook(req.body, req.get_header_value("Stripe-Signature"), now_seconds());
    if (!done) return send_error(res, done.error());
    send_json(res, 200, *done);
  });

  http.Get("/billing", [root = static_root](const httplib::Request&, httplib::Response& res) {
    std::ifstream in(root + "/web/billing/index.html", std::ios::binary);
    if (!in) return send_error(res, make_error("not_found", "the billing page is not installed (web/billing/)"));
    res.set_header("Cache-Control", "no-store");
    res.set_header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    res.set_content(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()), "text/html; charset=utf-8");
  });
}

}  // namespace tirage::server
