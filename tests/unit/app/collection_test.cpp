// The app's decisions about X collection, natively: the date typed for
// "keep collecting until", when an import's comments are read (again) and how
// many, and the merge of a watching import's new replies into the list.
#include <gtest/gtest.h>

#include "shared/core/time.hpp"
#include "wasm/app/model/collection.hpp"
#include "wasm/app/model/giveaway.hpp"
#include "wasm/app/model/imported_comments.hpp"

namespace tirage::app {
namespace {

const std::int64_t kNow = *parse_rfc3339("2026-11-25T20:00:00Z");

TEST(CollectUntil, LocalTimeBecomesUtcWithinSixtyDays) {
  // Paris in winter: getTimezoneOffset is -60 (UTC is an hour behind local time).
  auto c = parse_collect_until("2026-12-02 21:30", kNow, -60);
  ASSERT_TRUE(c.at) << collect_problem_key(c.problem);
  EXPECT_EQ(format_rfc3339(*c.at), "2026-12-02T20:30:00Z");
  EXPECT_EQ(local_minute(*c.at, -60), "2026-12-02 21:30");
  // New York: +300.
  EXPECT_EQ(format_rfc3339(*parse_collect_until("2026-12-02 15:30", kNow, 300).at), "2026-12-02T20:30:00Z");
  // The default a week ahead is accepted as shown.
  const std::string week = local_minute(kNow + kDefaultCollectS, 0);
  EXPECT_EQ(week, "2026-12-02 20:00");
  EXPECT_TRUE(parse_collect_until(week, kNow, 0).at);
  // Surrounding blanks are fine.
  EXPECT_TRUE(parse_collect_until("  2026-12-02 20:00 ", kNow, 0).at);
}

TEST(CollectUntil, RefusesMalformedPastAndTooFar) {
  for (const char* bad : {"", "tomorrow", "2026-12-02", "2026-12-02 25:00", "2026-02-30 10:00", "2026-12-02 10:00 pm",
                          "02/12/2026 10:00"}) {
    auto c = parse_collect_until(bad, kNow, 0);
    EXPECT_FALSE(c.at) << bad;
    EXPECT_EQ(c.problem, CollectProblem::malformed) << bad;
  }
  EXPECT_EQ(parse_collect_until("2026-11-25 20:00", kNow, 0).problem, CollectProblem::past);  // now is not the future
  EXPECT_EQ(parse_collect_until("2026-11-20 10:00", kNow, 0).problem, CollectProblem::past);
  // 60 days is the server's bound, to the second.
  EXPECT_TRUE(parse_collect_until(local_minute(kNow + kMaxCollectAheadS, 0), kNow, 0).at);
  auto far = parse_collect_until(local_minute(kNow + kMaxCollectAheadS + 60, 0), kNow, 0);
  EXPECT_FALSE(far.at);
  EXPECT_EQ(far.problem, CollectProblem::too_far);
  EXPECT_STREQ(collect_problem_key(far.problem), "post.collect.too_far");
  EXPECT_STREQ(collect_problem_key(CollectProblem::none), "");
}

ImportSeen seen(std::string state, std::uint64_t comments, bool in_list = false, std::int64_t count = -1) {
  ImportSeen s;
  s.state = std::move(state);
  s.comments = comments;
  s.in_list = in_list;
  s.in_list_count = count;
  return s;
}

TEST(CommentsToFetch, FinishedOnceWatchingAsRepliesComeNeverAfterTheCommit) {
  EXPECT_EQ(comments_to_fetch(seen("", 0)), FetchPlan::none);
  EXPECT_EQ(comments_to_fetch(seen("running", 40)), FetchPlan::none);
  EXPECT_EQ(comments_to_fetch(seen("done", 40)), FetchPlan::all);
  EXPECT_EQ(comments_to_fetch(seen("done", 0)), FetchPlan::all);  // an empty list is a result too
  EXPECT_EQ(comments_to_fetch(seen("watching", 0)), FetchPlan::none);
  EXPECT_EQ(comments_to_fetch(seen("watching", 40)), FetchPlan::all);
  // Stopped or cancelled before use: the organizer decides (the partial list is said to be incomplete).
  EXPECT_EQ(comments_to_fetch(seen("stopped", 40)), FetchPlan::none);
  EXPECT_EQ(comments_to_fetch(seen("cancelled", 40)), FetchPlan::none);
  EXPECT_EQ(comments_to_fetch(seen("failed", 40)), FetchPlan::none);
  // In the list: only what came since, whatever the state after a pass.
  EXPECT_EQ(comments_to_fetch(seen("watching", 40, true, 40)), FetchPlan::none);
  EXPECT_EQ(comments_to_fetch(seen("watching", 47, true, 40)), FetchPlan::newer);
  EXPECT_EQ(comments_to_fetch(seen("done", 47, true, 40)), FetchPlan::newer);       // the last pass at collect_until
  EXPECT_EQ(comments_to_fetch(seen("cancelled", 47, true, 40)), FetchPlan::newer);  // stopped: what came is kept
  EXPECT_EQ(comments_to_fetch(seen("running", 47, true, 40)), FetchPlan::none);     // a pass in progress: after it
  EXPECT_EQ(comments_to_fetch(seen("done", 47, true, -1)), FetchPlan::none);        // work saved before counts were kept
  // Committed: the list never changes again; set aside for another source: it stays aside.
  for (auto s : {seen("done", 40), seen("watching", 47, true, 40)}) {
    s.committed = true;
    EXPECT_EQ(comments_to_fetch(s), FetchPlan::none);
  }
  auto aside = seen("watching", 47, true, 40);
  aside.set_aside = true;
  EXPECT_EQ(comments_to_fetch(aside), FetchPlan::none);
}

TEST(CommentsToFetch, PollsWhilePagingOftenAndWhileWatchingRarely) {
  const double now = 1000;
  EXPECT_LT(poll_delay("running", now), 1.0);
  EXPECT_EQ(poll_delay("watching", now), 30.0);
  EXPECT_EQ(poll_delay("watching", now, 1000 + 6 * 3600), 30.0);  // the next search hours away: every 30 s
  EXPECT_EQ(poll_delay("watching", now, 1004), 5.0);              // just after a search due sooner
  EXPECT_LT(poll_delay("watching", now, 990), 1.0);               // overdue: soon, not in a tight loop
  EXPECT_GT(poll_delay("watching", now, 990), 0.5);
  for (const char* ended : {"done", "stopped", "cancelled", "failed"}) EXPECT_EQ(poll_delay(ended, now, 1004), 0) << ended;
}

TEST(CommentsToFetch, NewRepliesJoinTheListWithoutDuplicates) {
  const std::string before = R"({"comment_id":"1","text":"a"})" "\n" R"({"comment_id":"2","text":"b"})" "\n";
  const std::string newer = R"({"comment_id":"2","text":"b edited"})" "\n" R"({"comment_id":"3","text":"c"})" "\n";
  EXPECT_EQ(merge_comment_lines(before, newer),
            R"({"comment_id":"1","text":"a"})" "\n" R"({"comment_id":"2","text":"b edited"})" "\n" R"({"comment_id":"3","text":"c"})" "\n");
}

TEST(CommentsToFetch, TheCountInTheListIsSavedWithTheGiveaway) {
  Giveaway g;
  EXPECT_EQ(g.imported_count, -1);
  g.imported_count = 47;
  auto back = giveaway_from_json(giveaway_to_json(g));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->imported_count, 47);
  // Work saved by an earlier version has no count: unknown, so nothing is read again on its account.
  Json old = giveaway_to_json(Giveaway());
  old.erase("imported_count");
  EXPECT_EQ(giveaway_from_json(old)->imported_count, -1);
}

}  // namespace
}  // namespace tirage::app
