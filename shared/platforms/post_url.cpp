#include "shared/platforms/post_url.hpp"

#include <vector>

namespace tirage {

namespace {

bool all_of(std::string_view s, bool (*ok)(char)) {
  for (char c : s)
    if (!ok(c)) return false;
  return !s.empty();
}
bool digit(char c) { return c >= '0' && c <= '9'; }
bool id_char(char c) { return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-'; }

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  while (pos < path.size() && parts.size() < 16) {
    const auto end = std::min(path.find('/', pos), path.size());
    if (end > pos) parts.push_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return parts;
}

// The value of name= in a query string, "" when absent.
std::string_view query_value(std::string_view query, std::string_view name) {
  std::size_t pos = 0;
  while (pos < query.size()) {
    const auto end = std::min(query.find('&', pos), query.size());
    const auto pair = query.substr(pos, end - pos);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=')
      return pair.substr(name.size() + 1);
    pos = end + 1;
  }
  return {};
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

Error bad(Platform p, const std::string& why) {
  static const char* kForms[] = {
      "an Instagram link (instagram.com/p/…, /reel/…, /tv/…) or a media id",
      "a Facebook post link (facebook.com/{page}/posts/…, permalink.php?story_fbid=…&id=…) or a {page_id}_{post_id} id",
      "a YouTube link (youtube.com/watch?v=…, youtu.be/…, /shorts/…, /live/…) or an 11-character video id",
      "an X link (x.com/{user}/status/{id}, twitter.com/…) or a numeric post id",
      "a TikTok link (tiktok.com/@{user}/video/{id}) or a numeric video id",
  };
  return make_error("bad_post", why + "; expected " + kForms[static_cast<int>(p)]);
}

Result<PostReference> bare_id(Platform p, std::string_view s) {
  PostReference ref{p, PostReference::Kind::id, std::string(s)};
  switch (p) {
    case Platform::instagram:
      if (all_of(s, digit) && s.size() <= 25) return ref;
      if (s.size() >= 5 && s.size() <= 64 && all_of(s, id_char)) return PostReference{p, PostReference::Kind::shortcode, std::string(s)};
      break;
    case Platform::facebook: {
      const auto us = s.find('_');
      if (s.size() <= 64 && (all_of(s, digit) ||
                             (us != std::string_view::npos && all_of(s.substr(0, us), digit) && all_of(s.substr(us + 1), digit))))
        return ref;
      break;
    }
    case Platform::youtube:
      if (s.size() == 11 && all_of(s, id_char)) return ref;
      break;
    case Platform::x:
    case Platform::tiktok:
      if (all_of(s, digit) && s.size() <= 20) return ref;
      break;
  }
  return bad(p, "\"" + std::string(s.substr(0, 80)) + "\" is not a post id");
}

}  // namespace

Result<PostReference> parse_post_reference(Platform p, std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' || text.back() == '\r'))
    text.remove_suffix(1);
  if (text.empty()) return bad(p, "the post is empty");
  if (text.size() > 2048) return bad(p, "the link is longer than 2048 characters");
  if (text.find('/') == std::string_view::npos) return bare_id(p, text);

  std::string_view rest = text;
  for (std::string_view scheme : {"https://", "http://"})
    if (lower(rest.substr(0, scheme.size())) == scheme) rest.remove_prefix(scheme.size());
  const auto host_end = std::min(rest.find_first_of("/?#"), rest.size());
  std::string host = lower(rest.substr(0, host_end));
  rest.remove_prefix(host_end);
  for (std::string_view prefix : {"www.", "m.", "mobile.", "web."})
    if (host.rfind(prefix, 0) == 0) host.erase(0, prefix.size());
  const auto hash = rest.find('#');
  if (hash != std::string_view::npos) rest = rest.substr(0, hash);
  const auto q = rest.find('?');
  const std::string_view path = rest.substr(0, q), query = q == std::string_view::npos ? "" : rest.substr(q + 1);
  const auto parts = split_path(path);
  const std::string shown = "\"" + std::string(text.substr(0, 80)) + "\"";

  switch (p) {
    case Platform::instagram:
      if (host != "instagram.com") break;
      for (std::size_t i = 0; i + 1 < parts.size(); ++i)
        if (parts[i] == "p" || parts[i] == "reel" || parts[i] == "reels" || parts[i] == "tv") {
          if (parts[i + 1].size() < 5 || parts[i + 1].size() > 64 || !all_of(parts[i + 1], id_char))
            return bad(p, shown + " has no valid shortcode after /" + std::string(parts[i]) + "/");
          return PostReference{p, PostReference::Kind::shortcode, std::string(parts[i + 1])};
        }
      return bad(p, shown + " is an Instagram link but not to a post");
    case Platform::facebook:
      if (host != "facebook.com") break;
      if (!parts.empty() && parts[0] == "permalink.php") {
        const auto story = query_value(query, "story_fbid"), page = query_value(query, "id");
        if (all_of(story, digit) && all_of(page, digit) && story.size() <= 30 && page.size() <= 30)
          return PostReference{p, PostReference::Kind::id, std::string(page) + "_" + std::string(story)};
        if (story.rfind("pfbid", 0) == 0) return PostReference{p, PostReference::Kind::facebook_link, std::string(text)};
        return bad(p, shown + " lacks story_fbid= and id=");
      }
      if (parts.size() >= 3 && (parts[1] == "posts" || parts[1] == "videos")) {
        // A Page named by its numeric id: the link is the API id already.
        if (all_of(parts[2], digit) && parts[2].size() <= 30 && all_of(parts[0], digit) && parts[0].size() <= 30)
          return PostReference{p, PostReference::Kind::id, std::string(parts[0]) + "_" + std::string(parts[2])};
        if (all_of(parts[2], digit) && parts[2].size() <= 30)
          return PostReference{p, PostReference::Kind::facebook_post, std::string(parts[2])};
        if (parts[2].rfind("pfbid", 0) == 0 && all_of(parts[2], id_char))
          return PostReference{p, PostReference::Kind::facebook_link, std::string(text)};
      }
      if (!parts.empty() && parts[0] == "share")
        return bad(p, shown + " is a share link, which Facebook does not let apps resolve; open the post and copy "
                              "its address from the date under the Page name, or pick it from the list");
      return bad(p, shown + " is a Facebook link but not to a Page post");
    case Platform::youtube: {
      std::string_view id;
      if (host == "youtu.be" && !parts.empty()) id = parts[0];
      else if (host == "youtube.com" || host == "music.youtube.com") {
        if (!parts.empty() && parts[0] == "watch") id = query_value(query, "v");
        else if (parts.size() >= 2 && (parts[0] == "shorts" || parts[0] == "live" || parts[0] == "embed")) id = parts[1];
      } else {
        break;
      }
      if (id.size() == 11 && all_of(id, id_char)) return PostReference{p, PostReference::Kind::id, std::string(id)};
      return bad(p, shown + " has no 11-character video id");
    }
    case Platform::x:
      if (host != "x.com" && host != "twitter.com") break;
      for (std::size_t i = 0; i + 1 < parts.size(); ++i)
        if (parts[i] == "status" || parts[i] == "statuses") {
          if (all_of(parts[i + 1], digit) && parts[i + 1].size() <= 20)
            return PostReference{p, PostReference::Kind::id, std::string(parts[i + 1])};
          return bad(p, shown + " has no numeric id after /status/");
        }
      return bad(p, shown + " is an X link but not to a post");
    case Platform::tiktok:
      if (host == "vm.tiktok.com" || host == "vt.tiktok.com" || (host == "tiktok.com" && !parts.empty() && parts[0] == "t"))
        return bad(p, shown + " is a short link; open it in a browser and paste the full tiktok.com/@…/video/… address");
      if (host != "tiktok.com") break;
      for (std::size_t i = 0; i + 1 < parts.size(); ++i)
        if (parts[i] == "video" || parts[i] == "photo") {
          if (all_of(parts[i + 1], digit) && parts[i + 1].size() <= 20)
            return PostReference{p, PostReference::Kind::id, std::string(parts[i + 1])};
        }
      return bad(p, shown + " is a TikTok link but not to a video");
  }
  return bad(p, shown + " is not a " + std::string(platform_name(p)) + " link");
}

}  // namespace tirage
