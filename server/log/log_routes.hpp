// The transparency log API (docs/protocol.md section 7): GET /api/v1/log/sth,
// /api/v1/log/proof, /api/v1/log/consistency and /api/v1/log/entries.
#pragma once

#include <httplib.h>

#include "server/http/route_table.hpp"

#include "server/log/transparency_log.hpp"

namespace tirage::server {

void register_log_routes(RouteTable& http, TransparencyLog& log);

}  // namespace tirage::server
