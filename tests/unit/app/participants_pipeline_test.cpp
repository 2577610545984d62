// The app's participant list in time slices: it stops when its budget is
// spent, keeps the time each stage took, and ends on the same list, root and
// counts as the shared build run to the end (what `tirage participants` runs).
#include <gtest/gtest.h>

#include "shared/core/hex.hpp"
#include "wasm/app/model/participants_pipeline.hpp"

namespace tirage::app {
namespace {

constexpr std::int64_t kNow = 1798131600;  // 2026-12-24T17:00:00Z

std::string big_csv(int rows) {
  std::string csv = "username,comment\n";
  for (int i = 0; i < rows; ++i) csv += "@fan" + std::to_string(i % (rows - 7)) + ",\"#noel @friend\"\n";
  return csv;
}

TEST(ParticipantsPipeline, SlicesByTimeAndEndsOnTheSharedBuildsList) {
  const std::string csv = big_csv(30000);
  FilterRules rules;
  rules.required_hashtags = {"noel"};
  ParticipantsPipeline p;
  p.start(SourceKind::csv, csv, "list", Json::object(), rules, kNow);
  EXPECT_TRUE(p.step(0.01));  // 30,000 rows do not fit in 10 microseconds
  EXPECT_TRUE(p.busy());
  while (p.step(5.0)) {
  }
  ASSERT_EQ(p.stage(), ParticipantsPipeline::Stage::ready) << p.error();
  EXPECT_EQ(p.list().entries.size(), 29993u);
  EXPECT_EQ(p.filtered().count(FilterReason::duplicate), 7u);
  for (double ms : p.stage_ms()) EXPECT_GE(ms, 0.0);
  EXPECT_GT(p.stage_ms()[0], 0.0);

  ParticipantsBuild whole;
  whole.start(SourceKind::csv, csv, "list", Json::object(), rules, kNow);
  ASSERT_TRUE(whole.finish().ok());
  EXPECT_EQ(to_hex(p.tree().root()), to_hex(whole.tree().root()));
  EXPECT_EQ(p.list().entries, whole.list().entries);

  // Starting over forgets the times.
  p.start(SourceKind::text, "@a\n", "list", Json::object(), FilterRules{}, kNow);
  for (double ms : p.stage_ms()) EXPECT_EQ(ms, 0.0);
  while (p.step(5.0)) {
  }
  EXPECT_EQ(p.list().entries.size(), 1u);
}

TEST(ParticipantsPipeline, CancelStopsBetweenSlices) {
  const std::string csv = big_csv(30000);
  ParticipantsPipeline p;
  p.start(SourceKind::csv, csv, "list", Json::object(), FilterRules{}, kNow);
  EXPECT_TRUE(p.step(0.01));
  p.cancel();
  EXPECT_EQ(p.stage(), ParticipantsPipeline::Stage::cancelled);
  EXPECT_FALSE(p.step(5.0));
}

}  // namespace
}  // namespace tirage::app
