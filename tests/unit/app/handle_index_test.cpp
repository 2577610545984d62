// The handle index the app publishes: which entries go in, and the upload
// chunks (bounded, in index order, each entry exactly as committed).
#include "wasm/app/model/handle_index.hpp"

#include <gtest/gtest.h>

#include "shared/protocol/handle_key.hpp"
#include "shared/protocol/merkle.hpp"
#include "wasm/app/model/giveaway.hpp"

namespace tirage::app {
namespace {

std::vector<Entry> sample() {
  std::vector<Entry> raw = {{"instagram", "1001", "Foo.Bar"}, {"list", "@alice", "Alice"}, {"x", "77", "@Zoe"},
                            {"instagram", "1002", "@@"},      {"instagram", "1003", std::string(300, 'a')},
                            {"youtube", "UCabc", "@Chaîne"}};
  return build_participant_list(raw)->entries;
}

TEST(HandleIndex, PlatformEntriesWithAHandleGoIn) {
  const auto entries = sample();
  const HandleIndexPlan plan = plan_handle_index(entries);
  ASSERT_EQ(plan.indices.size(), 3u);
  EXPECT_EQ(plan.left_out, 2u);  // "@@" has no handle left; 300 bytes is more than the server stores
  EXPECT_EQ(plan.platforms, (std::set<std::string>{"instagram", "x", "youtube"}));
  for (auto i : plan.indices) {
    EXPECT_NE(entries[i].platform, "list");
    EXPECT_TRUE(handle_key(entries[i].platform, entries[i].name).ok()) << entries[i].name;
  }
  EXPECT_TRUE(std::is_sorted(plan.indices.begin(), plan.indices.end()));
  EXPECT_TRUE(plan_handle_index(build_participant_list({{"list", "a", "A"}})->entries).indices.empty());
}

TEST(HandleIndex, ChunksAreBoundedAndCarryTheEntriesAsCommitted) {
  std::vector<Entry> raw;
  for (int i = 0; i < 1000; ++i) raw.push_back({"instagram", std::to_string(100000 + i), "fan_" + std::to_string(i)});
  const auto entries = build_participant_list(raw)->entries;
  const HandleIndexPlan plan = plan_handle_index(entries);
  std::size_t from = 0, chunks = 0, seen = 0;
  while (from < plan.indices.size()) {
    const std::size_t before = from;
    Json body = handle_index_chunk(entries, plan, from, 300, 8000);
    ++chunks;
    EXPECT_GT(from, before);
    EXPECT_LE(body.dump().size(), 8000u);
    EXPECT_LE(body["entries"].size(), 300u);
    EXPECT_EQ(body["count"], 1000);
    for (const auto& e : body["entries"]) {
      const std::uint64_t index = e["index"];
      EXPECT_EQ(index, plan.indices[seen++]);
      // What the server checks: the entry's leaf is the committed one at that index.
      EXPECT_EQ(leaf(Entry{e["platform"], e["id"], e["name"]}), leaf(entries[index]));
    }
  }
  EXPECT_EQ(seen, 1000u);
  EXPECT_GT(chunks, 3u);  // the byte bound cut it, not only the entry bound
  // One entry larger than the byte bound still goes, alone.
  std::size_t one = 0;
  EXPECT_EQ(handle_index_chunk(entries, plan, one, 300, 10)["entries"].size(), 1u);
}

// The organizer's choice is saved with the giveaway; work saved before it existed offers the check.
TEST(HandleIndex, TheChoiceIsSavedWithTheGiveaway) {
  Giveaway g;
  EXPECT_TRUE(g.handle_check);
  g.handle_check = false;
  EXPECT_FALSE(giveaway_from_json(giveaway_to_json(g))->handle_check);
  Json old = giveaway_to_json(Giveaway());
  old.erase("handle_check");
  EXPECT_TRUE(giveaway_from_json(old)->handle_check);
}

}  // namespace
}  // namespace tirage::app
