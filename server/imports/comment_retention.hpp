// How long imported comments stay: they are other people's words (handles,
// user ids, text) that we hold for one organizer's draw, so they go on a
// schedule once the draw no longer needs them, or at once when the organizer's
// account is deleted or Meta asks for a user's data to be deleted. The import
// keeps its own record (post, counts) with when and why its comments went.
// Published draws keep only what their statements hold (hashes and winners).
#pragma once

#include <string>

#include "server/db/database.hpp"
#include "shared/core/time.hpp"

namespace tirage::server {

struct CommentRetention {
  // After the last draw that used the import's post (committed after the import began) was published,
  // or abandoned (its publish_by passed without a result).
  long long after_draw_s = 7LL * 24 * 3600;
  // After an import that no draw used stopped changing (finished, stopped, failed or cancelled).
  long long unused_s = 30LL * 24 * 3600;

  // How often the schedule is checked: often enough that nothing stays long past its time.
  long long sweep_interval_s() const;
};

// Why comments went, as the import's JSON says it.
inline constexpr const char* kDeletedAfterDraw = "retention_after_draw";
inline constexpr const char* kDeletedUnused = "retention_unused";
inline constexpr const char* kDeletedOnPlatformRequest = "platform_deletion_request";

// Deletes the comments and reply threads of every import whose retention ended by now; how many imports.
Result<int> purge_expired_comments(Database& db, const CommentRetention& retention, UnixSeconds now);

// Deletes at once the comments of an organizer's imports from platform (a running import is cancelled),
// noting reason; how many imports had comments deleted.
Result<int> purge_organizer_comments(Database& db, const std::string& organizer_id, const std::string& platform,
                                     const std::string& reason, UnixSeconds now);

}  // namespace tirage::server
