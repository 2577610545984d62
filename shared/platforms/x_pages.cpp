// X API v2 pages (api-reference.md 5.1).
#include <unordered_map>
#include <unordered_set>

#include "shared/platforms/meta_paging.hpp"
#include "shared/platforms/platform_pages.hpp"

namespace tirage {

namespace {

struct XUser {
  std::string username;
  std::optional<UnixSeconds> created;
  std::optional<std::int64_t> followers;
};

std::optional<std::string> x_next_token(JsonReader& r, const Json& root) {
  const Json* meta = r.object(root, "meta", "meta", false);
  if (!meta) return std::nullopt;
  std::string t = r.string(*meta, "next_token", "meta.next_token", false, 2048);
  if (t.empty()) return std::nullopt;
  return t;
}

}  // namespace

Result<CommentPage> parse_x_search(std::string_view body, std::string_view root_id) {
  auto root = parse_platform_json(body, "X");
  if (!root) return root.error();
  JsonReader r("X");
  CommentPage page;
  std::unordered_map<std::string, XUser> users;
  if (const Json* includes = r.object(*root, "includes", "includes", false)) {
    r.each_object(*includes, "users", "includes.users", false, [&](const Json& u, const std::string& path) {
      XUser user;
      const std::string id = r.id(u, "id", JsonPath(path, ".id"), true);
      user.username = r.string(u, "username", JsonPath(path, ".username"), true, kMaxHandleLength);
      if (!r.string(u, "created_at", JsonPath(path, ".created_at"), false, 64).empty())
        user.created = r.time(u, "created_at", JsonPath(path, ".created_at"), true);
      if (const Json* metrics = r.object(u, "public_metrics", JsonPath(path, ".public_metrics"), false))
        user.followers = r.optional_integer(*metrics, "followers_count", JsonPath(path, ".public_metrics.followers_count"));
      users[id] = std::move(user);
    });
  }
  // An empty result has no `data` at all: {"meta":{"result_count":0}}.
  r.each_object(*root, "data", "data", false, [&](const Json& t, const std::string& path) {
    Comment c;
    c.platform = "x";
    c.comment_id = r.id(t, "id", JsonPath(path, ".id"), true);
    c.text = r.string(t, "text", JsonPath(path, ".text"), true);
    c.time = r.time(t, "created_at", JsonPath(path, ".created_at"), true);
    c.user_id = r.id(t, "author_id", JsonPath(path, ".author_id"), true);
    if (c.comment_id == root_id) return;  // the giveaway post itself shares the conversation id
    r.each_object(t, "referenced_tweets", JsonPath(path, ".referenced_tweets"), false, 16,
                  [&](const Json& ref, const std::string& rp) {
      if (r.string(ref, "type", JsonPath(rp, ".type"), true, 32) != "replied_to") return;
      const std::string parent = r.id(ref, "id", JsonPath(rp, ".id"), true);
      if (parent != root_id) c.parent_id = parent;  // a reply to a reply
    });
    auto u = users.find(c.user_id);
    if (u == users.end()) {
      add_gap(page.gaps, "author_details_missing", "replies whose author X did not describe (no handle or account age)");
    } else {
      c.handle = u->second.username;
      c.account_created = u->second.created;
      c.followers = u->second.followers;
    }
    page.comments.push_back(std::move(c));
  });
  // Partial errors: a 200 may carry errors next to data, about any object the page refers to. Only a
  // post of the conversation that X says it cannot give (a reply, or the reply another one answers) is a
  // withheld reply; errors about users (a suspended author, a mentioned account) lose no reply.
  std::unordered_set<std::string> returned{std::string(root_id)}, withheld;
  for (const auto& c : page.comments) returned.insert(c.comment_id);
  r.each_object(*root, "errors", "errors", false, [&](const Json& e, const std::string&) {
    auto text = [&](const char* key) { return e.contains(key) && e[key].is_string() ? e[key].get<std::string>() : std::string(); };
    const std::string id = text("resource_id");
    if (text("resource_type") == "tweet" && !id.empty() && !returned.count(id)) withheld.insert(id);
  });
  if (!withheld.empty())
    add_gap(page.gaps, "withheld", "replies X reported as unavailable (deleted, withheld or protected)",
            static_cast<std::int64_t>(withheld.size()));
  page.next_cursor = x_next_token(r, *root);
  return r.finish(std::move(page));
}

Result<std::int64_t> parse_x_reply_count(std::string_view body) {
  auto root = parse_platform_json(body, "X");
  if (!root) return root.error();
  JsonReader r("X");
  const Json* data = r.object(*root, "data", "data", false);
  if (!data && !r.failed()) return make_error("not_found", "X has no post with this id (deleted or protected)");
  std::optional<std::int64_t> count;
  if (data)
    if (const Json* metrics = r.object(*data, "public_metrics", "data.public_metrics", true))
      count = r.optional_integer(*metrics, "reply_count", "data.public_metrics.reply_count");
  if (!count && !r.failed()) r.fail("data.public_metrics.reply_count", "missing");
  if (r.failed()) return r.error();
  return *count;
}

Result<std::string> parse_x_user_id(std::string_view body) {
  auto root = parse_platform_json(body, "X");
  if (!root) return root.error();
  JsonReader r("X");
  std::string id;
  if (const Json* data = r.object(*root, "data", "data", true)) id = r.id(*data, "id", "data.id", true);
  if (r.failed()) return r.error();
  return id;
}

Result<PostPage> parse_x_timeline(std::string_view body, std::string_view username) {
  auto root = parse_platform_json(body, "X");
  if (!root) return root.error();
  JsonReader r("X");
  PostPage page;
  r.each_object(*root, "data", "data", false, [&](const Json& t, const std::string& path) {
    Post p;
    p.id = r.id(t, "id", JsonPath(path, ".id"), true);
    p.text = cut_utf8(r.string(t, "text", JsonPath(path, ".text"), false), 280);
    p.time = r.time(t, "created_at", JsonPath(path, ".created_at"), false);
    if (const Json* metrics = r.object(t, "public_metrics", JsonPath(path, ".public_metrics"), false))
      p.comment_count = r.optional_integer(*metrics, "reply_count", JsonPath(path, ".public_metrics.reply_count"));
    p.url = "https://x.com/" + std::string(username.empty() ? "i" : username) + "/status/" + p.id;
    page.posts.push_back(std::move(p));
  });
  page.next_cursor = x_next_token(r, *root);
  return r.finish(std::move(page));
}

Result<EngagementPage> parse_x_users(std::string_view body) {
  auto root = parse_platform_json(body, "X");
  if (!root) return root.error();
  JsonReader r("X");
  EngagementPage page;
  // No one yet: {"meta":{"result_count":0}} without `data`; an unknown post: only `errors`.
  const Json* data = r.each_object(*root, "data", "data", false, [&](const Json& u, const std::string& path) {
    EngagedAccount a;
    a.user_id = r.id(u, "id", JsonPath(path, ".id"), true);
    a.handle = r.string(u, "username", JsonPath(path, ".username"), false, kMaxHandleLength);
    page.accounts.push_back(std::move(a));
  });
  if (!data && !r.failed())
    if (const Json* errors = r.array(*root, "errors", "errors", false); errors && !errors->empty())
      return make_error("not_found", "X has no post with this id (deleted or protected)");
  page.next_cursor = x_next_token(r, *root);
  return r.finish(std::move(page));
}

}  // namespace tirage
