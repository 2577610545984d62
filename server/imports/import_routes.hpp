// The import API (docs/api.md, "Comment imports"): routes over ImportService,
// each one behind the organizer's authentication and limited to their imports.
#pragma once

#include <httplib.h>

#include "server/http/route_table.hpp"

#include <functional>
#include <optional>

#include "server/billing/billing_service.hpp"
#include "server/accounts/organizer.hpp"
#include "shared/core/time.hpp"
#include "server/imports/import_service.hpp"

namespace tirage::server {

// The organizer behind a request, or nullopt after sending 401/403 itself.
using Authenticate = std::function<std::optional<Organizer>(const httplib::Request&, httplib::Response&)>;

// Starting or resuming an import through a platform's API needs a plan that includes the platform (402 plan_limit).
void register_import_routes(RouteTable& http, ImportService& imports, BillingService& billing, Authenticate authenticate);

}  // namespace tirage::server
