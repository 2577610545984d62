// YouTube Data API v3 pages (api-reference.md 4.1, 4.5).
#include "shared/core/decimal.hpp"
#include "shared/platforms/meta_paging.hpp"
#include "shared/platforms/platform_pages.hpp"

namespace tirage {

namespace {

// A youtube#comment; false when the author's channel is gone (deleted channels have no authorChannelId).
bool read_yt_comment(JsonReader& r, const Json& item, const std::string& path, Comment& c) {
  c.platform = "youtube";
  c.comment_id = r.id(item, "id", JsonPath(path, ".id"), true);
  const Json* snippet = r.object(item, "snippet", JsonPath(path, ".snippet"), true);
  if (!snippet) return false;
  const std::string sp = path + ".snippet";
  // textDisplay with textFormat=plainText; textOriginal is only promised to the author.
  c.text = r.string(*snippet, "textDisplay", JsonPath(sp, ".textDisplay"), false);
  if (c.text.empty()) c.text = r.string(*snippet, "textOriginal", JsonPath(sp, ".textOriginal"), false);
  c.handle = r.string(*snippet, "authorDisplayName", JsonPath(sp, ".authorDisplayName"), false, kMaxHandleLength);
  c.time = r.time(*snippet, "publishedAt", JsonPath(sp, ".publishedAt"), true);
  const std::string parent = r.id(*snippet, "parentId", JsonPath(sp, ".parentId"), false);
  if (!parent.empty()) c.parent_id = parent;
  if (const Json* channel = r.object(*snippet, "authorChannelId", JsonPath(sp, ".authorChannelId"), false))
    c.user_id = r.id(*channel, "value", JsonPath(sp, ".authorChannelId.value"), false);
  return !c.user_id.empty();
}

std::optional<std::string> next_token(JsonReader& r, const Json& root) {
  std::string t = r.string(root, "nextPageToken", "nextPageToken", false, 2048);
  if (t.empty()) return std::nullopt;
  return t;
}

const char* kNoChannel = "comments by deleted channels (YouTube gives no author)";

}  // namespace

Result<CommentPage> parse_youtube_threads(std::string_view body, bool include_replies) {
  auto root = parse_platform_json(body, "YouTube");
  if (!root) return root.error();
  JsonReader r("YouTube");
  CommentPage page;
  r.each_object(*root, "items", "items", true, [&](const Json& thread, const std::string& path) {
    const Json* snippet = r.object(thread, "snippet", JsonPath(path, ".snippet"), true);
    if (!snippet) return;
    const Json* top = r.object(*snippet, "topLevelComment", JsonPath(path, ".snippet.topLevelComment"), true);
    if (!top) return;
    Comment c;
    if (read_yt_comment(r, *top, path + ".snippet.topLevelComment", c)) page.comments.push_back(c);
    else add_gap(page.gaps, "author_hidden", kNoChannel);
    const std::int64_t total_replies =
        r.optional_integer(*snippet, "totalReplyCount", JsonPath(path, ".snippet.totalReplyCount")).value_or(0);
    if (!include_replies || total_replies <= 0) return;
    std::int64_t listed = 0;
    if (const Json* replies = r.object(thread, "replies", JsonPath(path, ".replies"), false))
      r.each_object(*replies, "comments", JsonPath(path, ".replies.comments"), true,
                    [&](const Json& one, const std::string& rpath) {
                      ++listed;
                      Comment reply;
                      if (read_yt_comment(r, one, rpath, reply)) page.comments.push_back(std::move(reply));
                      else add_gap(page.gaps, "author_hidden", kNoChannel);
                    });
    // replies.comments is a sample: the rest come from comments.list?parentId=.
    if (listed < total_replies) page.more_replies.push_back(ReplyThread{c.comment_id, ""});
  });
  page.next_cursor = next_token(r, *root);
  return r.finish(std::move(page));
}

Result<CommentPage> parse_youtube_replies(std::string_view body) {
  auto root = parse_platform_json(body, "YouTube");
  if (!root) return root.error();
  JsonReader r("YouTube");
  CommentPage page;
  r.each_object(*root, "items", "items", true, [&](const Json& item, const std::string& path) {
    Comment c;
    if (read_yt_comment(r, item, path, c)) page.comments.push_back(std::move(c));
    else add_gap(page.gaps, "author_hidden", kNoChannel);
  });
  page.next_cursor = next_token(r, *root);
  return r.finish(std::move(page));
}

Result<std::int64_t> parse_youtube_comment_count(std::string_view body) {
  auto root = parse_platform_json(body, "YouTube");
  if (!root) return root.error();
  JsonReader r("YouTube");
  const Json* items = r.array(*root, "items", "items", true);
  if (items && items->empty()) return make_error("not_found", "YouTube has no video with this id");
  std::string count;
  if (items) {
    if (const Json* stats = r.object((*items)[0], "statistics", "items[0].statistics", true))
      count = r.string(*stats, "commentCount", "items[0].statistics.commentCount", false, 20);
  }
  if (r.failed()) return r.error();
  // Google sends counts as decimal strings; absent when comments are off.
  if (count.empty()) return std::int64_t{0};
  if (count.find_first_not_of("0123456789") != std::string::npos || count.size() > 18)
    return make_error("bad_platform_response", "YouTube sent an unexpected page: items[0].statistics.commentCount: not a count");
  return static_cast<std::int64_t>(*parse_decimal(count));  // at most 18 digits: it fits
}

Result<std::string> parse_youtube_uploads_playlist(std::string_view body) {
  auto root = parse_platform_json(body, "YouTube");
  if (!root) return root.error();
  JsonReader r("YouTube");
  const Json* items = r.array(*root, "items", "items", true);
  if (items && items->empty()) return make_error("not_found", "this Google account has no YouTube channel");
  std::string id;
  if (items)
    if (const Json* details = r.object((*items)[0], "contentDetails", "items[0].contentDetails", true))
      if (const Json* lists = r.object(*details, "relatedPlaylists", "items[0].contentDetails.relatedPlaylists", true))
        id = r.id(*lists, "uploads", "items[0].contentDetails.relatedPlaylists.uploads", true);
  if (r.failed()) return r.error();
  return id;
}

Result<PostPage> parse_youtube_playlist_items(std::string_view body) {
  auto root = parse_platform_json(body, "YouTube");
  if (!root) return root.error();
  JsonReader r("YouTube");
  PostPage page;
  r.each_object(*root, "items", "items", true, [&](const Json& item, const std::string& item_path) {
    const std::string path = item_path + ".snippet";
    const Json* snippet = r.object(item, "snippet", path, true);
    if (!snippet) return;
    Post p;
    if (const Json* resource = r.object(*snippet, "resourceId", JsonPath(path, ".resourceId"), true))
      p.id = r.id(*resource, "videoId", JsonPath(path, ".resourceId.videoId"), true);
    p.text = cut_utf8(r.string(*snippet, "title", JsonPath(path, ".title"), false), 280);
    p.time = r.time(*snippet, "publishedAt", JsonPath(path, ".publishedAt"), false);
    p.url = "https://www.youtube.com/watch?v=" + p.id;
    page.posts.push_back(std::move(p));
  });
  page.next_cursor = next_token(r, *root);
  return r.finish(std::move(page));
}

}  // namespace tirage
