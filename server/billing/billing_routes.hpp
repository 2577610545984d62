// The billing routes: GET /api/v1/billing, POST /api/v1/billing/checkout,
// POST /api/v1/billing/portal, POST /api/v1/stripe/webhook, and the billing
// page at /billing (web/billing/).
#pragma once

#include <httplib.h>

#include "server/http/route_table.hpp"

#include <functional>
#include <optional>

#include "server/billing/billing_service.hpp"

namespace tirage::server {

// The organizer behind a request, or nullopt after answering 401/403 (App::authenticate).
using Authenticator = std::function<std::optional<Organizer>(const httplib::Request&, httplib::Response&)>;

void register_billing_routes(RouteTable& http, BillingService& billing, Authenticator authenticate,
                             const std::string& static_root);

// Answers 402 with {"error": refusal} (code plan_limit, the limit, what is allowed, the upgrade path).
void send_plan_limit(httplib::Response& res, const Json& refusal);

}  // namespace tirage::server
