// TikTok Display API pages (api-reference.md 6.3, 6.5). TikTok has no comment
// API open to commercial apps (6.1), so only the picker reads TikTok JSON.
#include "shared/platforms/meta_paging.hpp"
#include "shared/platforms/platform_pages.hpp"

namespace tirage {

Result<PostPage> parse_tiktok_videos(std::string_view body) {
  auto root = parse_platform_json(body, "TikTok");
  if (!root) return root.error();
  JsonReader r("TikTok");
  if (const Json* error = r.object(*root, "error", "error", false)) {
    const std::string code = r.string(*error, "code", "error.code", true, 64);
    if (!r.failed() && code != "ok")
      return make_error("bad_platform_response", "TikTok answered with error " + code + ": " +
                                                     r.string(*error, "message", "error.message", false, 512));
  }
  PostPage page;
  const Json* data = r.object(*root, "data", "data", true);
  if (data) {
    r.each_object(*data, "videos", "data.videos", false, [&](const Json& v, const std::string& path) {
      Post p;
      p.id = r.id(v, "id", JsonPath(path, ".id"), true);
      p.url = r.string(v, "share_url", JsonPath(path, ".share_url"), false, 2048);
      p.text = r.string(v, "title", JsonPath(path, ".title"), false);
      if (p.text.empty()) p.text = r.string(v, "video_description", JsonPath(path, ".video_description"), false);
      p.text = cut_utf8(p.text, 280);
      p.time = r.optional_integer(v, "create_time", JsonPath(path, ".create_time")).value_or(0);
      p.comment_count = r.optional_integer(v, "comment_count", JsonPath(path, ".comment_count"));
      page.posts.push_back(std::move(p));
    });
    const bool more = r.optional_bool(*data, "has_more", "data.has_more").value_or(false);
    const auto cursor = r.optional_integer(*data, "cursor", "data.cursor");
    if (more) {
      if (!cursor) r.fail("data.cursor", "has_more is true but there is no cursor");
      else page.next_cursor = std::to_string(*cursor);
    }
  }
  return r.finish(std::move(page));
}

}  // namespace tirage
