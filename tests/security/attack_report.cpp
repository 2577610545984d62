#include "tests/security/attack_report.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <vector>

namespace tirage::testing {

namespace {

struct Line {
  std::string attack, outcome;
  bool passed = false;
};

class AttackSummary : public ::testing::EmptyTestEventListener {
 public:
  void OnTestEnd(const ::testing::TestInfo& info) override {
    Line line{std::string(info.test_suite_name()) + "." + info.name(), "", info.result()->Passed()};
    for (int i = 0; i < info.result()->test_property_count(); ++i)
      if (std::string(info.result()->GetTestProperty(i).key()) == "outcome")
        line.outcome = info.result()->GetTestProperty(i).value();
    if (info.result()->Skipped()) line.outcome = "SKIPPED (not allowed in this suite)";
    lines_.push_back(line);
  }
  void OnTestProgramEnd(const ::testing::UnitTest&) override {
    if (lines_.empty()) return;
    std::printf("\n== attacks against the real server (tests/security): %zu\n", lines_.size());
    for (const auto& l : lines_)
      std::printf("  %s  %-58s %s\n", l.passed ? "withstood" : "FAILED   ", l.attack.c_str(), l.outcome.c_str());
    std::fflush(stdout);
  }

 private:
  std::vector<Line> lines_;
};

}  // namespace

void attack_outcome(const std::string& text) {
  ::testing::Test::RecordProperty("outcome", text);
  std::printf("    outcome: %s\n", text.c_str());
  std::fflush(stdout);
}

}  // namespace tirage::testing

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::UnitTest::GetInstance()->listeners().Append(new tirage::testing::AttackSummary);
  return RUN_ALL_TESTS();
}
