// The error-code table (shared/core/error_codes.def) as JSON for the pages
// and the app: GET /assets/error-codes.json, generated at build time and compiled in.
#pragma once

#include "server/http/route_table.hpp"

namespace tirage::server {

// Registers GET /assets/error-codes.json: {"<code>": {"status": <HTTP status>, "message": "<default message>"}, ...}.
void register_error_codes_file(RouteTable& http);

}  // namespace tirage::server
