// The platform page parsers (shared/platforms): the documented response shapes
// of api-reference.md in, comments and cursors out; bad pages refused with the
// path of the fault; what a page withholds reported as gaps.
#include <gtest/gtest.h>

#include "shared/platforms/platform_json.hpp"
#include "shared/platforms/platform_pages.hpp"

namespace tirage {
namespace {

// api-reference.md 2.4, with a nested replies page that continues.
const char* kInstagramPage = R"({
  "data": [
    { "id": "17870913679156914", "text": "@friend1 @friend2 I'm in!", "timestamp": "2026-11-20T10:01:44+0000",
      "username": "alice.p", "from": { "id": "6790001112223334", "username": "alice.p" }, "like_count": 3, "hidden": false,
      "replies": { "data": [
          { "id": "17911122233344455", "text": "Good luck!", "timestamp": "2026-11-20T10:05:00+0000",
            "username": "demo.shop", "from": { "id": "17841400000000001", "username": "demo.shop" },
            "like_count": 0, "parent_id": "17870913679156914" } ],
        "paging": { "cursors": { "after": "QVFIUnext" }, "next": "https://graph.instagram.com/v23.0/17870913679156914/replies?after=QVFIUnext" } } },
    { "id": "17873440459141021", "text": "Done ✅", "timestamp": "2026-11-20T09:58:12+0000",
      "username": "bob_92", "from": { "id": "6790001112229999", "username": "bob_92" }, "like_count": 0, "hidden": true },
    { "id": "17873440459141022", "text": "no author", "timestamp": "2026-11-20T09:58:13+0000" }
  ],
  "paging": { "cursors": { "before": "QVFIUmxOb2I0", "after": "QVFIUmZAkVjJ5" },
              "next": "https://graph.instagram.com/v23.0/17900000000000001/comments?limit=50&after=QVFIUmZAkVjJ5&access_token=SECRET" }
})";

TEST(InstagramPage, CommentsRepliesCursorAndGaps) {
  auto page = parse_instagram_comments(kInstagramPage, true);
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->comments.size(), 3u);
  const Comment& alice = page->comments[0];
  EXPECT_EQ(alice.user_id, "6790001112223334");
  EXPECT_EQ(alice.handle, "alice.p");
  EXPECT_EQ(alice.comment_id, "17870913679156914");
  EXPECT_EQ(alice.time, *parse_rfc3339("2026-11-20T10:01:44Z"));
  EXPECT_FALSE(alice.parent_id);
  EXPECT_EQ(page->comments[1].parent_id.value_or(""), "17870913679156914");
  EXPECT_EQ(page->comments[2].text, "Done ✅");
  // A reply goes through the shared comment JSON and back with its parent.
  auto back = comment_from_json(comment_to_json(page->comments[1]));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->parent_id.value_or(""), "17870913679156914");
  EXPECT_EQ(back->time, page->comments[1].time);
  // The cursor is the after token, never the next URL with its access token.
  EXPECT_EQ(page->next_cursor.value_or(""), "QVFIUmZAkVjJ5");
  ASSERT_EQ(page->more_replies.size(), 1u);
  EXPECT_EQ(page->more_replies[0].parent_id, "17870913679156914");
  bool hidden = false, no_author = false;
  for (const auto& g : page->gaps) {
    hidden = hidden || (g.code == "hidden_by_owner" && g.count == 1);
    no_author = no_author || (g.code == "author_hidden" && g.count == 1);
  }
  EXPECT_TRUE(hidden);
  EXPECT_TRUE(no_author);
  EXPECT_EQ(comment_to_json(alice).dump(),
            R"({"comment_id":"17870913679156914","handle":"alice.p","platform":"instagram","text":"@friend1 @friend2 I'm in!","time":"2026-11-20T10:01:44Z","user_id":"6790001112223334"})");
}

TEST(InstagramPage, WithoutRepliesAndLastPage) {
  auto page = parse_instagram_comments(R"({"data":[{"id":"1","text":"x","timestamp":"2026-11-20T10:01:44+0000","username":"u",
    "replies":{"data":[{"id":"2","text":"y","timestamp":"2026-11-20T10:01:45+0000","username":"v"}]}}],
    "paging":{"cursors":{"before":"a","after":"b"}}})", false);
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->comments.size(), 1u);
  EXPECT_EQ(page->comments[0].user_id, "u");  // no `from`: the username is the identity
  EXPECT_FALSE(page->next_cursor);            // no paging.next: the end, whatever the page size
}

TEST(InstagramPage, EmptyPageWithNextContinues) {
  auto page = parse_instagram_comments(R"({"data":[],"paging":{"cursors":{"after":"c2"},"next":"https://x/?after=c2"}})", false);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->comments.empty());
  EXPECT_EQ(page->next_cursor.value_or(""), "c2");
}

TEST(InstagramPage, RefusesBadPagesWithThePath) {
  struct Case { const char* body; const char* says; };
  for (const Case& c : {
           Case{R"({"paging":{}})", "data: missing"},
           Case{R"({"data":[{"id":"1","text":"x","timestamp":"yesterday","username":"u"}]})", "data[0].timestamp"},
           Case{R"({"data":[{"id":"1 2","text":"x","timestamp":"2026-11-20T10:01:44+0000"}]})", "data[0].id"},
           Case{R"({"data":[{"id":"1","text":7,"timestamp":"2026-11-20T10:01:44+0000"}]})", "data[0].text: expected a string"},
           Case{R"({"data":[],"paging":{"next":"https://x/y"}})", "without an after cursor"},
           Case{R"({"data":[)", "malformed JSON"},
           Case{R"([1,2])", "not an object"},
       }) {
    auto page = parse_instagram_comments(c.body, true);
    ASSERT_FALSE(page.ok()) << c.body;
    EXPECT_EQ(page.error().code, "bad_platform_response");
    EXPECT_NE(page.error().message.find(c.says), std::string::npos) << page.error().message;
  }
}

TEST(PlatformJson, BoundsSizeAndDepth) {
  EXPECT_FALSE(parse_platform_json(std::string(kMaxPlatformBody + 1, ' '), "X").ok());
  EXPECT_FALSE(parse_platform_json(std::string(40, '[') + std::string(40, ']'), "X").ok());
  EXPECT_TRUE(parse_platform_json(R"({"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["})", "X").ok());  // brackets in strings don't count
  std::string many = R"({"data":[)";
  for (int i = 0; i < 1001; ++i) many += std::string(i ? "," : "") + "{}";
  auto page = parse_instagram_comments(many + "]}", false);
  ASSERT_FALSE(page.ok());
  EXPECT_NE(page.error().message.find("more than 1000 items"), std::string::npos);
}

TEST(PlatformTime, AllThreeForms) {
  EXPECT_EQ(*parse_platform_time("2017-08-31T18:10:30+0000"), *parse_rfc3339("2017-08-31T18:10:30Z"));
  EXPECT_EQ(*parse_platform_time("2026-11-20T15:58:10.000Z"), *parse_rfc3339("2026-11-20T15:58:10Z"));
  EXPECT_EQ(*parse_platform_time("2026-11-20T16:58:10+01:00"), *parse_rfc3339("2026-11-20T15:58:10Z"));
  EXPECT_EQ(*parse_platform_time("2026-11-20T10:58:10-0500"), *parse_rfc3339("2026-11-20T15:58:10Z"));
  for (const char* bad : {"2026-11-20T15:58:10", "2026-11-20T15:58:10.Z", "2026-11-20T15:58:10+2500", "2026-11-20 15:58:10Z",
                          "2026-13-20T15:58:10Z", ""})
    EXPECT_FALSE(parse_platform_time(bad).ok()) << bad;
}

TEST(FacebookPage, StreamWithParentsSummaryAndWithheldAuthors) {
  auto page = parse_facebook_comments(R"({
    "data": [
      { "id": "122100000000000123_901234567890123", "message": "Count me in! @Jane Doe", "created_time": "2026-11-21T14:02:11+0000",
        "from": { "id": "6543210987654321", "name": "John Smith" }, "like_count": 2, "comment_count": 1 },
      { "id": "122100000000000123_901234567890456", "message": "Good luck everyone", "created_time": "2026-11-21T14:05:40+0000",
        "from": { "id": "104857600000001", "name": "Demo Shop" }, "parent": { "id": "122100000000000123_901234567890123" } },
      { "id": "122100000000000123_901234567890789", "created_time": "2026-11-21T14:06:00+0000" } ],
    "paging": { "cursors": { "before": "WTI5", "after": "WTI6" }, "next": "https://graph.facebook.com/v23.0/x/comments?after=WTI6" },
    "summary": { "order": "chronological", "total_count": 4, "can_comment": true } })");
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->comments.size(), 2u);
  EXPECT_EQ(page->comments[0].handle, "John Smith");
  EXPECT_EQ(page->comments[1].parent_id.value_or(""), "122100000000000123_901234567890123");
  EXPECT_EQ(page->total_hint.value_or(-1), 4);
  EXPECT_EQ(page->next_cursor.value_or(""), "WTI6");
  ASSERT_EQ(page->gaps.size(), 1u);
  EXPECT_EQ(page->gaps[0].code, "author_hidden");
}

const char* kYouTubePage = R"({
  "kind": "youtube#commentThreadListResponse", "nextPageToken": "QURTSl9pM0dxT0Y2",
  "pageInfo": { "totalResults": 2, "resultsPerPage": 100 },
  "items": [
    { "kind": "youtube#commentThread", "id": "UgxD7msptSaPXG9Xqt14AaABAg",
      "snippet": { "videoId": "dQw4w9WgXcQ",
        "topLevelComment": { "kind": "youtube#comment", "id": "UgxD7msptSaPXG9Xqt14AaABAg",
          "snippet": { "textDisplay": "I want to win! #giveaway", "authorDisplayName": "@alicecooks",
            "authorChannelId": { "value": "UCalice000000000000000" }, "publishedAt": "2026-11-19T18:22:05Z" } },
        "canReply": true, "totalReplyCount": 3, "isPublic": true },
      "replies": { "comments": [
        { "kind": "youtube#comment", "id": "UgxD7msptSaPXG9Xqt14AaABAg.9x1y2z3",
          "snippet": { "textDisplay": "good luck", "parentId": "UgxD7msptSaPXG9Xqt14AaABAg", "authorDisplayName": "@bob",
            "authorChannelId": { "value": "UCbob0000000000000000" }, "publishedAt": "2026-11-19T19:00:00Z" } } ] } },
    { "kind": "youtube#commentThread", "id": "UgzDeleted",
      "snippet": { "topLevelComment": { "id": "UgzDeleted", "snippet": { "textDisplay": "gone", "authorDisplayName": "",
          "publishedAt": "2026-11-19T18:00:00Z" } }, "totalReplyCount": 0 } } ] })";

TEST(YouTubePage, ThreadsRepliesSampleAndDeletedChannels) {
  auto page = parse_youtube_threads(kYouTubePage, true);
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->comments.size(), 2u);
  EXPECT_EQ(page->comments[0].user_id, "UCalice000000000000000");
  EXPECT_EQ(page->comments[1].parent_id.value_or(""), "UgxD7msptSaPXG9Xqt14AaABAg");
  EXPECT_EQ(page->next_cursor.value_or(""), "QURTSl9pM0dxT0Y2");
  // 3 replies counted, 1 shown: the rest must be listed through comments.list.
  ASSERT_EQ(page->more_replies.size(), 1u);
  EXPECT_EQ(page->more_replies[0].parent_id, "UgxD7msptSaPXG9Xqt14AaABAg");
  ASSERT_EQ(page->gaps.size(), 1u);
  EXPECT_EQ(page->gaps[0].code, "author_hidden");
  auto top_only = parse_youtube_threads(kYouTubePage, false);
  ASSERT_TRUE(top_only.ok());
  EXPECT_EQ(top_only->comments.size(), 1u);
  EXPECT_TRUE(top_only->more_replies.empty());
}

TEST(YouTubePage, CountsAndPlaylists) {
  EXPECT_EQ(*parse_youtube_comment_count(R"({"items":[{"id":"v","statistics":{"commentCount":"412"}}]})"), 412);
  EXPECT_EQ(parse_youtube_comment_count(R"({"items":[]})").error().code, "not_found");
  EXPECT_FALSE(parse_youtube_comment_count(R"({"items":[{"statistics":{"commentCount":"-4"}}]})").ok());
  EXPECT_EQ(*parse_youtube_uploads_playlist(R"({"items":[{"contentDetails":{"relatedPlaylists":{"uploads":"UU123"}}}]})"), "UU123");
  auto posts = parse_youtube_playlist_items(
      R"({"items":[{"snippet":{"title":"T","publishedAt":"2026-11-19T18:22:05Z","resourceId":{"videoId":"dQw4w9WgXcQ"}}}]})");
  ASSERT_TRUE(posts.ok()) << posts.error().message;
  EXPECT_EQ(posts->posts[0].url, "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
}

TEST(XPage, RepliesWithAuthorsRootSkippedPartialErrors) {
  auto page = parse_x_search(R"({
    "data": [
      { "id": "1858000000000000000", "text": "GIVEAWAY", "author_id": "1", "created_at": "2026-11-20T15:00:00.000Z", "conversation_id": "1858000000000000000" },
      { "id": "1858000000000000123", "text": "@demoshop I'm in!", "author_id": "2244994945", "created_at": "2026-11-20T15:58:10.000Z",
        "conversation_id": "1858000000000000000", "referenced_tweets": [ { "type": "replied_to", "id": "1858000000000000000" } ] },
      { "id": "1858000000000000124", "text": "@alice_w me too", "author_id": "99", "created_at": "2026-11-20T15:59:10.000Z",
        "conversation_id": "1858000000000000000", "referenced_tweets": [ { "type": "replied_to", "id": "1858000000000000123" } ] } ],
    "includes": { "users": [ { "id": "2244994945", "name": "Alice", "username": "alice_w", "created_at": "2013-12-14T04:35:55.000Z",
        "public_metrics": { "followers_count": 120 } } ] },
    "errors": [ { "value": "1858000000000000099", "detail": "Sorry, you are not authorized to see the Tweet with id: [1858000000000000099].",
        "title": "Authorization Error", "resource_type": "tweet", "parameter": "referenced_tweets.id", "resource_id": "1858000000000000099",
        "type": "https://api.twitter.com/2/problems/not-authorized-for-resource" } ],
    "meta": { "result_count": 3, "next_token": "b26v89c19zqg8o3fobd8v73egzbdt3qao235oql" } })", "1858000000000000000");
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->comments.size(), 2u);
  const Comment& alice = page->comments[0];
  EXPECT_EQ(alice.handle, "alice_w");
  EXPECT_EQ(alice.account_created.value_or(0), *parse_rfc3339("2013-12-14T04:35:55Z"));
  EXPECT_EQ(alice.followers.value_or(0), 120);
  EXPECT_FALSE(alice.parent_id);
  EXPECT_EQ(page->comments[1].parent_id.value_or(""), "1858000000000000123");
  EXPECT_EQ(page->next_cursor.value_or(""), "b26v89c19zqg8o3fobd8v73egzbdt3qao235oql");
  EXPECT_EQ(page->gaps.size(), 2u);  // an author not described, one withheld post
  auto empty = parse_x_search(R"({"meta":{"result_count":0}})", "1");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->comments.empty());
  EXPECT_FALSE(empty->next_cursor);
  EXPECT_EQ(*parse_x_reply_count(R"({"data":{"id":"1","public_metrics":{"reply_count":7}}})"), 7);
  EXPECT_EQ(parse_x_reply_count(R"({"errors":[{"title":"Not Found Error"}]})").error().code, "not_found");
}

// The gap with that code, or null.
const Gap* gap(const CommentPage& page, const std::string& code) {
  for (const auto& g : page.gaps)
    if (g.code == code) return &g;
  return nullptr;
}

// Issue 14 item 8: errors[] about users (a mentioned account that no longer exists, a suspended author)
// lose no reply; only posts of the conversation X says it cannot give are withheld, each once.
TEST(XPage, ErrorsAboutUsersAreNotWithheldReplies) {
  auto page = parse_x_search(R"({
    "data": [
      { "id": "1858000000000000123", "text": "@demoshop I'm in! @gone_user", "author_id": "2244994945", "created_at": "2026-11-20T15:58:10.000Z",
        "conversation_id": "1858000000000000000", "referenced_tweets": [ { "type": "replied_to", "id": "1858000000000000000" } ] },
      { "id": "1858000000000000124", "text": "@demoshop me too", "author_id": "2244994946", "created_at": "2026-11-20T15:59:10.000Z",
        "conversation_id": "1858000000000000000", "referenced_tweets": [ { "type": "replied_to", "id": "1858000000000000000" } ] } ],
    "includes": { "users": [ { "id": "2244994945", "name": "Alice", "username": "alice_w", "created_at": "2013-12-14T04:35:55.000Z" },
                             { "id": "2244994946", "name": "Bob", "username": "bob_k", "created_at": "2014-01-02T10:00:00.000Z" } ] },
    "errors": [ { "value": "gone_user", "detail": "Could not find user with username: [gone_user].", "title": "Not Found Error",
                  "resource_type": "user", "parameter": "entities.mentions.username", "resource_id": "gone_user",
                  "type": "https://api.twitter.com/2/problems/resource-not-found" } ],
    "meta": { "result_count": 2 } })", "1858000000000000000");
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->comments.size(), 2u);
  EXPECT_EQ(gap(*page, "withheld"), nullptr);
  EXPECT_TRUE(page->gaps.empty());

  // A suspended author: the reply is there (its author undescribed); two errors about one parent post count once.
  auto mixed = parse_x_search(R"({
    "data": [
      { "id": "1858000000000000125", "text": "@demoshop count me in", "author_id": "77", "created_at": "2026-11-20T16:00:10.000Z",
        "conversation_id": "1858000000000000000", "referenced_tweets": [ { "type": "replied_to", "id": "1858000000000000099" } ] },
      { "id": "1858000000000000126", "text": "@demoshop same", "author_id": "77", "created_at": "2026-11-20T16:01:10.000Z",
        "conversation_id": "1858000000000000000", "referenced_tweets": [ { "type": "replied_to", "id": "1858000000000000099" } ] } ],
    "errors": [
      { "value": "77", "detail": "User has been suspended: [77].", "title": "Forbidden", "resource_type": "user",
        "parameter": "author_id", "resource_id": "77", "type": "https://api.twitter.com/2/problems/resource-not-found" },
      { "value": "1858000000000000099", "detail": "Could not find tweet with referenced_tweets.id: [1858000000000000099].",
        "title": "Not Found Error", "resource_type": "tweet", "parameter": "referenced_tweets.id", "resource_id": "1858000000000000099",
        "type": "https://api.twitter.com/2/problems/resource-not-found" },
      { "value": "1858000000000000099", "detail": "Could not find tweet with referenced_tweets.id: [1858000000000000099].",
        "title": "Not Found Error", "resource_type": "tweet", "parameter": "referenced_tweets.id", "resource_id": "1858000000000000099",
        "type": "https://api.twitter.com/2/problems/resource-not-found" } ],
    "meta": { "result_count": 2 } })", "1858000000000000000");
  ASSERT_TRUE(mixed.ok()) << mixed.error().message;
  EXPECT_EQ(mixed->comments.size(), 2u);
  ASSERT_NE(gap(*mixed, "withheld"), nullptr);
  EXPECT_EQ(gap(*mixed, "withheld")->count, 1);
  ASSERT_NE(gap(*mixed, "author_details_missing"), nullptr);
  EXPECT_EQ(gap(*mixed, "author_details_missing")->count, 2);
}

// Issue 14 item 8: Facebook announced 18 and served 15 comments without `from` (api-reference.md 10).
TEST(FacebookPage, CommentsWithoutFromAreAuthorHiddenNotDropped) {
  std::string items;
  for (int i = 0; i < 15; ++i)
    items += std::string(i ? "," : "") + R"({"id":"122100000000000123_90123456789000)" + std::to_string(10 + i) +
             R"(","message":"me!","created_time":"2026-11-20T09:15:02+0000"})";
  auto page = parse_facebook_comments(R"({"data":[)" + items +
                                      R"(],"paging":{"cursors":{"before":"QVFI","after":"QVFJ"}},"summary":{"order":"chronological","total_count":18,"can_comment":true}})");
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_TRUE(page->comments.empty());
  ASSERT_NE(gap(*page, "author_hidden"), nullptr);
  EXPECT_EQ(gap(*page, "author_hidden")->count, 15);
  EXPECT_EQ(page->total_hint.value_or(0), 18);
  EXPECT_FALSE(page->next_cursor);
}

TEST(Engagement, XUsersAndFacebookReactions) {
  auto users = parse_x_users(R"({"data":[{"id":"2244990000","name":"Fan 0","username":"fan_0"},
    {"id":"2244990003","name":"Fan 3","username":"fan_3"}],"meta":{"result_count":2,"next_token":"7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i"}})");
  ASSERT_TRUE(users.ok()) << users.error().message;
  ASSERT_EQ(users->accounts.size(), 2u);
  EXPECT_EQ(users->accounts[1].user_id, "2244990003");
  EXPECT_EQ(users->accounts[1].handle, "fan_3");
  EXPECT_EQ(users->next_cursor.value_or(""), "7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i");
  auto nobody = parse_x_users(R"({"meta":{"result_count":0}})");
  ASSERT_TRUE(nobody.ok());
  EXPECT_TRUE(nobody->accounts.empty());
  EXPECT_EQ(parse_x_users(R"({"errors":[{"title":"Not Found Error"}]})").error().code, "not_found");
  EXPECT_EQ(parse_x_users(R"({"data":[{"username":"no_id"}]})").error().code, "bad_platform_response");

  auto reactions = parse_facebook_reactions(R"({"data":[{"id":"6543210987654321","name":"John Smith","type":"LIKE"},
    {"type":"LOVE"}],"paging":{"cursors":{"before":"QVFIUk","after":"QVFIUl"},"next":"https://graph.facebook.com/x"},
    "summary":{"total_count":57,"viewer_reaction":"NONE"}})");
  ASSERT_TRUE(reactions.ok()) << reactions.error().message;
  ASSERT_EQ(reactions->accounts.size(), 1u);
  EXPECT_EQ(reactions->accounts[0].handle, "John Smith");
  EXPECT_EQ(reactions->unnamed, 1);
  EXPECT_EQ(reactions->total_hint.value_or(0), 57);
  EXPECT_EQ(reactions->next_cursor.value_or(""), "QVFIUl");
  EXPECT_FALSE(parse_facebook_reactions(R"({"data":[17]})").ok());
}

TEST(TikTokPage, VideosCursorAndErrorEnvelope) {
  auto page = parse_tiktok_videos(R"({"data":{"videos":[{"id":"7300000000000000001","title":"GIVEAWAY","create_time":1700000000,
    "share_url":"https://www.tiktok.com/@demo/video/7300000000000000001","comment_count":12}],"cursor":1700000000000,"has_more":true},
    "error":{"code":"ok","message":"","log_id":"x"}})");
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->posts[0].comment_count.value_or(0), 12);
  EXPECT_EQ(page->next_cursor.value_or(""), "1700000000000");
  auto error = parse_tiktok_videos(R"({"data":{},"error":{"code":"scope_not_authorized","message":"no","log_id":"x"}})");
  ASSERT_FALSE(error.ok());
  EXPECT_NE(error.error().message.find("scope_not_authorized"), std::string::npos);
}

TEST(Posts, InstagramMediaAndFacebookPosts) {
  auto ig = parse_instagram_media(R"({"data":[{"id":"17900000000000001","caption":"GIVEAWAY! Comment to win","permalink":"https://www.instagram.com/p/DAbCdEfGh1J/",
    "shortcode":"DAbCdEfGh1J","timestamp":"2026-11-20T09:15:02+0000","comments_count":412}],"paging":{"cursors":{"after":"a"}}})");
  ASSERT_TRUE(ig.ok()) << ig.error().message;
  EXPECT_EQ(ig->posts[0].shortcode, "DAbCdEfGh1J");
  EXPECT_EQ(ig->posts[0].comment_count.value_or(0), 412);
  EXPECT_FALSE(ig->next_cursor);
  auto fb = parse_facebook_posts(R"({"data":[{"id":"1_2","message":"hi","created_time":"2026-11-20T09:15:02+0000","permalink_url":"https://www.facebook.com/1/posts/2"}]})");
  ASSERT_TRUE(fb.ok()) << fb.error().message;
  EXPECT_EQ(fb->posts[0].id, "1_2");
}

// Every list item of every platform must be an object; the error names the item, nested lists included.
TEST(PlatformPages, NonObjectItemsAreRefusedWithTheirPath) {
  const std::string ts = R"("2026-11-20T10:01:44+0000")";
  struct Case { Result<CommentPage> page; const char* says; };
  std::vector<Case> comment_cases;
  comment_cases.push_back({parse_instagram_comments(R"({"data":[{"id":"1","text":"x","timestamp":)" + ts +
                                                        R"(,"username":"u","replies":{"data":[{"id":"2","text":"y","timestamp":)" + ts +
                                                        R"(,"username":"v"},"oops"]}}]})", true),
                           "data[0].replies.data[1]: expected an object"});
  comment_cases.push_back({parse_facebook_comments(R"({"data":[7]})"), "data[0]: expected an object"});
  comment_cases.push_back({parse_youtube_replies(R"({"items":[null,{}]})"), "items[0]: expected an object"});
  comment_cases.push_back({parse_x_search(R"({"data":[{"id":"5","text":"t","created_at":"2026-11-20T10:01:44.000Z","author_id":"9",
                                             "referenced_tweets":["replied_to"]}]})", "1"),
                           "data[0].referenced_tweets[0]: expected an object"});
  for (const Case& c : comment_cases) {
    ASSERT_FALSE(c.page.ok()) << c.says;
    EXPECT_NE(c.page.error().message.find(c.says), std::string::npos) << c.page.error().message;
  }
  auto posts = parse_facebook_posts(R"({"data":[{"id":"1_2"},"1_3"]})");
  ASSERT_FALSE(posts.ok());
  EXPECT_NE(posts.error().message.find("data[1]: expected an object"), std::string::npos) << posts.error().message;
  auto videos = parse_tiktok_videos(R"({"data":{"videos":[1],"has_more":false}})");
  ASSERT_FALSE(videos.ok());
  EXPECT_NE(videos.error().message.find("data.videos[0]: expected an object"), std::string::npos) << videos.error().message;
}

}  // namespace
}  // namespace tirage
