#include "shared/platforms/post.hpp"

namespace tirage {

Json post_to_json(const Post& p) {
  Json j = {{"id", p.id}, {"url", p.url}, {"text", p.text}, {"time", p.time}};
  if (p.comment_count) j["comment_count"] = *p.comment_count;
  if (!p.shortcode.empty()) j["shortcode"] = p.shortcode;
  return j;
}

}  // namespace tirage
