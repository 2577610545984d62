#include "tests/security/attack_report.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <vector>

namespace tirage::testing {

void attack(const std::string& what) { ::testing::Test::RecordProperty("attack", what); }
void guard(const std::string& what) { ::testing::Test::RecordProperty("guard", what); }

namespace {

class AttackListing : public ::testing::EmptyTestEventListener {
 public:
  void OnTestEnd(const ::testing::TestInfo& info) override {
    const ::testing::TestResult& r = *info.result();
    std::string what = std::string(info.test_suite_name()) + "." + info.name(), kind = "attack";
    for (int i = 0; i < r.test_property_count(); ++i)
      if (const std::string key = r.GetTestProperty(i).key(); key == "attack" || key == "guard") {
        kind = key;
        what = r.GetTestProperty(i).value();
      }
    const bool is_attack = kind == "attack";
    const std::string verdict = r.Failed() ? (is_attack ? "NOT STOPPED" : "BROKEN") : r.Skipped() ? "NOT RUN (its suite could not start)" : is_attack ? "stopped" : "holds";
    const std::string line = "[" + kind + "] " + what + ": " + verdict;
    std::printf("%s\n", line.c_str());
    lines_.push_back(line);
  }
  void OnTestProgramEnd(const ::testing::UnitTest&) override {
    if (lines_.size() < 2) return;
    std::printf("\nAttacks tried and guards checked (%zu):\n", lines_.size());
    for (const auto& l : lines_) std::printf("  %s\n", l.c_str());
  }

 private:
  std::vector<std::string> lines_;
};

}  // namespace
}  // namespace tirage::testing

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::UnitTest::GetInstance()->listeners().Append(new tirage::testing::AttackListing);
  return RUN_ALL_TESTS();
}
