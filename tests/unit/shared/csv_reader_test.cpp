// CSV participant files: encodings, delimiters, quoting, line ends, header
// detection, ragged rows and the errors for what cannot be read.
#include "shared/import/csv_reader.hpp"

#include <gtest/gtest.h>

#include "import_fixtures.hpp"

namespace tirage {
namespace {

using testing::read_import_fixture;

TEST(CsvReader, ReadsQuotedCellsWithDelimitersQuotesAndLineBreaks) {
  auto t = read_csv("username,comment\n@zoe,\"Hello, \"\"world\"\"\nsecond line\"\n@max,plain\n");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_TRUE(t->has_header);
  EXPECT_EQ(t->delimiter, ',');
  ASSERT_EQ(t->columns, (std::vector<std::string>{"username", "comment"}));
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0][1], "Hello, \"world\"\nsecond line");
  EXPECT_EQ(t->rows[1][0], "@max");
  // The second record starts on line 4: the quoted line break counts.
  EXPECT_EQ(t->row_lines, (std::vector<std::size_t>{2, 4}));
  EXPECT_TRUE(t->issues.empty());
}

TEST(CsvReader, AcceptsCrlfLfAndCrLineEnds) {
  for (const char* text : {"user,text\r\n@a,1\r\n@b,2\r\n", "user,text\n@a,1\n@b,2", "user,text\r@a,1\r@b,2\r"}) {
    auto t = read_csv(text);
    ASSERT_TRUE(t.ok()) << text;
    ASSERT_EQ(t->rows.size(), 2u) << text;
    EXPECT_EQ(t->rows[1], (std::vector<std::string>{"@b", "2"}));
    EXPECT_EQ(t->row_lines[1], 3u);
  }
}

TEST(CsvReader, SniffsEachDelimiter) {
  for (char d : {',', ';', '\t', '|'}) {
    // The comments hold the other delimiters too, inside quotes: only d splits.
    std::string text = "pseudo" + std::string(1, d) + "commentaire\n";
    for (int i = 0; i < 5; ++i) text += "@u" + std::to_string(i) + d + "\"bonjour, merci; oui | non\"\n";
    EXPECT_EQ(sniff_csv(text).delimiter, d);
    auto t = read_csv(text);
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->delimiter, d);
    EXPECT_EQ(t->rows[4][1], "bonjour, merci; oui | non");
  }
}

TEST(CsvReader, SemicolonBeatsCommasInsideComments) {
  const char* text = "Nom;Commentaire\n@a;oui, merci\n@b;super, génial, top\n@c;bien\n";
  EXPECT_EQ(sniff_csv(text).delimiter, ';');
}

TEST(CsvReader, WindowsExcelFrenchFileIsDecodedFrom1252) {
  const std::string bytes = read_import_fixture("excel_fr_1252.csv");
  auto sniff = sniff_csv(bytes);
  EXPECT_EQ(sniff.encoding, "windows-1252");
  EXPECT_EQ(sniff.delimiter, ';');
  EXPECT_TRUE(sniff.has_header);
  auto t = read_csv(bytes);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->encoding, "windows-1252");
  EXPECT_EQ(t->columns[0], "Nom d'utilisateur");
  EXPECT_EQ(t->rows[0][0], "@zo\xc3\xa9");
  EXPECT_EQ(t->rows[0][1], "J'adore ! 10\xe2\x82\xac #no\xc3\xabl");
  EXPECT_EQ(t->rows[1][1], "un c\xc5\x93ur; deux");
}

TEST(CsvReader, Utf16LittleEndianWithTabs) {
  auto t = read_csv(read_import_fixture("utf16le_tab.csv"));
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->encoding, "utf-16le");
  EXPECT_EQ(t->delimiter, '\t');
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0][0], "@zo\xc3\xa9");
  EXPECT_EQ(t->rows[0][1], "Salut \xf0\x9f\x91\x8b");  // a surrogate pair
  EXPECT_EQ(t->rows[1][1], "deux\r\nlignes");
}

TEST(CsvReader, Utf16BigEndianAndUtf8Bom) {
  std::string be = "\xFE\xFF";
  for (char c : std::string("user\n@z\n")) be += std::string{'\0', c};
  be += std::string("\x00\xE9\x00\n", 4);  // "é"
  auto t = read_csv(be, {.has_header = true});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->encoding, "utf-16be");
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[1][0], "\xc3\xa9");

  auto bom = read_csv("\xEF\xBB\xBFusername\n@z\n");
  ASSERT_TRUE(bom.ok());
  EXPECT_EQ(bom->encoding, "utf-8-bom");
  EXPECT_EQ(bom->columns[0], "username");  // the BOM is not part of the header
}

TEST(CsvReader, InvalidUtf8FallsBackTo1252) {
  auto t = read_csv("user\nZo\xe9\n", {.has_header = true});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->encoding, "windows-1252");
  EXPECT_EQ(t->rows[0][0], "Zo\xc3\xa9");
}

TEST(CsvReader, HeaderDetection) {
  // Known names in any of the four languages.
  for (const char* header : {"Benutzername,Kommentar", "usuario,comentario", "pseudo,texte", "Username,Comment"}) {
    auto t = read_csv(std::string(header) + "\n@a,hello\n@b,bye\n");
    ASSERT_TRUE(t.ok());
    EXPECT_TRUE(t->has_header) << header;
    EXPECT_EQ(t->rows.size(), 2u);
  }
  // A plain list of handles has no header.
  auto list = read_csv("@alice\n@bob\n@carol\n");
  ASSERT_TRUE(list.ok());
  EXPECT_FALSE(list->has_header);
  EXPECT_EQ(list->columns, (std::vector<std::string>{"A"}));
  EXPECT_EQ(list->rows.size(), 3u);
  // Unknown names above a column of numbers are a header too.
  auto numbers = read_csv("who,score\nann,12\nbob,7\n");
  ASSERT_TRUE(numbers.ok());
  EXPECT_TRUE(numbers->has_header);
  // Forced either way.
  auto forced = read_csv("@alice\n@bob\n", {.has_header = true});
  ASSERT_TRUE(forced.ok());
  EXPECT_EQ(forced->columns[0], "@alice");
  auto none = read_csv("username\n@bob\n", {.has_header = false});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->rows.size(), 2u);
}

TEST(CsvReader, MetadataLinesAboveTheHeaderAreSkippedAndSaid) {
  auto t = read_csv("Export of comments\nPost: https://example.org/p/1\n\nId,Name,Comment\n1,@zoe,hi\n");
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->has_header);
  EXPECT_EQ(t->columns, (std::vector<std::string>{"Id", "Name", "Comment"}));
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_EQ(t->row_lines[0], 5u);
  ASSERT_FALSE(t->issues.empty());
  EXPECT_EQ(t->issues[0].line, 4u);
}

TEST(CsvReader, RaggedRowsAreIssuesWithLineAndColumn) {
  auto t = read_csv("user,text,date\n@a,hi,2026-12-01\n@b,short\n@c,x,y,EXTRA\n@d,ok,z,\n");
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->rows.size(), 4u);
  for (const auto& r : t->rows) EXPECT_EQ(r.size(), 3u);
  ASSERT_EQ(t->issues.size(), 2u);  // the trailing empty cell of @d loses nothing
  EXPECT_EQ(t->issues[0].line, 3u);
  EXPECT_EQ(t->issues[0].column, 3u);
  EXPECT_NE(t->issues[0].message.find("2 cell"), std::string::npos);
  EXPECT_EQ(t->issues[1].line, 4u);
  EXPECT_EQ(t->issues[1].column, 4u);
  EXPECT_NE(t->issues[1].message.find("ignored"), std::string::npos);
}

TEST(CsvReader, TextAfterAClosingQuoteIsKeptAndReported) {
  auto t = read_csv("user,text\n@a,\"quoted\" tail\n", {.has_header = true});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows[0][1], "quoted tail");
  ASSERT_EQ(t->issues.size(), 1u);
  EXPECT_EQ(t->issues[0].line, 2u);
  EXPECT_EQ(t->issues[0].column, 2u);
}

TEST(CsvReader, UnterminatedQuoteIsAnErrorNamingLineAndColumn) {
  auto t = read_csv(read_import_fixture("malformed_quote.csv"));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "bad_csv");
  EXPECT_NE(t.error().message.find("line 3, column 2"), std::string::npos) << t.error().message;
}

TEST(CsvReader, LimitsAreErrors) {
  auto big = read_csv(std::string(2000, 'a'), {.max_bytes = 1000});
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code, "too_large");
  std::string rows = "user\n";
  for (int i = 0; i < 30; ++i) rows += "@u" + std::to_string(i) + "\n";
  auto many = read_csv(rows, {.max_rows = 10});
  ASSERT_FALSE(many.ok());
  EXPECT_EQ(many.error().code, "too_many_rows");
  EXPECT_TRUE(read_csv(rows, {.max_rows = 30}).ok());
}

TEST(CsvReader, EmptyAndBlankInputs) {
  auto empty = read_csv("");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->rows.empty());
  auto blanks = read_csv("\n\r\n\n@a\n\n@b\n");
  ASSERT_TRUE(blanks.ok());
  EXPECT_EQ(blanks->rows.size(), 2u);
  EXPECT_EQ(blanks->row_lines[1], 6u);
}

TEST(CsvReader, ExplicitDelimiterIsUsed) {
  auto t = read_csv("a;b,c\nd;e,f\n", {.delimiter = ',', .has_header = false});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows[0], (std::vector<std::string>{"a;b", "c"}));
  EXPECT_FALSE(read_csv("a\n", {.delimiter = '"'}).ok());
}

}  // namespace
}  // namespace tirage

namespace tirage {
namespace {

// Reads bytes with CsvReader, `per_step` records at a time.
Result<Table> read_in_steps(std::string_view bytes, std::size_t per_step, const CsvOptions& options = {}) {
  auto reader = CsvReader::open(bytes, options);
  if (!reader) return reader.error();
  double last = -1;
  for (;;) {
    auto more = reader->step(per_step);
    if (!more) return more.error();
    EXPECT_GE(reader->progress(), last);
    last = reader->progress();
    if (!*more) break;
  }
  EXPECT_EQ(reader->progress(), 1.0);
  return reader->take();
}

TEST(CsvReaderSteps, GiveTheSameTableAsReadCsv) {
  std::string ragged = "Export\n\nuser,text,date\n";
  for (int i = 0; i < 40; ++i)
    ragged += "@u" + std::to_string(i) + (i % 7 == 3 ? ",short\n" : i % 11 == 5 ? ",a,b,EXTRA\n" : ",\"x\ny\",d\n");
  for (const std::string& text : {ragged, std::string("@a\n@b\n@c\n"), std::string("user\n"), std::string(""),
                                  std::string("who,score\nann,12\nbob,7\n")}) {
    auto whole = read_csv(text);
    ASSERT_TRUE(whole.ok());
    for (std::size_t per_step : {1, 3, 7, 1000}) {
      auto stepped = read_in_steps(text, per_step);
      ASSERT_TRUE(stepped.ok()) << per_step;
      EXPECT_EQ(stepped->columns, whole->columns) << per_step;
      EXPECT_EQ(stepped->rows, whole->rows) << per_step;
      EXPECT_EQ(stepped->row_lines, whole->row_lines) << per_step;
      EXPECT_EQ(stepped->has_header, whole->has_header);
      ASSERT_EQ(stepped->issues.size(), whole->issues.size()) << per_step;
      for (std::size_t i = 0; i < whole->issues.size(); ++i) {
        EXPECT_EQ(stepped->issues[i].line, whole->issues[i].line);
        EXPECT_EQ(stepped->issues[i].column, whole->issues[i].column);
      }
    }
  }
}

TEST(CsvReaderSteps, ErrorsAndPartialTables) {
  auto bad = read_in_steps("user\n@a\n@b\n\"open\n", 1);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("line 4, column 1"), std::string::npos) << bad.error().message;
  EXPECT_EQ(CsvReader::open(std::string(100, 'a'), {.max_bytes = 10}).error().code, "too_large");

  std::string text = "username\n";
  for (int i = 0; i < 30; ++i) text += "@u" + std::to_string(i) + "\n";
  auto reader = CsvReader::open(text);
  ASSERT_TRUE(reader.ok());
  ASSERT_TRUE(reader->step(12).ok());
  EXPECT_TRUE(reader->table().has_header);  // decided after 10 records
  EXPECT_EQ(reader->table().rows.size(), 11u);
  EXPECT_GT(reader->progress(), 0.0);
  EXPECT_LT(reader->progress(), 1.0);
}

}  // namespace
}  // namespace tirage
