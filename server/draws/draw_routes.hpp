// The draw API (docs/protocol.md sections 2-5, docs/api.md "Draws"):
// /api/v1/draws and a draw's selection, result, substitutions, bundle,
// leaves, handles, inclusion lookups, certificate.pdf and related draws;
// /api/v1/organizers/{id}, /api/v1/giveaways/{id}/draws, and the public
// signing keys at /.well-known/tirage-keys.json.
#pragma once

#include <httplib.h>

#include "server/http/route_table.hpp"

#include "server/accounts/request_auth.hpp"
#include "server/db/database.hpp"
#include "server/draws/certificate_service.hpp"
#include "server/draws/draw_actions.hpp"
#include "server/draws/draw_service.hpp"
#include "server/draws/handle_index.hpp"
#include "server/draws/inclusion_service.hpp"
#include "server/keys/key_store.hpp"

namespace tirage::server {

// The services the draw routes translate to.
struct DrawArea {
  DrawService& draws;
  DrawActions& actions;
  InclusionService& inclusion;
  HandleIndex& handles;
  CertificateService& certificates;
  KeyStore& keys;
  Database& db;  // organizer summaries (server/draws/organizer_summary.hpp)
};

void register_draw_routes(RouteTable& http, const DrawArea& area, RequestAuth& auth);

}  // namespace tirage::server
