// Provider answers as the documentation shows them (api-reference.md 2.1,
// 4.4, 5.5, 6.4): flat and wrapped token bodies, numeric ids, each error
// shape, identity answers per provider, Facebook's Page list.
#include <gtest/gtest.h>

#include "shared/oauth/provider_answers.hpp"

namespace tirage {
namespace {

TEST(TokenAnswer, FlatAndInstagramWrapped) {
  auto google = parse_token_answer("Google", 200, R"({"access_token":"ya29.a","expires_in":3599,"refresh_token":"1//0g","scope":"s","token_type":"Bearer"})", 1000);
  ASSERT_TRUE(google) << google.error().message;
  EXPECT_EQ(google->access_token, "ya29.a");
  EXPECT_EQ(google->refresh_token, "1//0g");
  EXPECT_EQ(*google->access_expires_at, 4599);
  EXPECT_FALSE(google->refresh_expires_at);
  auto ig = parse_token_answer("Instagram", 200, R"({"data":[{"access_token":"IGAA","user_id":8392019283746512,"permissions":"a,b"}]})", 0);
  ASSERT_TRUE(ig);
  EXPECT_EQ(ig->user_id, "8392019283746512");
  EXPECT_EQ(ig->scope, "a,b");
  auto tiktok = parse_token_answer("TikTok", 200, R"({"access_token":"act.1","expires_in":7200,"open_id":"o-1","refresh_expires_in":15552000,"refresh_token":"rft.1"})", 0);
  ASSERT_TRUE(tiktok);
  EXPECT_EQ(tiktok->user_id, "o-1");
  EXPECT_EQ(*tiktok->refresh_expires_at, 15552000);
}

TEST(TokenAnswer, RefusalsInEachShape) {
  auto google = parse_token_answer("Google", 400, R"({"error":"invalid_grant","error_description":"Bad Request"})", 0);
  EXPECT_EQ(google.error().code, "provider_refused");
  EXPECT_EQ(google.error().message, "Google refused: invalid_grant (Bad Request) (HTTP 400)");
  auto meta = parse_token_answer("Facebook", 400, R"({"error":{"message":"This authorization code has been used.","type":"OAuthException","code":100}})", 0);
  EXPECT_NE(meta.error().message.find("This authorization code has been used."), std::string::npos);
  auto ig = parse_token_answer("Instagram", 400, R"({"error_type":"OAuthException","code":400,"error_message":"Invalid code"})", 0);
  EXPECT_NE(ig.error().message.find("Invalid code"), std::string::npos);
  EXPECT_NE(parse_token_answer("X", 502, "<html>", 0).error().message.find("not JSON"), std::string::npos);
  EXPECT_EQ(parse_token_answer("X", 200, R"({"token_type":"bearer"})", 0).error().code, "provider_refused");
  EXPECT_EQ(parse_token_answer("X", 200, R"({"access_token":")" + std::string(5000, 'a') + R"("})", 0).error().code, "provider_refused");
  EXPECT_LE(provider_refusal(R"({"error":")" + std::string(5000, 'e') + R"("})").size(), 310u);
}

TEST(IdentityAnswer, EachProvider) {
  auto g = parse_identity("google", "Google", R"({"sub":"1","email":"a@b.c","email_verified":true,"name":"A"})");
  ASSERT_TRUE(g);
  EXPECT_TRUE(g->email_verified);
  EXPECT_EQ(g->app_user_id, "1");
  EXPECT_FALSE(parse_identity("google", "Google", R"({"sub":"1","email":"a@b.c","email_verified":"true"})")->email_verified);
  auto fb = parse_identity("facebook", "Facebook", R"({"id":"10","name":"F"})");
  EXPECT_FALSE(fb->email_verified);
  // An address Facebook returns is not one it vouches for: our mail proves it.
  auto fb_mail = parse_identity("facebook", "Facebook", R"({"id":"10","name":"F","email":"f@b.c"})");
  EXPECT_EQ(fb_mail->email, "f@b.c");
  EXPECT_FALSE(fb_mail->email_verified);
  auto ig = parse_identity("instagram", "Instagram", R"({"user_id":"178","username":"shop","id":"839"})");
  EXPECT_EQ(ig->subject, "178");
  EXPECT_EQ(ig->app_user_id, "839");
  EXPECT_EQ(parse_identity("x", "X", R"({"data":{"id":"22","username":"u"}})")->name, "u");
  EXPECT_EQ(parse_identity("tiktok", "TikTok", R"({"data":{"user":{"open_id":"o","display_name":"d"}},"error":{"code":"ok"}})")->subject, "o");
  EXPECT_EQ(parse_identity("x", "X", R"({"errors":[{"title":"Unauthorized"}]})").error().code, "provider_refused");
  EXPECT_EQ(parse_identity("tiktok", "TikTok", "[]").error().code, "provider_refused");
  // A long name is cut on a character boundary (the JSON writer refuses broken UTF-8).
  std::string long_name = "a";  // then two-byte characters, so byte 200 falls inside one
  for (int i = 0; i < 150; ++i) long_name += "é";
  auto cut = parse_identity("x", "X", R"({"data":{"id":"1","username":")" + long_name + R"("}})");
  ASSERT_TRUE(cut);
  EXPECT_EQ(cut->name.size(), 199u);
  EXPECT_NO_THROW((void)Json(cut->name).dump());
}

TEST(PageList, PagesAndNextLink) {
  auto list = parse_page_list(R"({"data":[{"id":"1","name":"P","access_token":"EAAG"},{"id":"2","name":"no token"}],"paging":{"next":"https://graph.facebook.com/v23.0/me/accounts?after=MQ"}})");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->pages.size(), 1u);
  EXPECT_EQ(list->next, "https://graph.facebook.com/v23.0/me/accounts?after=MQ");
  EXPECT_FALSE(parse_page_list(R"({"paging":{}})"));
}

}  // namespace
}  // namespace tirage
