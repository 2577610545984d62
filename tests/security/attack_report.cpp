#include "tests/security/attack_report.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <vector>

namespace tirage::testing {

void attack(const std::string& what) { ::testing::Test::RecordProperty("attack", what); }
void guard(const std::string& what) { ::testing::Test::RecordProperty("guard", what); }

void attack_outcome(const std::string& text) {
  ::testing::Test::RecordProperty("outcome", text);
  std::printf("    outcome: %s\n", text.c_str());
  std::fflush(stdout);
}

namespace {

class AttackListing : public ::testing::EmptyTestEventListener {
 public:
  void OnTestEnd(const ::testing::TestInfo& info) override {
    const ::testing::TestResult& r = *info.result();
    std::string what = std::string(info.test_suite_name()) + "." + info.name(), kind = "attack", outcome;
    for (int i = 0; i < r.test_property_count(); ++i) {
      const std::string key = r.GetTestProperty(i).key();
      if (key == "attack" || key == "guard") {
        kind = key;
        what = r.GetTestProperty(i).value();
      } else if (key == "outcome") {
        outcome = r.GetTestProperty(i).value();
      }
    }
    const bool is_attack = kind == "attack";
    if (r.Skipped()) skipped_ = true;
    const std::string verdict = r.Failed()    ? (is_attack ? "NOT STOPPED" : "BROKEN")
                                : r.Skipped() ? "NOT RUN (skipped: counted as a failure)"
                                : is_attack   ? "stopped"
                                              : "holds";
    std::string line = "[" + kind + "] " + what + ": " + verdict;
    if (!outcome.empty()) line += " (" + outcome + ")";
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
    lines_.push_back(line);
  }
  void OnTestProgramEnd(const ::testing::UnitTest&) override {
    if (lines_.size() < 2) return;
    std::printf("\n== attacks tried and guards checked against the real server (tests/security): %zu\n", lines_.size());
    for (const auto& l : lines_) std::printf("  %s\n", l.c_str());
    std::fflush(stdout);
  }
  bool skipped() const { return skipped_; }

 private:
  std::vector<std::string> lines_;
  bool skipped_ = false;
};

}  // namespace
}  // namespace tirage::testing

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  auto* listing = new tirage::testing::AttackListing;  // owned by gtest's listeners
  ::testing::UnitTest::GetInstance()->listeners().Append(listing);
  const int failed = RUN_ALL_TESTS();
  return failed ? failed : listing->skipped() ? 1 : 0;
}
