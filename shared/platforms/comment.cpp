#include "shared/platforms/comment.hpp"

namespace tirage {

Json comment_to_json(const Comment& c) {
  Json j = {{"platform", platform_name(c.platform)},
            {"user_id", c.user_id},
            {"handle", c.handle},
            {"text", c.text},
            {"time", c.time},
            {"comment_id", c.comment_id}};
  if (c.parent_id) j["parent_id"] = *c.parent_id;
  if (c.account_created) j["account_created"] = *c.account_created;
  if (c.followers) j["followers"] = *c.followers;
  return j;
}

void add_gap(std::vector<Gap>& gaps, const std::string& code, const std::string& message, std::int64_t count) {
  for (auto& g : gaps)
    if (g.code == code) {
      g.count += count;
      return;
    }
  gaps.push_back(Gap{code, message, count});
}

}  // namespace tirage
