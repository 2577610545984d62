// CSV exports: RFC 4180 quoting, the formula-injection guard, and a round
// trip through the reader.
#include "shared/import/csv_writer.hpp"

#include <gtest/gtest.h>

#include "shared/import/csv_reader.hpp"

namespace tirage {
namespace {

TEST(CsvWriter, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_cell("plain"), "plain");
  EXPECT_EQ(csv_cell("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_cell("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_cell("a;b", {.delimiter = ';'}), "\"a;b\"");
  EXPECT_EQ(csv_cell("a;b"), "a;b");
}

TEST(CsvWriter, GuardsCellsThatASpreadsheetWouldRun) {
  EXPECT_EQ(csv_cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  for (const char* cell : {"=1+1", "+33 6", "-2", "@SUM(A1)", "\tx", "\rx"})
    EXPECT_EQ(csv_cell(cell).find('\''), csv_cell(cell)[0] == '"' ? 1u : 0u) << cell;
  EXPECT_EQ(csv_cell("=1+1", {.guard_formulas = false}), "=1+1");
  EXPECT_EQ(csv_cell("a=b"), "a=b");
}

TEST(CsvWriter, WholeFileWithBomAndCrlfRoundTrips) {
  const std::vector<std::vector<std::string>> rows = {{"@zo\xc3\xa9", "Bravo, \"merci\"\nligne 2"}, {"", "x"}, {"a", ""}};
  const std::string bytes = write_csv({"username", "comment"}, rows);
  EXPECT_EQ(bytes.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(bytes.find("\r\n"), std::string::npos);
  auto t = read_csv(bytes);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_TRUE(t->has_header);
  auto expected = rows;
  expected[0][0] = "'" + expected[0][0];  // "@..." is guarded like a formula
  EXPECT_EQ(t->rows, expected);
  EXPECT_TRUE(t->issues.empty());
}

TEST(CsvWriter, ALoneEmptyCellIsNotABlankLine) {
  std::string out;
  append_csv_row(out, {""});
  EXPECT_EQ(out, "\"\"\r\n");
  auto t = read_csv(write_csv({"name"}, {{""}, {"b"}}, {.bom = false}), {.has_header = true});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows.size(), 2u);
}

}  // namespace
}  // namespace tirage
