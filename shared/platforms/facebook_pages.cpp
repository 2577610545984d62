// Facebook Page pages (api-reference.md 3.2, 3.4).
#include "shared/platforms/meta_paging.hpp"
#include "shared/platforms/platform_pages.hpp"

namespace tirage {

Result<CommentPage> parse_facebook_comments(std::string_view body) {
  auto root = parse_platform_json(body, "Facebook");
  if (!root) return root.error();
  JsonReader r("Facebook");
  CommentPage page;
  r.each_object(*root, "data", "data", true, [&](const Json& item, const std::string& path) {
    Comment c;
    c.platform = "facebook";
    c.comment_id = r.id(item, "id", JsonPath(path, ".id"), true);
    c.text = r.string(item, "message", JsonPath(path, ".message"), false);  // absent on sticker/photo-only comments
    c.time = r.time(item, "created_time", JsonPath(path, ".created_time"), true);
    if (const Json* from = r.object(item, "from", JsonPath(path, ".from"), false)) {
      c.user_id = r.id(*from, "id", JsonPath(path, ".from.id"), true);
      c.handle = r.string(*from, "name", JsonPath(path, ".from.name"), false, kMaxHandleLength);
    }
    if (const Json* parent = r.object(item, "parent", JsonPath(path, ".parent"), false))
      c.parent_id = r.id(*parent, "id", JsonPath(path, ".parent.id"), true);
    if (r.optional_bool(item, "is_hidden", JsonPath(path, ".is_hidden")).value_or(false))
      add_gap(page.gaps, "hidden_by_owner", "comments hidden by the Page (kept, marked in the count)");
    // Meta withholds `from` unless the Page token may see it; such a comment cannot name a participant.
    if (c.user_id.empty()) add_gap(page.gaps, "author_hidden", "comments whose author Facebook did not give");
    else page.comments.push_back(std::move(c));
  });
  if (const Json* summary = r.object(*root, "summary", "summary", false))
    page.total_hint = r.optional_integer(*summary, "total_count", "summary.total_count");
  page.next_cursor = meta_next_cursor(r, *root, "");
  return r.finish(std::move(page));
}

Result<PostPage> parse_facebook_posts(std::string_view body) {
  auto root = parse_platform_json(body, "Facebook");
  if (!root) return root.error();
  JsonReader r("Facebook");
  PostPage page;
  r.each_object(*root, "data", "data", true, [&](const Json& item, const std::string& path) {
    Post p;
    p.id = r.id(item, "id", JsonPath(path, ".id"), true);
    p.url = r.string(item, "permalink_url", JsonPath(path, ".permalink_url"), false, 2048);
    p.text = cut_utf8(r.string(item, "message", JsonPath(path, ".message"), false), 280);
    p.time = r.time(item, "created_time", JsonPath(path, ".created_time"), false);
    page.posts.push_back(std::move(p));
  });
  page.next_cursor = meta_next_cursor(r, *root, "");
  return r.finish(std::move(page));
}

Result<EngagementPage> parse_facebook_reactions(std::string_view body) {
  auto root = parse_platform_json(body, "Facebook");
  if (!root) return root.error();
  JsonReader r("Facebook");
  EngagementPage page;
  r.each_object(*root, "data", "data", true, [&](const Json& item, const std::string& path) {
    EngagedAccount a;
    // Without enough Page permissions Meta sends reactions without who made them.
    a.user_id = r.id(item, "id", JsonPath(path, ".id"), false);
    a.handle = r.string(item, "name", JsonPath(path, ".name"), false, kMaxHandleLength);
    if (a.user_id.empty()) ++page.unnamed;
    else page.accounts.push_back(std::move(a));
  });
  if (const Json* summary = r.object(*root, "summary", "summary", false))
    page.total_hint = r.optional_integer(*summary, "total_count", "summary.total_count");
  page.next_cursor = meta_next_cursor(r, *root, "");
  return r.finish(std::move(page));
}

}  // namespace tirage
