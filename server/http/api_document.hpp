// The API's description of itself: docs/openapi.json (compiled in) at
// /api/v1/openapi.json, and its readable reference page at /api (web/api/,
// rendered in the browser by a self-hosted copy of swagger-ui-dist).
#pragma once

#include <httplib.h>

#include "server/http/route_table.hpp"

#include <string>

namespace tirage::server {

// Registers GET /api/v1/openapi.json and GET /api; static_root holds web/api/index.html.
void register_api_document_routes(RouteTable& http, const std::string& static_root);

}  // namespace tirage::server
