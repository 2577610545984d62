// libFuzzer target: a platform's answer as the import clients receive it. The
// first byte picks the parser (comments, replies, counts, posts, errors, usage
// headers, post links, engaged accounts); the rest is the body. Parsers must never crash, and
// what they accept must hold: every comment has an id and an author, fields
// stay within their bounds, and its JSON serializes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "shared/platforms/platform_failure.hpp"
#include "shared/platforms/platform_json.hpp"
#include "shared/platforms/platform_pages.hpp"
#include "shared/platforms/post_url.hpp"

namespace {

void check(const tirage::Result<tirage::CommentPage>& page) {
  if (!page) {
    if (page.error().message.empty()) __builtin_trap();
    return;
  }
  for (const auto& c : page->comments) {
    if (c.comment_id.empty() || c.user_id.empty()) __builtin_trap();
    if (c.text.size() > tirage::kMaxTextLength || c.handle.size() > tirage::kMaxHandleLength) __builtin_trap();
    (void)tirage::comment_to_json(c).dump();
  }
  if (page->next_cursor && page->next_cursor->empty()) __builtin_trap();
}

void check_posts(const tirage::Result<tirage::PostPage>& page) {
  if (!page) return;
  for (const auto& p : page->posts) {
    if (!tirage::is_platform_id(p.id)) __builtin_trap();
    (void)tirage::post_to_json(p).dump();
  }
}

void check_engagement(const tirage::Result<tirage::EngagementPage>& page) {
  if (!page) return;
  for (const auto& a : page->accounts)
    if (!tirage::is_platform_id(a.user_id) || a.handle.size() > tirage::kMaxHandleLength) __builtin_trap();
  if (page->unnamed < 0) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  using namespace tirage;
  switch (data[0] % 16) {
    case 0: check(parse_instagram_comments(body, true)); break;
    case 1: check(parse_instagram_comments(body, false, "17870913679156914")); break;
    case 2: check(parse_facebook_comments(body)); break;
    case 3: check(parse_youtube_threads(body, true)); break;
    case 4: check(parse_youtube_replies(body)); break;
    case 5: check(parse_x_search(body, "1858000000000000000")); break;
    case 6: check_posts(parse_instagram_media(body)); break;
    case 7: check_posts(parse_facebook_posts(body)); break;
    case 8: check_posts(parse_youtube_playlist_items(body)); break;
    case 9: check_posts(parse_x_timeline(body, "")); break;
    case 10: check_posts(parse_tiktok_videos(body)); break;
    case 11:
      (void)parse_instagram_comment_count(body);
      (void)parse_youtube_comment_count(body);
      (void)parse_x_reply_count(body);
      (void)parse_x_user_id(body);
      (void)parse_youtube_uploads_playlist(body);
      break;
    case 12:
      for (Platform p : {Platform::instagram, Platform::facebook, Platform::youtube, Platform::x, Platform::tiktok}) {
        auto f = classify_failure(p, 400 + static_cast<int>(size % 200), body, {{"retry-after", std::string(body.substr(0, 8))}}, 1763654000);
        if (f.wait_seconds < 0) __builtin_trap();
      }
      break;
    case 13:
      for (Platform p : {Platform::instagram, Platform::facebook, Platform::x}) {
        const std::string v(body);
        auto a = rate_advice(p, {{"x-app-usage", v}, {"x-business-use-case-usage", v}, {"x-rate-limit-remaining", "0"},
                                 {"x-rate-limit-reset", v.substr(0, 12)}}, 1763654000);
        if (a.wait_seconds < 0 || a.wait_seconds > 25 * 3600) __builtin_trap();
      }
      break;
    case 14:
      for (Platform p : {Platform::instagram, Platform::facebook, Platform::youtube, Platform::x, Platform::tiktok}) {
        auto r = parse_post_reference(p, body);
        if (r && r->kind == PostReference::Kind::id && !is_platform_id(r->value)) __builtin_trap();
      }
      break;
    case 15:
      (void)parse_platform_time(body);
      check_engagement(parse_x_users(body));
      check_engagement(parse_facebook_reactions(body));
      break;
  }
  return 0;
}
