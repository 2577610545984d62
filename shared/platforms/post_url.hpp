// From what an organizer pastes (a post link or a bare id) to what the
// platform's API takes (api-reference.md section 9). Pure: links that need a
// lookup (Instagram shortcodes, Facebook page links) say so in `kind`, and the
// server resolves them against the organizer's own posts.
#pragma once

#include <string>
#include <string_view>

#include "shared/platforms/platform.hpp"

namespace tirage {

struct PostReference {
  enum class Kind {
    id,                 // value is the API id (IG media id, FB page-post id, YouTube video id, X post id, TikTok video id)
    shortcode,          // Instagram: value is the /p/{shortcode}/ part; match it in /me/media
    facebook_post,      // Facebook: value is the post number of /{page}/posts/{n}; match {page_id}_{n}
    facebook_link,      // Facebook pfbid... link: value is the whole link; match permalink_url
  };
  Platform platform = Platform::instagram;
  Kind kind = Kind::id;
  std::string value;
};

// Parses a link or an id for platform; errors say what form was expected.
Result<PostReference> parse_post_reference(Platform platform, std::string_view text);

}  // namespace tirage
