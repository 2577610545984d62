#include "server/imports/platform_requests.hpp"

#include "shared/core/percent_encoding.hpp"

namespace tirage::server {

namespace {

std::string cursor_param(const char* name, const std::string& cursor) {
  return cursor.empty() ? "" : std::string("&") + name + "=" + percent_encode(cursor);
}

const char* kIgCommentFields =
    "id,text,timestamp,username,from,like_count,hidden,parent_id";
const char* kIgReplyFields = "replies{id,text,timestamp,username,from,like_count,hidden,parent_id}";

}  // namespace

int page_size(const ImportConfig& c, Platform p) {
  if (c.page_size > 0) return c.page_size;
  switch (p) {
    case Platform::instagram: return 25;  // the Graph API's own default page
    case Platform::facebook: return 100;
    case Platform::youtube: return 100;
    case Platform::x: return 100;
    case Platform::tiktok: return 20;
  }
  return 25;
}

ApiRequest comments_request(const ImportConfig& c, Platform p, const std::string& post_id, bool include_replies,
                            const std::string& cursor, const std::string& since_id) {
  const std::string n = std::to_string(page_size(c, p));
  const std::string v = "/" + c.graph_version;
  switch (p) {
    case Platform::instagram:
      return {"GET", v + "/" + post_id + "/comments?fields=" + percent_encode(std::string(kIgCommentFields) +
                                                                            (include_replies ? std::string(",") + kIgReplyFields : "")) +
                         "&limit=" + n + cursor_param("after", cursor), ""};
    case Platform::facebook:
      // stream: replies come flat with `parent`; toplevel: only the first level.
      return {"GET", v + "/" + post_id + "/comments?fields=" + percent_encode("id,message,created_time,from{id,name},parent{id},is_hidden") +
                         "&filter=" + (include_replies ? "stream" : "toplevel") + "&order=chronological&summary=true&limit=" + n +
                         cursor_param("after", cursor), ""};
    case Platform::youtube:
      return {"GET", "/youtube/v3/commentThreads?part=" + std::string(include_replies ? "snippet%2Creplies" : "snippet") +
                         "&videoId=" + percent_encode(post_id) + "&maxResults=" + n + "&order=time&textFormat=plainText" +
                         cursor_param("pageToken", cursor), ""};
    case Platform::x:
      return {"GET", "/2/tweets/search/recent?query=" + percent_encode("conversation_id:" + post_id) +
                         "&tweet.fields=" + percent_encode("author_id,created_at,conversation_id,in_reply_to_user_id,referenced_tweets") +
                         "&expansions=author_id&user.fields=" + percent_encode("username,name,created_at,public_metrics") +
                         "&max_results=" + n + cursor_param("since_id", since_id) + cursor_param("next_token", cursor), ""};
    case Platform::tiktok:
      break;
  }
  return {"GET", "", ""};
}

ApiRequest replies_request(const ImportConfig& c, Platform p, const std::string& parent_id, const std::string& cursor) {
  const std::string n = std::to_string(page_size(c, p));
  if (p == Platform::instagram)
    return {"GET", "/" + c.graph_version + "/" + parent_id + "/replies?fields=" + percent_encode(kIgCommentFields) + "&limit=" + n +
                       cursor_param("after", cursor), ""};
  if (p == Platform::youtube)
    return {"GET", "/youtube/v3/comments?part=snippet&parentId=" + percent_encode(parent_id) + "&maxResults=100&textFormat=plainText" +
                       cursor_param("pageToken", cursor), ""};
  return {"GET", "", ""};
}

ApiRequest count_request(const ImportConfig& c, Platform p, const std::string& post_id) {
  switch (p) {
    case Platform::instagram: return {"GET", "/" + c.graph_version + "/" + post_id + "?fields=comments_count", ""};
    case Platform::youtube: return {"GET", "/youtube/v3/videos?part=statistics&id=" + percent_encode(post_id), ""};
    case Platform::x: return {"GET", "/2/tweets/" + post_id + "?tweet.fields=public_metrics", ""};
    default: return {"GET", "", ""};  // Facebook's count comes with the first page (summary.total_count)
  }
}

ApiRequest posts_prelude_request(Platform p) {
  if (p == Platform::youtube) return {"GET", "/youtube/v3/channels?part=contentDetails&mine=true", ""};
  if (p == Platform::x) return {"GET", "/2/users/me", ""};
  return {"GET", "", ""};
}

ApiRequest engagement_request(const ImportConfig& c, const std::string& kind, const std::string& post_id,
                              const std::string& cursor) {
  if (kind == "x_repost" || kind == "x_like")
    return {"GET", "/2/tweets/" + percent_encode(post_id) + (kind == "x_repost" ? "/retweeted_by" : "/liking_users") +
                       "?user.fields=username&max_results=100" + cursor_param("pagination_token", cursor), ""};
  if (kind == "facebook_reaction")
    return {"GET", "/" + c.graph_version + "/" + percent_encode(post_id) + "/reactions?summary=total_count&limit=100" +
                       cursor_param("after", cursor), ""};
  return {"GET", "", ""};
}

ApiRequest posts_request(const ImportConfig& c, Platform p, const std::string& cursor, const std::string& prelude) {
  const std::string v = "/" + c.graph_version;
  switch (p) {
    case Platform::instagram:
      return {"GET", v + "/me/media?fields=" + percent_encode("id,caption,media_type,permalink,shortcode,timestamp,comments_count") +
                         "&limit=25" + cursor_param("after", cursor), ""};
    case Platform::facebook:
      return {"GET", v + "/me/posts?fields=" + percent_encode("id,message,created_time,permalink_url") + "&limit=25" +
                         cursor_param("after", cursor), ""};
    case Platform::youtube:
      return {"GET", "/youtube/v3/playlistItems?part=snippet&playlistId=" + percent_encode(prelude) + "&maxResults=25" +
                         cursor_param("pageToken", cursor), ""};
    case Platform::x:
      return {"GET", "/2/users/" + prelude + "/tweets?max_results=25&tweet.fields=" + percent_encode("created_at,public_metrics") +
                         cursor_param("pagination_token", cursor), ""};
    case Platform::tiktok:
      return {"POST", "/v2/video/list/?fields=" + percent_encode("id,title,video_description,share_url,create_time,comment_count"),
              cursor.empty() ? R"({"max_count":20})" : R"({"max_count":20,"cursor":)" + cursor + "}"};
  }
  return {"GET", "", ""};
}

}  // namespace tirage::server
