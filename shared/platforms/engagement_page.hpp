// One page of the accounts that engaged with a post (X reposts or likes,
// Facebook reactions), for the "must also have liked / reposted" filter.
// Instagram, YouTube and TikTok do not tell apps who liked a post.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tirage {

struct EngagedAccount {
  std::string user_id;
  std::string handle;  // X username, Facebook name; may be empty
};

struct EngagementPage {
  std::vector<EngagedAccount> accounts;
  std::optional<std::string> next_cursor;  // absent: this was the last page
  std::optional<std::int64_t> total_hint;  // the platform's own count (Facebook's summary.total_count)
  std::int64_t unnamed = 0;                // reactions counted but not named (Page permissions)
};

}  // namespace tirage
