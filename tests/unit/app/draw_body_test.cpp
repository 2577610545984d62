// What the organizer app commits (issue 13): a list imported from a post names
// the post (sources), files and pasted lists name none, the link to the
// giveaway post goes in when given, and both survive a reload of the saved work.
#include <gtest/gtest.h>

#include "shared/protocol/statements.hpp"
#include "wasm/app/model/draw_body.hpp"
#include "wasm/app/model/giveaway.hpp"

namespace tirage::app {
namespace {

const std::string kRoot(64, 'a');

Giveaway imported(const std::string& platform, const std::string& post) {
  Giveaway g;
  g.giveaway_id = "g_test";
  g.title = "Noël";
  g.source = SourceKind::post;
  g.platform = platform;
  g.imported_post = post;
  return g;
}

TEST(DrawBody, AListImportedFromAPostNamesItsPlatformAndPost) {
  for (const char* platform : {"instagram", "facebook", "x", "youtube", "tiktok"}) {
    const Json body = create_draw_body(imported(platform, "17900000000001"), kRoot, 40);
    ASSERT_TRUE(body.contains("sources")) << platform;
    EXPECT_EQ(body["sources"], Json::array({Json{{"platform", platform}, {"post_id", "17900000000001"}}}));
    auto refs = post_refs_from_json(body["sources"]);  // what the server checks
    EXPECT_TRUE(refs.ok()) << platform;
  }
}

TEST(DrawBody, FilesAndPastedListsNameNoSource) {
  for (SourceKind kind : {SourceKind::csv, SourceKind::xlsx, SourceKind::text, SourceKind::none}) {
    Giveaway g = imported("instagram", "1790");
    g.source = kind;  // a file after an import: the post is no longer the source
    EXPECT_FALSE(create_draw_body(g, kRoot, 40).contains("sources")) << static_cast<int>(kind);
  }
  EXPECT_FALSE(create_draw_body(imported("instagram", ""), kRoot, 40).contains("sources"));
  // A platform the protocol does not name is left out rather than refused by the server.
  EXPECT_FALSE(create_draw_body(imported("list", "1790"), kRoot, 40).contains("sources"));
}

TEST(DrawBody, TheGiveawayLinkIsSentWhenGivenAndKeptAcrossAReload) {
  Giveaway g = imported("x", "1858");
  EXPECT_FALSE(create_draw_body(g, kRoot, 40).contains("giveaway_url"));
  g.giveaway_url = "https://x.com/brand/status/1858";
  const Json body = create_draw_body(g, kRoot, 40);
  EXPECT_EQ(body["giveaway_url"], g.giveaway_url);
  EXPECT_EQ(body["participants_root"], kRoot);
  EXPECT_EQ(body["participants_count"], 40);
  EXPECT_EQ(body["beacon"], Json({{"source", "drand"}}));
  auto reloaded = giveaway_from_json(giveaway_to_json(g));
  ASSERT_TRUE(reloaded.ok());
  EXPECT_EQ(reloaded->giveaway_url, g.giveaway_url);
  EXPECT_EQ(create_draw_body(*reloaded, kRoot, 40), body);
}

TEST(DrawBody, TheLinkIsCheckedAsTheServerChecksIt) {
  EXPECT_TRUE(check_giveaway_url("https://www.instagram.com/p/C0abc/").ok());
  EXPECT_FALSE(check_giveaway_url("http://www.instagram.com/p/C0abc/").ok());
  EXPECT_FALSE(check_giveaway_url("https://").ok());
  EXPECT_FALSE(check_giveaway_url("https://a b").ok());
  EXPECT_FALSE(check_giveaway_url("https://x.com/" + std::string(500, 'a')).ok());
}

}  // namespace
}  // namespace tirage::app
