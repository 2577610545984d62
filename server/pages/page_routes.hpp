// What a browser opens: /healthz, the verify page /v/{id}, the organizer page
// /o/{id}, the organizer app at /app with its Wasm build, the static files
// (public/ at the root, web/ under /assets) and the Wasm verifier under
// /assets/verify/ (kept in memory: it is small and hot).
#pragma once

#include <httplib.h>

#include "server/http/route_table.hpp"

#include "server/beacon/drand_client.hpp"
#include "server/config.hpp"
#include "server/db/database.hpp"
#include "server/draws/draw_service.hpp"
#include "server/draws/handle_index.hpp"
#include "server/log/transparency_log.hpp"

namespace tirage::server {

// What the pages read.
struct PageSources {
  DrawService& draws;
  HandleIndex& handles;
  TransparencyLog& log;
  Database& db;               // organizer summaries
  const DrandClient* drand;   // null without drand: the verify page pins no chain
};

// static_root: where public/, web/ and build/wasm/ are; config: the public URL, the drand relays, --app-dir.
void register_page_routes(RouteTable& http, const PageSources& sources, const Config& config,
                          const std::string& static_root);

}  // namespace tirage::server
