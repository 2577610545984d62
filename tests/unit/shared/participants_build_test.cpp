// The participant build the organizer app and `tirage participants` share:
// run one record at a time it gives what running it to the end gives, and
// both are the plain composition of the shared functions it steps through
// (read, guess or choose columns, comments, filters, entries, list, Merkle
// root). Also the column choice, comments as JSON Lines and typed lists.
#include <gtest/gtest.h>

#include "shared/core/hex.hpp"
#include "shared/core/time.hpp"
#include "shared/filters/participants_build.hpp"
#include "shared/import/column_choice.hpp"
#include "shared/import/comment_lines.hpp"
#include "shared/import/csv_reader.hpp"
#include "shared/import/xlsx_reader.hpp"
#include "tests/unit/shared/import_fixtures.hpp"

namespace tirage {
namespace {

using testing::read_import_fixture;

constexpr std::int64_t kNow = 1798131600;  // 2026-12-24T17:00:00Z

std::string root_hex(const ParticipantList& list) {
  MerkleTree tree;
  for (const auto& e : list.entries) tree.append(leaf_hash(leaf(e)));
  return to_hex(tree.root());
}

// The build by hand, from the one-shot functions.
ParticipantList composed(SourceKind kind, std::string_view bytes, const std::string& platform, const Json& columns,
                         const FilterRules& rules) {
  std::vector<Comment> comments;
  std::vector<ImportIssue> issues;
  if (kind == SourceKind::text) {
    comments = comments_from_text(bytes);
    for (auto& c : comments) c.platform = platform;
  } else if (kind == SourceKind::post) {
    comments = comments_from_json_lines(bytes, issues);
  } else {
    auto table = kind == SourceKind::csv ? read_csv(bytes) : read_xlsx(bytes);
    EXPECT_TRUE(table.ok());
    auto map = choose_columns(columns, *table);
    EXPECT_TRUE(map.ok());
    comments = *comments_from_table(*table, *map, platform, issues);
  }
  const FilterResult result = apply_filters(comments, rules, kNow);
  return *build_participant_list(entries_for_draw(comments, result, rules));
}

struct Case {
  const char* name;
  SourceKind kind;
  std::string bytes;
  std::string platform;
  Json columns;
  FilterRules rules;
};

std::vector<Case> cases() {
  FilterRules noel;
  noel.required_hashtags = {"noel"};
  FilterRules per_comment;
  per_comment.one_per_person = false;
  std::string csv = "username,comment,date\n";
  for (int i = 0; i < 30; ++i)
    csv += "@fan" + std::to_string(i % 20) + ",\"#noel @friend" + std::to_string(i) + "\",2026-12-0" +
           std::to_string(1 + i % 9) + " 10:00\n";
  csv += "@nohash,\"no tag @y\",2026-12-02 10:00\n";
  const std::string lines =
      "{\"platform\":\"x\",\"user_id\":\"1\",\"handle\":\"@a\",\"text\":\"#noel\",\"comment_id\":\"c1\"}\n"
      "{\"platform\":\"x\",\"user_id\":\"1\",\"handle\":\"@a\",\"text\":\"#noel again\",\"comment_id\":\"c2\"}\n"
      "not json\n"
      "{\"platform\":\"x\",\"user_id\":\"2\",\"handle\":\"@b\",\"text\":\"#noel\"}\n";
  return {
      {"csv", SourceKind::csv, csv, "list", Json::object(), noel},
      {"csv chosen columns", SourceKind::csv, csv, "instagram", Json{{"handle", 1}, {"text", 0}}, per_comment},
      {"windows csv", SourceKind::csv, read_import_fixture("excel_fr_1252.csv"), "list", Json::object(), FilterRules{}},
      {"xlsx", SourceKind::xlsx, read_import_fixture("basic.xlsx"), "list", Json::object(), per_comment},
      {"xlsx export", SourceKind::xlsx, read_import_fixture("export_metadata.xlsx"), "instagram", Json::object(), noel},
      {"text", SourceKind::text, "@Zoé\n- @max\n@a, @b @c\nMarie Dupont\n@zoé\n", "list", Json::object(), FilterRules{}},
      {"post", SourceKind::post, lines, "list", Json::object(), per_comment},
  };
}

TEST(ParticipantsBuild, OneRecordAtATimeIsTheWholeRunAndTheComposition) {
  for (const auto& c : cases()) {
    ParticipantsBuild whole;
    whole.start(c.kind, c.bytes, c.platform, c.columns, c.rules, kNow);
    ASSERT_TRUE(whole.finish().ok()) << c.name << ": " << whole.error();
    ASSERT_EQ(whole.stage(), ParticipantsBuild::Stage::ready) << c.name;

    ParticipantsBuild sliced;
    sliced.start(c.kind, c.bytes, c.platform, c.columns, c.rules, kNow);
    std::size_t slices = 0;
    while (sliced.work(1)) ++slices;
    ASSERT_EQ(sliced.stage(), ParticipantsBuild::Stage::ready) << c.name << ": " << sliced.error();
    if (std::string(c.name) == "csv") {
      EXPECT_GT(slices, 30u) << c.name;  // really one record a slice
    }

    const ParticipantList reference = composed(c.kind, c.bytes, c.platform, c.columns, c.rules);
    EXPECT_EQ(whole.list().entries, reference.entries) << c.name;
    EXPECT_EQ(sliced.list().entries, reference.entries) << c.name;
    EXPECT_EQ(whole.list().duplicates_dropped, reference.duplicates_dropped) << c.name;
    EXPECT_EQ(to_hex(whole.tree().root()), root_hex(reference)) << c.name;
    EXPECT_EQ(to_hex(sliced.tree().root()), root_hex(reference)) << c.name;
    EXPECT_EQ(whole.issues().size(), sliced.issues().size()) << c.name;
    EXPECT_FALSE(reference.entries.empty()) << c.name;
  }
}

TEST(ParticipantsBuild, TheSourceKindAndPlatformReachEveryEntry) {
  ParticipantsBuild b;
  b.start(SourceKind::text, "@Zoé\n@max\n", "tiktok", Json::object(), FilterRules{}, kNow);
  ASSERT_TRUE(b.finish().ok());
  ASSERT_EQ(b.list().entries.size(), 2u);
  for (const auto& e : b.list().entries) EXPECT_EQ(e.platform, "tiktok");
  // A post's comments name their own platform; the build's is not applied to them.
  b.start(SourceKind::post, "{\"platform\":\"x\",\"user_id\":\"9\",\"handle\":\"@z\"}\n", "tiktok", Json::object(),
          FilterRules{}, kNow);
  ASSERT_TRUE(b.finish().ok());
  EXPECT_EQ(b.list().entries.at(0).platform, "x");
  EXPECT_EQ(b.list().entries.at(0).id, "9");
}

TEST(ParticipantsBuild, RefilterIsAFreshStartWithTheNewRules) {
  const Case c = cases()[0];
  ParticipantsBuild b;
  b.start(c.kind, c.bytes, c.platform, c.columns, FilterRules{}, kNow);
  ASSERT_TRUE(b.finish().ok());
  const std::size_t unfiltered = b.list().entries.size();
  b.refilter(c.rules, kNow);
  EXPECT_EQ(b.stage(), ParticipantsBuild::Stage::filtering);
  ASSERT_TRUE(b.finish().ok());
  ParticipantsBuild fresh;
  fresh.start(c.kind, c.bytes, c.platform, c.columns, c.rules, kNow);
  ASSERT_TRUE(fresh.finish().ok());
  EXPECT_EQ(b.list().entries, fresh.list().entries);
  EXPECT_EQ(to_hex(b.tree().root()), to_hex(fresh.tree().root()));
  EXPECT_EQ(unfiltered, b.list().entries.size() + 1);  // @nohash
}

TEST(ParticipantsBuild, FailuresNameWhereAndCancelStops) {
  ParticipantsBuild b;
  // start() keeps a view of the bytes: they must outlive the build (a temporary here read freed memory).
  const std::string malformed = read_import_fixture("malformed_quote.csv");
  b.start(SourceKind::csv, malformed, "list", Json::object(), FilterRules{}, kNow);
  auto failed = b.finish();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(b.stage(), ParticipantsBuild::Stage::failed);
  EXPECT_NE(failed.error().message.find("line 3"), std::string::npos) << failed.error().message;

  const std::string bad_xlsx = read_import_fixture("bad_xml.xlsx");
  b.start(SourceKind::xlsx, bad_xlsx, "list", Json::object(), FilterRules{}, kNow);
  EXPECT_FALSE(b.finish().ok());

  b.start(SourceKind::csv, "name\n@a\n", "myspace", Json::object(), FilterRules{}, kNow);
  auto platform = b.finish();
  ASSERT_FALSE(platform.ok());
  EXPECT_NE(platform.error().message.find("myspace"), std::string::npos);

  b.start(SourceKind::csv, "name,comment\n@a,hi\n", "list", Json{{"handle", "pseudo"}}, FilterRules{}, kNow);
  auto column = b.finish();
  ASSERT_FALSE(column.ok());
  EXPECT_NE(column.error().message.find("\"pseudo\""), std::string::npos) << column.error().message;
  EXPECT_NE(column.error().message.find("\"name\", \"comment\""), std::string::npos) << column.error().message;

  b.start(SourceKind::text, "@a\n@b\n", "list", Json::object(), FilterRules{}, kNow);
  EXPECT_TRUE(b.work(1));
  b.cancel();
  EXPECT_EQ(b.stage(), ParticipantsBuild::Stage::cancelled);
  EXPECT_FALSE(b.work(1));
  EXPECT_FALSE(b.finish().ok());
}

TEST(ColumnChoice, IndicesNamesNumbersAndNone) {
  auto table = read_csv("Pseudo;Commentaire;Date;ID\n@a;salut;2026-12-01;1\n");
  ASSERT_TRUE(table.ok());
  const ColumnMap guessed = guess_columns(*table);
  auto same = choose_columns(Json::object(), *table);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->handle, guessed.handle);
  EXPECT_EQ(same->text, guessed.text);
  // The app's pickers: 0-based numbers, -1 for none.
  auto app = choose_columns(Json{{"handle", 3}, {"text", -1}}, *table);
  ASSERT_TRUE(app.ok());
  EXPECT_EQ(app->handle, 3u);
  EXPECT_FALSE(app->text);
  EXPECT_EQ(app->time, guessed.time);
  // The tool's flags: a header in any case and with spaces around, else a 1-based number.
  auto named = choose_columns(Json{{"handle", " pseudo "}, {"text", "COMMENTAIRE"}, {"time", "3"}}, *table);
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->handle, 0u);
  EXPECT_EQ(named->text, 1u);
  EXPECT_EQ(named->time, 2u);
  auto unknown = choose_columns(Json{{"user_id", "Profile"}}, *table);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message,
            "the user_id column \"Profile\" is neither a header of the table nor a column number (the columns are "
            "\"Pseudo\", \"Commentaire\", \"Date\", \"ID\")");
  EXPECT_FALSE(choose_columns(Json{{"handle", "0"}}, *table).ok());  // numbers start at 1
  // Saved work from an older app: other fields and types are ignored.
  auto lenient = choose_columns(Json{{"handle", true}, {"colour", 2}}, *table);
  ASSERT_TRUE(lenient.ok());
  EXPECT_EQ(lenient->handle, guessed.handle);
}

TEST(CommentLines, BadLinesAreIssuesWithTheirNumber) {
  std::vector<ImportIssue> issues;
  const auto comments = comments_from_json_lines(
      "{\"platform\":\"x\",\"user_id\":\"1\",\"handle\":\"@a\"}\n\n{oops\n"
      "{\"platform\":\"x\",\"handle\":\"@b\",\"colour\":\"red\"}\n{\"platform\":\"x\",\"user_id\":\"3\"}",
      issues);
  ASSERT_EQ(comments.size(), 2u);
  EXPECT_EQ(comments[0].handle, "@a");
  EXPECT_EQ(comments[1].user_id, "3");
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].line, 3u);
  EXPECT_NE(issues[0].message.find("not JSON"), std::string::npos);
  EXPECT_EQ(issues[1].line, 4u);
  EXPECT_NE(issues[1].message.find("colour"), std::string::npos);
}

TEST(TypedLists, SplitOnCommasSpacesAndNewLines) {
  EXPECT_EQ(split_typed_list("#noel #concours"), (std::vector<std::string>{"#noel", "#concours"}));
  EXPECT_EQ(split_typed_list(" a,b;;c\td\ne "), (std::vector<std::string>{"a", "b", "c", "d", "e"}));
  EXPECT_TRUE(split_typed_list(" , ").empty());
}

TEST(SourceKinds, NamesRoundTrip) {
  for (SourceKind k : {SourceKind::text, SourceKind::csv, SourceKind::xlsx, SourceKind::post})
    EXPECT_EQ(source_kind_from(source_kind_name(k)), k);
  EXPECT_EQ(source_kind_from("pdf"), SourceKind::none);
}

}  // namespace
}  // namespace tirage
