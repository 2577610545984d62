// Parsers of each platform's JSON pages (api-reference.md sections 2-6): a
// response body in, comments (or the organizer's posts) and the next cursor
// out. Pure and bounded (see platform_json.hpp); compiled natively and to Wasm.
//
//   auto page = parse_instagram_comments(body, /*include_replies=*/true);
//   if (!page) show(page.error().message);
//   for (auto& c : page->comments) store(c);
//   if (page->next_cursor) fetch_next(*page->next_cursor);
//
// Cursors are the platforms' own tokens (Meta's paging.cursors.after, Google's
// nextPageToken, X's meta.next_token, TikTok's data.cursor): never the
// paging.next URL, which carries the access token and the real host.
#pragma once

#include <string_view>

#include "shared/platforms/comment_page.hpp"
#include "shared/platforms/engagement_page.hpp"
#include "shared/platforms/post.hpp"

namespace tirage {

// GET /{ig-media-id}/comments, or /{ig-comment-id}/replies when reply_parent is set
// (replies then carry it as parent_id). Replies nested in the page are kept when asked.
Result<CommentPage> parse_instagram_comments(std::string_view body, bool include_replies,
                                             std::string_view reply_parent = {});
// GET /me/media: the organizer's recent media.
Result<PostPage> parse_instagram_media(std::string_view body);
// GET /{ig-media-id}?fields=comments_count: the count Instagram shows (replies included).
Result<std::int64_t> parse_instagram_comment_count(std::string_view body);

// GET /{page-post-id}/comments (filter=stream gives replies flat, with parent).
Result<CommentPage> parse_facebook_comments(std::string_view body);
// GET /me/posts with a Page token.
Result<PostPage> parse_facebook_posts(std::string_view body);
// GET /{page-post-id}/reactions?summary=total_count: who reacted (when the Page token may see names).
Result<EngagementPage> parse_facebook_reactions(std::string_view body);

// GET /youtube/v3/commentThreads?part=snippet,replies.
Result<CommentPage> parse_youtube_threads(std::string_view body, bool include_replies);
// GET /youtube/v3/comments?parentId=: all replies of one thread.
Result<CommentPage> parse_youtube_replies(std::string_view body);
// GET /youtube/v3/videos?part=statistics: statistics.commentCount (replies included).
Result<std::int64_t> parse_youtube_comment_count(std::string_view body);
// GET /youtube/v3/channels?part=contentDetails&mine=true: the uploads playlist id.
Result<std::string> parse_youtube_uploads_playlist(std::string_view body);
// GET /youtube/v3/playlistItems?part=snippet: the channel's uploads.
Result<PostPage> parse_youtube_playlist_items(std::string_view body);

// GET /2/tweets/search/recent?query=conversation_id:ID (replies, with includes.users).
// The conversation's root post is skipped; root_id is the conversation id.
Result<CommentPage> parse_x_search(std::string_view body, std::string_view root_id);
// GET /2/tweets/{id}?tweet.fields=public_metrics: the reply count X shows.
Result<std::int64_t> parse_x_reply_count(std::string_view body);
// GET /2/tweets/{id}/retweeted_by or /liking_users: the accounts (X returns 100 at most).
Result<EngagementPage> parse_x_users(std::string_view body);
// GET /2/users/me: the user id.
Result<std::string> parse_x_user_id(std::string_view body);
// GET /2/users/{id}/tweets: the user's recent posts.
Result<PostPage> parse_x_timeline(std::string_view body, std::string_view username);

// POST /v2/video/list/ (Display API): the creator's videos, with comment_count.
Result<PostPage> parse_tiktok_videos(std::string_view body);

}  // namespace tirage
