// From tables and pasted text to comments: column guessing in four languages,
// dates, issues that do not stop an import, and the comment JSON.
#include "shared/import/comments.hpp"

#include <gtest/gtest.h>

#include "import_fixtures.hpp"
#include "shared/core/time.hpp"
#include "shared/import/csv_reader.hpp"
#include "shared/import/import_time.hpp"
#include "shared/import/xlsx_reader.hpp"

namespace tirage {
namespace {

std::int64_t at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

TEST(ImportTime, ReadsTheFormatsExportsUse) {
  const std::int64_t noon = at("2026-12-24T12:00:00Z");
  EXPECT_EQ(*parse_import_time("2026-12-24T12:00:00Z"), noon);
  EXPECT_EQ(*parse_import_time("2026-12-24T13:00:00+01:00"), noon);
  EXPECT_EQ(*parse_import_time("2026-12-24T07:00:00-0500"), noon);
  EXPECT_EQ(*parse_import_time("2026-12-24T12:00:00.123Z"), noon);
  EXPECT_EQ(*parse_import_time("2026-12-24 12:00:00"), noon);
  EXPECT_EQ(*parse_import_time("2026-12-24 12:00"), noon);
  EXPECT_EQ(*parse_import_time("2026-12-24"), at("2026-12-24T00:00:00Z"));
  EXPECT_EQ(*parse_import_time("24/12/2026 12:00"), noon);
  EXPECT_EQ(*parse_import_time("24.12.2026 12:00"), noon);  // German
  EXPECT_EQ(*parse_import_time("12/24/2026 12:00"), noon);  // can only be month first
  EXPECT_EQ(*parse_import_time("03/04/2026"), at("2026-04-03T00:00:00Z"));  // day first when ambiguous
  EXPECT_EQ(*parse_import_time("24/12/26"), at("2026-12-24T00:00:00Z"));
  EXPECT_EQ(*parse_import_time("2026/12/24"), at("2026-12-24T00:00:00Z"));
  EXPECT_EQ(*parse_import_time(std::to_string(noon)), noon);           // Unix seconds
  EXPECT_EQ(*parse_import_time(std::to_string(noon) + "000"), noon);   // milliseconds
  EXPECT_EQ(*parse_import_time("46380.5"), noon);                      // Excel serial
  EXPECT_EQ(*parse_import_time(" 2026-12-24T12:00:00Z "), noon);
}

TEST(ImportTime, RejectsWhatCannotBeMadeExact) {
  for (const char* bad : {"", "2 weeks ago", "il y a 3 jours", "31/02/2026", "2026-13-01", "24/12/2026 25:00",
                          "hello", "2026-12-24T12:00:00+25:00", "-5", "2026-12-24 noon"}) {
    auto t = parse_import_time(bad);
    EXPECT_FALSE(t.ok()) << bad;
  }
  auto relative = parse_import_time("2 weeks ago");
  EXPECT_NE(relative.error().message.find("relative"), std::string::npos);
}

TEST(ImportTime, ExcelSerials) {
  EXPECT_EQ(excel_serial_to_iso(1, false), "1900-01-01");
  EXPECT_EQ(excel_serial_to_iso(59, false), "1900-02-28");
  EXPECT_EQ(excel_serial_to_iso(60, false), "1900-02-29");  // Excel's fictitious day
  EXPECT_EQ(excel_serial_to_iso(61, false), "1900-03-01");
  EXPECT_EQ(excel_serial_to_iso(46380.75, false), "2026-12-24T18:00:00");
  EXPECT_EQ(excel_serial_to_iso(0, true), "1904-01-01");
  EXPECT_EQ(excel_serial_to_iso(-1, false), "");
  EXPECT_EQ(excel_serial_to_iso(1e12, false), "");
}

TEST(GuessColumns, ByHeaderNamesInFourLanguagesAndExportFormats) {
  struct Case {
    const char* header;
    std::size_t handle, text, time;
  };
  for (const Case& c : {Case{"Username,Comment,Date", 0, 1, 2}, Case{"date;pseudo;commentaire", 1, 2, 0},
                        Case{"Fecha,Usuario,Comentario", 1, 2, 0}, Case{"Benutzername,Datum,Kommentar", 0, 2, 1},
                        Case{"ownerUsername,text,timestamp", 0, 1, 2}, Case{"author,textDisplay,publishedAt", 0, 1, 2},
                        Case{"Name (click to view profile),Comment,Date", 0, 1, 2},
                        Case{"Nom d'utilisateur,Texte,Heure", 0, 1, 2}}) {
    const std::string header = c.header;
    auto t = read_csv(header + (header.find(';') != std::string::npos ? "\nx;y;z\n" : "\nx,y,z\n"));
    ASSERT_TRUE(t.ok());
    ASSERT_TRUE(t->has_header) << c.header;
    auto map = guess_columns(*t);
    EXPECT_EQ(map.handle, c.handle) << c.header;
    EXPECT_EQ(map.text, c.text) << c.header;
    EXPECT_EQ(map.time, c.time) << c.header;
  }
  auto ids = read_csv("Id,Profile ID,Name,Comment,followers,account_created\n1,2,3,4,5,6\n");
  auto map = guess_columns(*ids);
  EXPECT_EQ(map.comment_id, 0u);
  EXPECT_EQ(map.user_id, 1u);
  EXPECT_EQ(map.handle, 2u);
  EXPECT_EQ(map.followers, 4u);
  EXPECT_EQ(map.account_created, 5u);
}

TEST(GuessColumns, WithoutHeaderByContent) {
  auto t = read_csv("2026-12-01 10:00,Great giveaway thanks a lot friends,@zoe\n"
                    "2026-12-02 11:00,I would love to win this one really,@max\n",
                    {.has_header = false});
  ASSERT_TRUE(t.ok());
  auto map = guess_columns(*t);
  EXPECT_EQ(map.time, 0u);
  EXPECT_EQ(map.text, 1u);
  EXPECT_EQ(map.handle, 2u);
  auto list = read_csv("alice\nbob\n", {.has_header = false});
  EXPECT_EQ(guess_columns(*list).handle, 0u);
}

TEST(CommentsFromTable, ReadsRowsAndReportsBadCellsWithoutStopping) {
  auto t = read_csv(
      "user,comment,date,followers\n"
      "@zoe,hi #noel,2026-12-01T10:00:00Z,1 234\n"
      "@max,yo,yesterday,many\n"
      ",,,\n"
      ",orphan text,,\n"
      "@lea,,24/12/2026 18:00,\n");
  ASSERT_TRUE(t.ok());
  std::vector<ImportIssue> issues;
  auto comments = comments_from_table(*t, guess_columns(*t), "instagram", issues);
  ASSERT_TRUE(comments.ok()) << comments.error().message;
  ASSERT_EQ(comments->size(), 3u);
  const Comment& zoe = (*comments)[0];
  EXPECT_EQ(zoe.platform, "instagram");
  EXPECT_EQ(zoe.handle, "@zoe");
  EXPECT_EQ(zoe.text, "hi #noel");
  EXPECT_EQ(zoe.time, at("2026-12-01T10:00:00Z"));
  EXPECT_EQ(zoe.followers, 1234);
  EXPECT_FALSE((*comments)[1].time.has_value());
  EXPECT_EQ((*comments)[2].time, at("2026-12-24T18:00:00Z"));
  ASSERT_EQ(issues.size(), 3u);
  EXPECT_EQ(issues[0].line, 3u);
  EXPECT_EQ(issues[0].column, 3u);  // the date
  EXPECT_EQ(issues[1].line, 3u);
  EXPECT_EQ(issues[1].column, 4u);  // the followers
  EXPECT_EQ(issues[2].line, 5u);    // a row with text but no user; the blank row 4 says nothing
  EXPECT_EQ(issues[2].column, 1u);
}

TEST(CommentsFromTable, ErrorsForUnusableMaps) {
  auto t = read_csv("a,b\n1,2\n", {.has_header = false});
  std::vector<ImportIssue> issues;
  EXPECT_EQ(comments_from_table(*t, {}, "list", issues).error().code, "no_user_column");
  ColumnMap far;
  far.handle = 5;
  EXPECT_EQ(comments_from_table(*t, far, "list", issues).error().code, "bad_column");
  ColumnMap ok;
  ok.handle = 0;
  EXPECT_EQ(comments_from_table(*t, ok, "myspace", issues).error().code, "bad_platform");
}

TEST(CommentsFromTable, FromAnXlsxExport) {
  auto t = read_xlsx(testing::read_import_fixture("export_metadata.xlsx"));
  ASSERT_TRUE(t.ok());
  auto map = guess_columns(*t);
  EXPECT_EQ(map.comment_id, 0u);
  EXPECT_EQ(map.handle, 2u);
  EXPECT_EQ(map.user_id, 3u);
  EXPECT_EQ(map.time, 4u);
  EXPECT_EQ(map.text, 5u);
  std::vector<ImportIssue> issues;
  auto comments = comments_from_table(*t, map, "instagram", issues);
  ASSERT_TRUE(comments.ok());
  ASSERT_EQ(comments->size(), 2u);
  EXPECT_EQ((*comments)[0].user_id, "17841400000000001");
  EXPECT_EQ((*comments)[0].time, at("2025-12-19T12:00:00Z"));
  EXPECT_TRUE(issues.empty());
}

TEST(CommentsFromText, OneParticipantPerLineOrPerHandle) {
  auto c = comments_from_text("\xEF\xBB\xBF@zoe\r\n\r\nMarie Dupont\n- @bullet\n\xE2\x80\xA2 Jos\xc3\xa9\n"
                              "@a, @b @c;@d\n@e and friends\n  \xC2\xA0@nbsp\xC2\xA0 \n@last");
  std::vector<std::string> handles;
  for (const auto& x : c) {
    EXPECT_EQ(x.platform, "list");
    handles.push_back(x.handle);
  }
  EXPECT_EQ(handles, (std::vector<std::string>{"@zoe", "Marie Dupont", "@bullet", "Jos\xc3\xa9", "@a", "@b", "@c", "@d",
                                               "@e and friends", "@nbsp", "@last"}));
  EXPECT_TRUE(comments_from_text("").empty());
  EXPECT_TRUE(comments_from_text("\n \n\t\n").empty());
}

TEST(CommentJson, RoundTripsAndIsStrict) {
  Comment c;
  c.platform = "youtube";
  c.user_id = "UC123";
  c.handle = "@zoe";
  c.text = "Bravo";
  c.time = at("2026-12-24T18:00:00Z");
  c.comment_id = "Ugx1";
  c.followers = 42;
  const Json j = comment_to_json(c);
  EXPECT_EQ(j["time"], "2026-12-24T18:00:00Z");
  EXPECT_FALSE(j.contains("account_created"));
  auto back = comment_from_json(j);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->user_id, "UC123");
  EXPECT_EQ(back->time, c.time);
  EXPECT_EQ(back->followers, 42);
  EXPECT_FALSE(back->account_created.has_value());

  auto unix_time = comment_from_json(Json{{"platform", "x"}, {"handle", "a"}, {"time", 100}, {"account_created", nullptr}});
  ASSERT_TRUE(unix_time.ok());
  EXPECT_EQ(unix_time->time, 100);

  struct Bad {
    Json j;
    const char* field;
  };
  for (const Bad& b : {Bad{Json{{"platform", "x"}, {"handle", "a"}, {"extra", 1}}, "extra"},
                       Bad{Json{{"platform", "orkut"}, {"handle", "a"}}, "platform"},
                       Bad{Json{{"handle", "a"}}, "platform"},
                       Bad{Json{{"platform", "x"}}, "handle"},
                       Bad{Json{{"platform", "x"}, {"handle", 5}}, "handle"},
                       Bad{Json{{"platform", "x"}, {"handle", "a"}, {"time", "yesterday"}}, "time"},
                       Bad{Json{{"platform", "x"}, {"handle", "a"}, {"followers", -1}}, "followers"},
                       Bad{Json{{"platform", "x"}, {"handle", "a"}, {"followers", 1.5}}, "followers"}}) {
    auto r = comment_from_json(b.j);
    ASSERT_FALSE(r.ok()) << b.j.dump();
    EXPECT_NE(r.error().message.find(b.field), std::string::npos) << r.error().message;
  }
  EXPECT_FALSE(comment_from_json(Json::array()).ok());
}

}  // namespace
}  // namespace tirage

namespace tirage {
namespace {

TEST(CommentsFromTable, ShortRowsOfAHandBuiltTableAreEmptyCells) {
  Table t;
  t.columns = {"user", "comment"};
  t.rows = {{"@a", "hi"}, {"@b"}, {}};
  t.has_header = true;
  std::vector<ImportIssue> issues;
  auto c = comments_from_table(t, guess_columns(t), "list", issues);
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c->size(), 2u);
  EXPECT_EQ((*c)[1].text, "");
}

}  // namespace
}  // namespace tirage
