// The public record of an organizer (issue 13): how many draws they committed
// each month and what became of them (published, waiting, abandoned), with
// their substitutions, so a habit of dropping draws shows. Served as JSON at
// /api/v1/organizers/{id} and as the page /o/{id}.
#pragma once

#include <string>

#include "server/db/database.hpp"
#include "shared/core/time.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage::server {

// {"organizer_id", "totals": {draws, published, waiting, abandoned, substitutions},
//  "months": [{"month": "YYYY-MM", ...same counts}] newest first (at most 120),
//  "recent": [{"draw_id","giveaway_id","title","committed_at","publish_by","status"}] (at most 50)};
// 'not_found' when the organizer has no draw.
Result<Json> organizer_summary(Database& db, const std::string& organizer_id, UnixSeconds now);

}  // namespace tirage::server
