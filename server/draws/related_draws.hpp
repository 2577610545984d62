// Related commitments (issue 13, outcome shopping): for a draw, the other
// commitments by the same organizer of the same list (participants root), of a
// post the list also came from, or under the same giveaway id. They are what
// an organizer who commits one list several times and publishes the draw they
// like cannot hide; each shows whether it was published, is still waiting for
// its result, or was abandoned at its deadline.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "server/db/database.hpp"
#include "shared/core/time.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage::server {

struct RelatedRow {
  std::string draw_id, giveaway_id;
  Json commitment;  // envelope
  std::optional<UnixSeconds> publish_by;
  bool has_result = false;
  std::vector<std::string> reasons;  // same_list, same_post, same_giveaway, in that order
};

// What became of a draw: "published" (it has a result), "waiting" (none yet,
// deadline not passed or never stated) or "abandoned" (none, deadline passed).
std::string draw_outcome(bool has_result, const std::optional<UnixSeconds>& publish_by, UnixSeconds now);

// The draws related to the draw (organizer, giveaway and root as stored), in
// log order, at most limit of them; *more says whether there were others.
Result<std::vector<RelatedRow>> find_related(Database& db, const std::string& draw_id, std::size_t limit, bool* more);

// Records the posts a draw's list came from (inside the draw's insert transaction).
Status store_sources(Database& db, const std::string& draw_id, const Json& sources);

}  // namespace tirage::server
