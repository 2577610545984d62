// This browser's list of giveaways (issue 14, "no lost work"): a new giveaway
// keeps the others, a committed draw waiting for its result can never be
// deleted (its list is what publishes it), the server's final statuses are
// taken in, and the single giveaway stored before the list becomes its first entry.
#include <gtest/gtest.h>

#include "wasm/app/model/giveaway_list.hpp"

namespace tirage::app {
namespace {

Giveaway draft(const std::string& id, const std::string& title) {
  Giveaway g;
  g.giveaway_id = id;
  g.title = title;
  return g;
}

Giveaway committed(const std::string& id, const std::string& draw_id) {
  Giveaway g = draft(id, "committed " + id);
  g.draw_id = draw_id;
  return g;
}

TEST(GiveawayList, EachGiveawayHasKeysOfItsOwnApartFromTheOldSingleKeys) {
  EXPECT_EQ(giveaway_key("g_a"), "work.giveaway.g_a");
  EXPECT_EQ(source_key("g_a"), "work.source.g_a");
  EXPECT_NE(giveaway_key("g_a"), giveaway_key("g_b"));
  EXPECT_NE(source_key("g_a"), kLegacySourceKey);
  EXPECT_NE(giveaway_key("g_a"), kLegacyGiveawayKey);
  EXPECT_NE(std::string(kIndexKey), kLegacyGiveawayKey);
}

TEST(GiveawayList, ANewGiveawayKeepsTheOthersAndTheLatestChangeComesFirst) {
  GiveawayList list;
  note_giveaway(list, committed("g_a", "d_1"), 100);
  note_giveaway(list, draft("g_b", "Second"), 200);
  ASSERT_EQ(list.items.size(), 2u);
  EXPECT_EQ(list.items[0].giveaway_id, "g_b");
  EXPECT_EQ(list.items[1].giveaway_id, "g_a");
  EXPECT_EQ(list.items[1].status, GiveawayStatus::committed);
  // Changing the first again: one entry still, first, its creation time kept.
  Giveaway a = committed("g_a", "d_1");
  a.title = "Renamed";
  note_giveaway(list, a, 300);
  ASSERT_EQ(list.items.size(), 2u);
  EXPECT_EQ(list.items[0].giveaway_id, "g_a");
  EXPECT_EQ(list.items[0].title, "Renamed");
  EXPECT_EQ(list.items[0].created_at, 100);
  EXPECT_EQ(list.items[0].updated_at, 300);
}

TEST(GiveawayList, AGiveawayWithoutIdIsNotListed) {
  GiveawayList list;
  note_giveaway(list, Giveaway(), 1);
  EXPECT_TRUE(list.items.empty());
}

TEST(GiveawayList, TheStatusFollowsTheDrawAndItsOutcome) {
  Giveaway g = draft("g_a", "");
  EXPECT_EQ(giveaway_status(g), GiveawayStatus::draft);
  g.draw_id = "d_1";
  EXPECT_EQ(giveaway_status(g), GiveawayStatus::committed);
  g.outcome = "published";
  EXPECT_EQ(giveaway_status(g), GiveawayStatus::published);
  g.outcome = "abandoned";
  EXPECT_EQ(giveaway_status(g), GiveawayStatus::abandoned);
  g.outcome = "something new";
  EXPECT_EQ(giveaway_status(g), GiveawayStatus::committed);
}

TEST(GiveawayList, ACommittedDrawWaitingForItsResultCannotBeDeleted) {
  GiveawayList list;
  note_giveaway(list, committed("g_a", "d_1"), 100);
  list.current = "g_a";
  const Status refused = remove_giveaway(list, "g_a");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "draw_unpublished");
  ASSERT_EQ(list.items.size(), 1u);
  EXPECT_EQ(list.current, "g_a");
}

TEST(GiveawayList, DraftsAndFinalDrawsCanBeDeleted) {
  GiveawayList list;
  note_giveaway(list, draft("g_a", "Draft"), 100);
  Giveaway published = committed("g_b", "d_2");
  published.outcome = "published";
  note_giveaway(list, published, 200);
  Giveaway abandoned = committed("g_c", "d_3");
  abandoned.outcome = "abandoned";
  note_giveaway(list, abandoned, 300);
  list.current = "g_b";
  for (const char* id : {"g_a", "g_b", "g_c"}) EXPECT_TRUE(remove_giveaway(list, id)) << id;
  EXPECT_TRUE(list.items.empty());
  EXPECT_EQ(list.current, "");
  const Status unknown = remove_giveaway(list, "g_a");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, "unknown_giveaway");
}

TEST(GiveawayList, RemovingByTheEntrysOwnIdRemovesThatOneOnly) {
  GiveawayList list;
  note_giveaway(list, draft("g_b", "B"), 100);
  note_giveaway(list, draft("g_a", "A"), 200);  // first in the list
  list.current = "g_a";
  ASSERT_TRUE(remove_giveaway(list, list.items[0].giveaway_id));  // what the home screen passes
  ASSERT_EQ(list.items.size(), 1u);
  EXPECT_EQ(list.items[0].giveaway_id, "g_b");
  EXPECT_EQ(list.current, "");
}

TEST(GiveawayList, TheServersFinalStatusesAreTakenInAndNotUndoneByALaggingCopy) {
  GiveawayList list;
  note_giveaway(list, committed("g_a", "d_1"), 100);
  note_giveaway(list, committed("g_b", "d_2"), 100);
  note_giveaway(list, committed("g_c", "d_3"), 100);
  const Json draws = Json::parse(R"({"draws": [{"draw_id": "d_1", "status": "published"},
                                               {"draw_id": "d_2", "status": "waiting"},
                                               {"draw_id": "d_3", "status": "abandoned"},
                                               {"draw_id": "d_9", "status": "published"}, {"status": 3}, 7]})");
  EXPECT_TRUE(apply_server_statuses(list, draws));
  EXPECT_EQ(find_giveaway(list, "g_a")->status, GiveawayStatus::published);
  EXPECT_EQ(find_giveaway(list, "g_b")->status, GiveawayStatus::committed);
  EXPECT_EQ(find_giveaway(list, "g_c")->status, GiveawayStatus::abandoned);
  EXPECT_FALSE(apply_server_statuses(list, draws));  // nothing new
  EXPECT_TRUE(may_delete(*find_giveaway(list, "g_c")));
  // The giveaway saved before the server said so still reads "committed": the list keeps "abandoned".
  note_giveaway(list, committed("g_c", "d_3"), 400);
  EXPECT_EQ(find_giveaway(list, "g_c")->status, GiveawayStatus::abandoned);
  // A later draw of the same giveaway (a new commitment) waits again.
  note_giveaway(list, committed("g_c", "d_4"), 500);
  EXPECT_EQ(find_giveaway(list, "g_c")->status, GiveawayStatus::committed);
}

TEST(GiveawayList, ItsJsonReadsBackTheSame) {
  GiveawayList list;
  note_giveaway(list, draft("g_a", "Noël à Zoé"), 100);
  Giveaway b = committed("g_b", "d_2");
  b.outcome = "published";
  note_giveaway(list, b, 200);
  note_giveaway(list, committed("g_c", "d_3"), 300);
  list.current = "g_a";
  auto back = giveaway_list_from_json(Json::parse(giveaway_list_to_json(list).dump()));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->current, "g_a");
  ASSERT_EQ(back->items.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(back->items[i].giveaway_id, list.items[i].giveaway_id);
    EXPECT_EQ(back->items[i].title, list.items[i].title);
    EXPECT_EQ(back->items[i].draw_id, list.items[i].draw_id);
    EXPECT_EQ(back->items[i].status, list.items[i].status);
    EXPECT_EQ(back->items[i].created_at, list.items[i].created_at);
    EXPECT_EQ(back->items[i].updated_at, list.items[i].updated_at);
  }
}

TEST(GiveawayList, ABadStoredListIsAnErrorNotAnEmptyList) {
  EXPECT_FALSE(giveaway_list_from_json(Json::parse("[]")));
  EXPECT_FALSE(giveaway_list_from_json(Json::parse(R"({"giveaways": [{"title": "no id"}]})")));
  EXPECT_FALSE(giveaway_list_from_json(Json::parse(R"({"giveaways": [{"giveaway_id": "g_a", "created_at": "soon"}]})")));
  // An unknown status of an entry with a draw is read on the safe side: it cannot be deleted.
  auto odd = giveaway_list_from_json(Json::parse(R"({"giveaways": [{"giveaway_id": "g_a", "draw_id": "d_1", "status": "?"}]})"));
  ASSERT_TRUE(odd);
  EXPECT_EQ(odd->items[0].status, GiveawayStatus::committed);
  EXPECT_FALSE(may_delete(odd->items[0]));
}

TEST(GiveawayList, TheSingleGiveawayStoredBeforeTheListIsItsFirstEntry) {
  // What today's app stores under work.giveaway: a giveaway committed and not yet published.
  Giveaway old = committed("g_old", "d_7");
  old.title = "Christmas";
  old.step = 4;
  auto m = migrate_legacy(giveaway_to_json(old).dump(), "g_fresh", 1000);
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->giveaway.giveaway_id, "g_old");
  EXPECT_EQ(m->giveaway.draw_id, "d_7");
  EXPECT_EQ(m->giveaway.step, 4);
  EXPECT_EQ(m->list.current, "g_old");
  ASSERT_EQ(m->list.items.size(), 1u);
  EXPECT_EQ(m->list.items[0].title, "Christmas");
  EXPECT_EQ(m->list.items[0].status, GiveawayStatus::committed);
  EXPECT_FALSE(may_delete(m->list.items[0]));
}

TEST(GiveawayList, AnOldGiveawayWithoutIdGetsOneAndABrokenOneSaysWhy) {
  auto m = migrate_legacy(R"({"title": "No id", "winners": 2})", "g_fresh", 5);
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->giveaway.giveaway_id, "g_fresh");
  EXPECT_EQ(m->giveaway.winners, 2);
  EXPECT_EQ(m->list.items.at(0).giveaway_id, "g_fresh");
  EXPECT_FALSE(migrate_legacy("{not json", "g_fresh", 5));
  EXPECT_FALSE(migrate_legacy(R"({"winners": "two"})", "g_fresh", 5));
}

TEST(SavedWork, AFieldOfTheWrongTypeIsNamedWithWhatWasFound) {
  auto work = giveaway_from_json(Json{{"giveaway_id", "g1"}, {"winners", "two"}});
  ASSERT_FALSE(work.ok());
  EXPECT_EQ(work.error().code, "bad_saved_work");
  EXPECT_EQ(work.error().message, R"(the saved giveaway: winners: got string "two", wanted integer)");
  auto list = giveaway_list_from_json(Json{{"giveaways", Json::array({Json{{"giveaway_id", "g1"}, {"updated_at", "later"}}})}});
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().code, "bad_saved_list");
  EXPECT_EQ(list.error().message, R"(the list of saved giveaways: giveaways[0].updated_at: got string "later", wanted integer)");
}

}  // namespace
}  // namespace tirage::app
