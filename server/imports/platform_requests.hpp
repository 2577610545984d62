// The requests each import client sends (api-reference.md 2.3-2.4, 3.2, 3.4,
// 4.1, 4.5, 5.1, 6.5): path and query only; the host comes from ImportConfig
// and the token goes in an Authorization header, never in the URL.
#pragma once

#include <string>

#include "server/imports/import_config.hpp"

namespace tirage::server {

struct ApiRequest {
  std::string method = "GET";
  std::string target;  // path and query
  std::string body;    // POST only (JSON)
};

// One page of a post's comments from cursor ("" = the first page); X only: newer than since_id when set.
ApiRequest comments_request(const ImportConfig& c, Platform p, const std::string& post_id, bool include_replies,
                            const std::string& cursor, const std::string& since_id = "");
// One page of the replies under parent_id (Instagram /replies, YouTube comments.list).
ApiRequest replies_request(const ImportConfig& c, Platform p, const std::string& parent_id, const std::string& cursor);
// The platform's own comment count of the post (for progress and for saying what is missing).
ApiRequest count_request(const ImportConfig& c, Platform p, const std::string& post_id);
// The organizer's recent posts (YouTube and X need a first call: see posts_prelude_request).
ApiRequest posts_request(const ImportConfig& c, Platform p, const std::string& cursor, const std::string& prelude);
// YouTube: the channel's uploads playlist; X: the user's id. Empty target for the others.
ApiRequest posts_prelude_request(Platform p);
// Who engaged with a post: kind "x_repost", "x_like" or "facebook_reaction" (empty target for any other).
ApiRequest engagement_request(const ImportConfig& c, const std::string& kind, const std::string& post_id,
                              const std::string& cursor);

// The page size a platform is asked for.
int page_size(const ImportConfig& c, Platform p);

}  // namespace tirage::server
