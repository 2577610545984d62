// Instagram Graph pages (api-reference.md 2.3-2.5).
#include "shared/platforms/meta_paging.hpp"
#include "shared/platforms/platform_pages.hpp"

namespace tirage {

namespace {

// One IG Comment object; false when it has no author we can name (then counted as a gap).
bool read_ig_comment(JsonReader& r, const Json& item, const std::string& path, std::string_view parent, Comment& c) {
  c.platform = "instagram";
  c.comment_id = r.id(item, "id", JsonPath(path, ".id"), true);
  c.text = r.string(item, "text", JsonPath(path, ".text"), false);
  c.time = r.time(item, "timestamp", JsonPath(path, ".timestamp"), true);
  std::string username = r.string(item, "username", JsonPath(path, ".username"), false, kMaxHandleLength);
  if (const Json* from = r.object(item, "from", JsonPath(path, ".from"), false)) {
    c.user_id = r.id(*from, "id", JsonPath(path, ".from.id"), false);
    if (username.empty()) username = r.string(*from, "username", JsonPath(path, ".from.username"), false, kMaxHandleLength);
  }
  c.handle = username;
  // Without `from` (older tokens), the username is the only identity Instagram gives.
  if (c.user_id.empty()) c.user_id = username;
  const std::string own_parent = r.id(item, "parent_id", JsonPath(path, ".parent_id"), false);
  if (!own_parent.empty()) c.parent_id = own_parent;
  else if (!parent.empty()) c.parent_id = std::string(parent);
  return !c.user_id.empty();
}

}  // namespace

Result<CommentPage> parse_instagram_comments(std::string_view body, bool include_replies, std::string_view reply_parent) {
  auto root = parse_platform_json(body, "Instagram");
  if (!root) return root.error();
  JsonReader r("Instagram");
  CommentPage page;
  r.each_object(*root, "data", "data", true, [&](const Json& item, const std::string& path) {
    Comment c;
    const bool named = read_ig_comment(r, item, path, reply_parent, c);
    const std::string comment_id = c.comment_id;
    if (r.optional_bool(item, "hidden", JsonPath(path, ".hidden")).value_or(false))
      add_gap(page.gaps, "hidden_by_owner", "comments hidden by the account (kept, marked in the count)");
    if (named) page.comments.push_back(std::move(c));
    else add_gap(page.gaps, "author_hidden", "comments whose author Instagram did not give");
    const Json* replies = r.object(item, "replies", JsonPath(path, ".replies"), false);
    if (!include_replies || !replies) return;
    r.each_object(*replies, "data", JsonPath(path, ".replies.data"), true, [&](const Json& one, const std::string& rpath) {
      Comment reply;
      if (read_ig_comment(r, one, rpath, comment_id, reply)) page.comments.push_back(std::move(reply));
      else add_gap(page.gaps, "author_hidden", "comments whose author Instagram did not give");
    });
    // Nested replies are paginated on their own: the client lists the rest from /{comment}/replies.
    if (meta_next_cursor(r, *replies, path + ".replies")) page.more_replies.push_back(ReplyThread{comment_id, ""});
  });
  page.next_cursor = meta_next_cursor(r, *root, "");
  return r.finish(std::move(page));
}

Result<PostPage> parse_instagram_media(std::string_view body) {
  auto root = parse_platform_json(body, "Instagram");
  if (!root) return root.error();
  JsonReader r("Instagram");
  PostPage page;
  r.each_object(*root, "data", "data", true, [&](const Json& item, const std::string& path) {
    Post p;
    p.id = r.id(item, "id", JsonPath(path, ".id"), true);
    p.url = r.string(item, "permalink", JsonPath(path, ".permalink"), false, 2048);
    p.text = cut_utf8(r.string(item, "caption", JsonPath(path, ".caption"), false), 280);
    p.time = r.time(item, "timestamp", JsonPath(path, ".timestamp"), false);
    p.comment_count = r.optional_integer(item, "comments_count", JsonPath(path, ".comments_count"));
    p.shortcode = r.string(item, "shortcode", JsonPath(path, ".shortcode"), false, 64);
    page.posts.push_back(std::move(p));
  });
  page.next_cursor = meta_next_cursor(r, *root, "");
  return r.finish(std::move(page));
}

Result<std::int64_t> parse_instagram_comment_count(std::string_view body) {
  auto root = parse_platform_json(body, "Instagram");
  if (!root) return root.error();
  JsonReader r("Instagram");
  auto count = r.optional_integer(*root, "comments_count", "comments_count");
  if (!count && !r.failed()) r.fail("comments_count", "missing");
  if (r.failed()) return r.error();
  return *count;
}

}  // namespace tirage
