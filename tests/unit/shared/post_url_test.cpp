// From a pasted link or id to what each platform's API takes (api-reference.md section 9).
#include <gtest/gtest.h>

#include "shared/platforms/post_url.hpp"

namespace tirage {
namespace {

using Kind = PostReference::Kind;

void expect(Platform p, const char* text, Kind kind, const char* value) {
  auto r = parse_post_reference(p, text);
  ASSERT_TRUE(r.ok()) << text << ": " << r.error().message;
  EXPECT_EQ(r->kind, kind) << text;
  EXPECT_EQ(r->value, value) << text;
}

TEST(PostUrl, EachPlatformsForms) {
  expect(Platform::instagram, "https://www.instagram.com/p/DAbCdEfGh1J/?igsh=abc", Kind::shortcode, "DAbCdEfGh1J");
  expect(Platform::instagram, "instagram.com/reel/C9x_y-z12/", Kind::shortcode, "C9x_y-z12");
  expect(Platform::instagram, "17900000000000001", Kind::id, "17900000000000001");
  expect(Platform::facebook, "https://www.facebook.com/demoshop/posts/122100000000000123", Kind::facebook_post, "122100000000000123");
  expect(Platform::facebook, "https://www.facebook.com/permalink.php?story_fbid=122&id=104857600000001", Kind::id, "104857600000001_122");
  expect(Platform::facebook, "https://www.facebook.com/104857600000002/posts/122000000000000005", Kind::id,
         "104857600000002_122000000000000005");
  expect(Platform::facebook, "https://m.facebook.com/demoshop/posts/pfbid02AbC", Kind::facebook_link, "https://m.facebook.com/demoshop/posts/pfbid02AbC");
  expect(Platform::facebook, "104857600000001_122100000000000123", Kind::id, "104857600000001_122100000000000123");
  expect(Platform::youtube, "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s", Kind::id, "dQw4w9WgXcQ");
  expect(Platform::youtube, "https://youtu.be/dQw4w9WgXcQ?si=x", Kind::id, "dQw4w9WgXcQ");
  expect(Platform::youtube, "youtube.com/shorts/dQw4w9WgXcQ", Kind::id, "dQw4w9WgXcQ");
  expect(Platform::youtube, "https://m.youtube.com/live/dQw4w9WgXcQ", Kind::id, "dQw4w9WgXcQ");
  expect(Platform::x, "https://x.com/demoshop/status/1858000000000000000?s=20", Kind::id, "1858000000000000000");
  expect(Platform::x, "https://mobile.twitter.com/demoshop/status/1858000000000000000/photo/1", Kind::id, "1858000000000000000");
  expect(Platform::tiktok, "https://www.tiktok.com/@demoshop/video/7300000000000000001?lang=fr", Kind::id, "7300000000000000001");
  expect(Platform::youtube, "  dQw4w9WgXcQ \n", Kind::id, "dQw4w9WgXcQ");
}

TEST(PostUrl, ClearErrors) {
  struct Case { Platform p; const char* text; const char* says; };
  for (const Case& c : {
           Case{Platform::instagram, "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "not a instagram link"},
           Case{Platform::instagram, "https://www.instagram.com/demoshop/", "not to a post"},
           Case{Platform::facebook, "https://www.facebook.com/share/p/1AbCdEf/", "share link"},
           Case{Platform::youtube, "https://www.youtube.com/watch?v=short", "11-character"},
           Case{Platform::x, "https://x.com/demoshop/status/12ab", "numeric id"},
           Case{Platform::tiktok, "https://vm.tiktok.com/ZMabc123/", "short link"},
           Case{Platform::x, "", "empty"},
           Case{Platform::youtube, "dQw4w9WgX%Q", "not a post id"},
       }) {
    auto r = parse_post_reference(c.p, c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.error().code, "bad_post");
    EXPECT_NE(r.error().message.find(c.says), std::string::npos) << r.error().message;
  }
  EXPECT_FALSE(parse_post_reference(Platform::x, std::string(3000, '1')).ok());
}

}  // namespace
}  // namespace tirage
