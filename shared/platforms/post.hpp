// One of the organizer's own posts, for the import picker.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/core/time.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage {

struct Post {
  std::string id;       // what the import API takes as post_id
  std::string url;      // the public link, when the platform gives it
  std::string text;     // caption or title, cut to 280 bytes for the picker
  UnixSeconds time = 0;
  std::optional<std::int64_t> comment_count;
  std::string shortcode;  // Instagram: the /p/{shortcode}/ part of the link
};

struct PostPage {
  std::vector<Post> posts;
  std::optional<std::string> next_cursor;
};

Json post_to_json(const Post& p);

}  // namespace tirage
