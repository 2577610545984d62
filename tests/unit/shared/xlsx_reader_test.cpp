// .xlsx participant files: real packages from tests/vectors/import/ (written
// by make_fixtures.py and by libxlsxwriter), broken ones included.
#include "shared/import/xlsx_reader.hpp"

#include <gtest/gtest.h>

#include "import_fixtures.hpp"
#include "shared/import/zip_reader.hpp"

namespace tirage {
namespace {

using testing::read_import_fixture;

TEST(XlsxReader, ListsSheetNamesInWorkbookOrder) {
  auto names = xlsx_sheet_names(read_import_fixture("basic.xlsx"));
  ASSERT_TRUE(names.ok()) << names.error().message;
  EXPECT_EQ(*names, (std::vector<std::string>{"Comments", "Autre liste"}));
}

TEST(XlsxReader, ReadsEveryKindOfCell) {
  auto t = read_xlsx(read_import_fixture("basic.xlsx"));
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->encoding, "xlsx");
  EXPECT_TRUE(t->has_header);
  EXPECT_EQ(t->columns, (std::vector<std::string>{"Username", "Comment", "Date", "Likes", "Flag"}));
  ASSERT_EQ(t->rows.size(), 6u);  // row 4 does not exist: rows keep their sheet numbers
  EXPECT_EQ(t->row_lines, (std::vector<std::size_t>{2, 3, 5, 6, 7, 8}));
  const auto& r2 = t->rows[0];
  EXPECT_EQ(r2[0], "@zoe");
  EXPECT_EQ(r2[1], "Bravo #No\xc3\xabl ");  // rich-text runs joined, the phonetic run left out
  EXPECT_EQ(r2[2], "2025-12-24");          // built-in date format 14
  EXPECT_EQ(r2[3], "12");
  EXPECT_EQ(r2[4], "TRUE");
  const auto& r3 = t->rows[1];
  EXPECT_EQ(r3[1], "line one\r\nline two & <three>");  // _x000D_ and XML entities decoded
  EXPECT_EQ(r3[2], "2025-12-24T18:00:00");             // custom "dd/mm/yyyy hh:mm"
  EXPECT_EQ(r3[3], "1500");                            // 1.5E+3 as a whole number
  EXPECT_EQ(r3[4], "FALSE");
  const auto& r5 = t->rows[2];  // sparse: B and C missing
  EXPECT_EQ(r5[0], "@inline");
  EXPECT_EQ(r5[1], "");
  EXPECT_EQ(r5[3], "0.25");  // "day" 0.00 is a number format, not a date
  const auto& r6 = t->rows[3];
  EXPECT_EQ(r6[0], "\xc3\x89lodie");
  EXPECT_EQ(r6[1], "  spaced  ");  // xml:space="preserve"
  EXPECT_EQ(r6[2], "formula!");    // t="str" with an _xHHHH_ escape
  EXPECT_EQ(r6[3], "#N/A");
  EXPECT_EQ(t->rows[4][0], "");
  EXPECT_EQ(t->rows[4][1], "  spaced  ");
  EXPECT_EQ(t->rows[5][0], "@last");
  EXPECT_EQ(t->rows[5][2], "1900-01-01T12:00:00");  // [h]:mm is a time format: serial 1.5
}

TEST(XlsxReader, PicksASheetByNameWithoutHeaderAndWithSequentialCells) {
  auto t = read_xlsx(read_import_fixture("basic.xlsx"), {.sheet = "Autre liste"});
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_FALSE(t->has_header);
  EXPECT_EQ(t->columns, (std::vector<std::string>{"A", "B"}));
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0][0], "alice");
  EXPECT_EQ(t->rows[2][0], "");
  EXPECT_EQ(t->rows[2][1], "second column");  // no r attributes: cells are sequential
  EXPECT_EQ(t->row_lines, (std::vector<std::size_t>{1, 2, 3}));

  auto missing = read_xlsx(read_import_fixture("basic.xlsx"), {.sheet = "Nope"});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("\"Autre liste\""), std::string::npos) << missing.error().message;
}

TEST(XlsxReader, ExportWithMetadataRowsFindsTheHeader) {
  auto t = read_xlsx(read_import_fixture("export_metadata.xlsx"));
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_TRUE(t->has_header);
  EXPECT_EQ(t->columns[2], "Name (click to view profile)");
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->row_lines[0], 8u);
  EXPECT_EQ(t->rows[0][2], "Zo\xc3\xa9");
  EXPECT_EQ(t->rows[0][4], "2025-12-19T12:00:00");
  ASSERT_FALSE(t->issues.empty());
  EXPECT_EQ(t->issues[0].line, 7u);  // the metadata rows were skipped, and it says so
}

TEST(XlsxReader, Date1904System) {
  auto t = read_xlsx(read_import_fixture("date1904.xlsx"));
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0][0], "1904-01-01");
  EXPECT_EQ(t->rows[1][0], "2026-01-01");
}

TEST(XlsxReader, StoredEntriesAbsoluteTargetsAndPrefixedElements) {
  auto t = read_xlsx(read_import_fixture("stored_prefixed.xlsx"));
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->columns, (std::vector<std::string>{"pseudo"}));
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_EQ(t->rows[0][0], "@stored");
}

TEST(XlsxReader, FileWrittenByLibxlsxwriter) {
  auto t = read_xlsx(read_import_fixture("xlsxwriter.xlsx"));
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->columns, (std::vector<std::string>{"Pseudo", "Commentaire", "Date", "Abonn\xc3\xa9s"}));
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0][0], "@zo\xc3\xa9");
  EXPECT_EQ(t->rows[0][2], "2026-12-20T18:30:00");
  EXPECT_EQ(t->rows[0][3], "1234");
  EXPECT_EQ(t->rows[1][3], "FALSE");
  EXPECT_EQ(t->row_lines, (std::vector<std::size_t>{2, 3, 5}));
}

TEST(XlsxReader, BadSharedStringIndexNamesThePartAndCell) {
  auto t = read_xlsx(read_import_fixture("bad_shared_index.xlsx"));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().message,
            "xl/worksheets/sheet1.xml, cell C12: shared string 99 does not exist (the workbook has 2)");
}

TEST(XlsxReader, BrokenXmlNamesThePartLineAndColumn) {
  auto t = read_xlsx(read_import_fixture("bad_xml.xlsx"));
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("xl/worksheets/sheet1.xml, line 4, column "), std::string::npos)
      << t.error().message;
}

TEST(XlsxReader, ZipBombIsRefusedBeforeInflating) {
  auto t = read_xlsx(read_import_fixture("bomb.xlsx"));
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("ZIP bomb"), std::string::npos) << t.error().message;
  EXPECT_NE(t.error().message.find("xl/worksheets/sheet1.xml"), std::string::npos);
}

TEST(XlsxReader, DamagedArchives) {
  auto crc = read_xlsx(read_import_fixture("bad_crc.xlsx"));
  ASSERT_FALSE(crc.ok());
  EXPECT_NE(crc.error().message.find("xl/worksheets/sheet1.xml: its CRC-32 does not match"), std::string::npos)
      << crc.error().message;
  auto lie = read_xlsx(read_import_fixture("size_lie.xlsx"));
  ASSERT_FALSE(lie.ok());
  EXPECT_NE(lie.error().message.find("more than its declared size"), std::string::npos) << lie.error().message;
  auto cut = read_xlsx(read_import_fixture("truncated.xlsx"));
  ASSERT_FALSE(cut.ok());
  EXPECT_NE(cut.error().message.find("end of central directory"), std::string::npos) << cut.error().message;
  auto csv = read_xlsx("username,comment\n@a,b\n");
  ASSERT_FALSE(csv.ok());
  EXPECT_EQ(csv.error().code, "bad_xlsx");
}

TEST(XlsxReader, LimitsAreConfigurable) {
  const std::string bytes = read_import_fixture("basic.xlsx");
  XlsxOptions few_entries;
  few_entries.limits.max_entries = 3;
  auto t = read_xlsx(bytes, few_entries);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("entries; the limit is 3"), std::string::npos) << t.error().message;
  XlsxOptions small_total;
  small_total.limits.max_total_bytes = 1000;
  EXPECT_FALSE(read_xlsx(bytes, small_total).ok());
  XlsxOptions small_entry;
  small_entry.limits.max_entry_bytes = 500;
  EXPECT_FALSE(read_xlsx(bytes, small_entry).ok());
  auto rows = read_xlsx(bytes, {.max_rows = 2});
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().code, "too_many_rows");
  EXPECT_EQ(read_xlsx(bytes, {.max_bytes = 100}).error().code, "too_large");
}

TEST(ZipReader, ReadsEntriesByNameCaseInsensitively) {
  const std::string bytes = read_import_fixture("basic.xlsx");
  auto zip = ZipArchive::open(bytes);
  ASSERT_TRUE(zip.ok()) << zip.error().message;
  EXPECT_GE(zip->entries().size(), 6u);
  auto wb = zip->read("XL/Workbook.xml");
  ASSERT_TRUE(wb.ok());
  EXPECT_NE(wb->find("<sheets>"), std::string::npos);
  auto missing = zip->read("xl/nothing.xml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "xl/nothing.xml: this part is missing from the file");
}

}  // namespace
}  // namespace tirage
