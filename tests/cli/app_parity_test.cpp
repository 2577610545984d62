// An auditor rebuilds the list: for the same file, columns and rules, `tirage
// participants` prints exactly the root and count the organizer app commits.
// The app's side is the app's own code: the giveaway as the browser saves and
// restores it (giveaway_to_json / giveaway_from_json), its participant
// pipeline run in time slices (wasm/app/model/participants_pipeline.hpp), and
// the commitment's rules as the app sends them (committed_rules). Counts are
// worked out by hand from the fixtures, so both sides drifting together fails too.
#include <gtest/gtest.h>

#include <string>

#include "shared/core/time.hpp"
#include "shared/filters/rules_json.hpp"
#include "shared/protocol/statements.hpp"
#include "tests/cli/cli_fixture.hpp"
#include "wasm/app/model/giveaway.hpp"
#include "wasm/app/model/participants_pipeline.hpp"

namespace tirage {
namespace {

using testing::CliTest;
using testing::Outcome;

constexpr std::int64_t kFilteredAt = 1798131600;  // 2026-12-24T17:00:00Z: when the organizer last filtered
constexpr std::int64_t kCommittedAt = kFilteredAt + 60;

std::string fixture(const std::string& name) { return std::string(TIRAGE_VECTORS_DIR) + "/" + name; }

std::int64_t at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

struct AppList {
  std::string root;
  std::size_t count = 0;
  Json statement;  // the commitment the server signs for it
};

class AppParityTest : public CliTest {
 protected:
  // What the app commits for giveaway g over the source file's bytes.
  AppList app_commits(const app::Giveaway& edited, const std::string& source_file) {
    auto restored = app::giveaway_from_json(app::giveaway_to_json(edited));  // a reload in between changes nothing
    EXPECT_TRUE(restored.ok()) << restored.error().message;
    const app::Giveaway& g = *restored;
    const std::string bytes = slurp(source_file);
    app::ParticipantsPipeline pipeline;
    pipeline.start(g.source, bytes, g.platform, g.columns, g.filters, kFilteredAt);
    std::size_t frames = 0;
    while (pipeline.step(1.0)) ++frames;
    EXPECT_EQ(pipeline.stage(), app::ParticipantsPipeline::Stage::ready) << pipeline.error();
    AppList out;
    out.root = to_hex(pipeline.tree().root());
    out.count = pipeline.list().entries.size();
    out.statement = Json{{"type", kCommitmentType},
                         {"draw_id", "d_parity"},
                         {"giveaway_id", "g_parity"},
                         {"title", g.title},
                         {"organizer", "o_parity"},
                         {"participants_root", out.root},
                         {"participants_count", out.count},
                         {"winners", 1},
                         {"alternates", 0},
                         {"rules", app::committed_rules(g)},
                         {"beacon", Json{{"source", "local"},
                                         {"commit", std::string(64, 'c')},
                                         {"reveal_at", format_rfc3339(kCommittedAt + 30)}}},
                         {"committed_at", format_rfc3339(kCommittedAt)}};
    EXPECT_TRUE(parse_commitment(out.statement).ok());
    return out;
  }

  // The commitment as an envelope file (the tool reads the statement; signatures are `tirage verify`'s).
  std::string commitment_file(const AppList& app) {
    return write("commitment.json", Json{{"key_id", "0000000000000000"},
                                         {"signature", std::string(128, '0')},
                                         {"statement", app.statement}}
                                        .dump());
  }

  // `tirage participants ARGS`: its JSON, after checking it exited with code.
  Json participants(const std::string& args, int code = 0) {
    last_ = tirage("participants " + args);
    EXPECT_EQ(last_.code, code) << args << "\n" << last_.out << last_.err;
    auto j = parse_json(last_.out);
    EXPECT_TRUE(j.ok()) << args << ": " << last_.out;
    return j ? *j : Json::object();
  }

  // The tool agrees with the app: same root and count, and with --commitment it says they match.
  void expect_same(const AppList& app, const Json& tool) {
    EXPECT_EQ(tool.value("participants_root", ""), app.root) << tool.dump();
    EXPECT_EQ(tool.value("participants_count", std::size_t{0}), app.count) << tool.dump();
  }

  Outcome last_;
};

app::Giveaway giveaway(SourceKind source, const std::string& name, const std::string& platform = "list") {
  app::Giveaway g;
  g.giveaway_id = "g_parity";
  g.title = "Concours de Noël";
  g.rules_text = "Commentez avec #noel";
  g.source = source;
  g.source_name = name;
  g.platform = platform;
  return g;
}

TEST_F(AppParityTest, CsvOfTheBrowserTestWithAHashtagFilter) {
  app::Giveaway g = giveaway(SourceKind::csv, "comments.csv");
  g.filters.required_hashtags = split_typed_list("#noel");  // as typed in the filters step
  const std::string file = fixture("participants/comments.csv");
  const AppList app = app_commits(g, file);
  EXPECT_EQ(app.count, 40u);  // 42 rows: @fan3 twice, @nohash without #noel (the browser test counts 40 too)

  Json checked = participants(file + " --commitment " + commitment_file(app));
  expect_same(app, checked);
  EXPECT_EQ(checked["commitment"]["matches"], true);
  EXPECT_EQ(checked["format"], "csv");
  EXPECT_EQ(checked["filtered_out"], (Json{{"duplicate", 1}, {"missing_hashtag", 1}}));
  EXPECT_EQ(checked["columns"]["handle"]["header"], "username");
  // The same rules as flags, and as the commitment's rules object.
  expect_same(app, participants(file + " --hashtags '#noel'"));
  expect_same(app, participants(file + " --rules '" + app.statement["rules"].dump() + "'"));
  // Without the filter the tool builds another list, and says so against the commitment.
  Json unfiltered = participants(file);
  EXPECT_EQ(unfiltered["participants_count"], 41);
  EXPECT_NE(unfiltered["participants_root"], app.root);
}

TEST_F(AppParityTest, AnotherHandleColumnDoesNotMatch) {
  app::Giveaway g = giveaway(SourceKind::csv, "comments.csv");
  const std::string file = fixture("participants/comments.csv");
  const AppList app = app_commits(g, file);
  Json wrong = participants(file + " --handle-column comment --commitment " + commitment_file(app), 1);
  EXPECT_EQ(wrong["commitment"]["matches"], false);
  EXPECT_NE(last_.err.find("does not match the commitment"), std::string::npos) << last_.err;
  EXPECT_NE(last_.err.find("comments.csv"), std::string::npos) << last_.err;  // the source the commitment names
}

TEST_F(AppParityTest, WindowsCsvWithTheColumnsChosenInTheApp) {
  // Windows-1252, ';' between cells; the organizer picked each column in the app (0-based indices).
  app::Giveaway g = giveaway(SourceKind::csv, "excel_fr_1252.csv", "instagram");
  g.columns = Json{{"handle", 0}, {"text", 1}, {"time", 2}};
  g.filters.window_from = at("2026-12-25T00:00:00Z");
  const std::string file = fixture("import/excel_fr_1252.csv");
  const AppList app = app_commits(g, file);
  EXPECT_EQ(app.count, 1u);  // @zoé commented on the 24th, @max on the 25th

  // The auditor names the same columns by number or header, in any case.
  expect_same(app, participants(file + " --platform instagram --handle-column 1 --text-column COMMENTAIRE"
                                       " --time-column date --from 2026-12-25T00:00:00Z"));
  expect_same(app, participants(file + " --platform instagram --commitment " + commitment_file(app)));
  // The platform is part of every entry: the default (list) is another list.
  Json as_list = participants(file + " --commitment " + commitment_file(app), 1);
  EXPECT_NE(as_list["participants_root"], app.root);
}

TEST_F(AppParityTest, Utf16TabSeparatedCsv) {
  app::Giveaway g = giveaway(SourceKind::csv, "utf16le_tab.csv");
  const std::string file = fixture("import/utf16le_tab.csv");
  const AppList app = app_commits(g, file);
  EXPECT_EQ(app.count, 2u);
  Json tool = participants(file + " --commitment " + commitment_file(app));
  expect_same(app, tool);
  EXPECT_EQ(tool["commitment"]["matches"], true);
}

TEST_F(AppParityTest, XlsxExportWithMetadataRowsAndFilters) {
  // An export tool's workbook: metadata rows above the header, the user id in "Profile ID".
  app::Giveaway g = giveaway(SourceKind::xlsx, "export.xlsx", "instagram");
  g.filters.required_hashtags = {"noel"};
  g.filters.min_mentions = 2;
  const std::string file = fixture("import/export_metadata.xlsx");
  const AppList app = app_commits(g, file);
  EXPECT_EQ(app.count, 1u);  // only Zoé tags two friends and #noel

  Json tool = participants(file + " --platform instagram --commitment " + commitment_file(app));
  expect_same(app, tool);
  EXPECT_EQ(tool["format"], "xlsx");
  EXPECT_EQ(tool["columns"]["user_id"]["header"], "Profile ID");
  expect_same(app, participants(file + " --platform instagram --hashtags noel --min-mentions 2"));
}

TEST_F(AppParityTest, XlsxRowsTheAppLeavesOutAreListedWithTheirLine) {
  app::Giveaway g = giveaway(SourceKind::xlsx, "basic.xlsx");
  const std::string file = fixture("import/basic.xlsx");
  const AppList app = app_commits(g, file);
  EXPECT_EQ(app.count, 5u);  // @zoe, @max, @inline, Élodie, @last; sheet row 7 has no name
  Json tool = participants(file + " --commitment " + commitment_file(app));
  expect_same(app, tool);
  // Row 6's date is a formula's text: the row stays, without a date; row 7 has no name and is left out.
  EXPECT_EQ(tool["issues"], 2);
  EXPECT_NE(last_.err.find("basic.xlsx line 6, column 3: \"formula!\" is not a date"), std::string::npos) << last_.err;
  EXPECT_NE(last_.err.find("basic.xlsx line 7, column 1: no participant name"), std::string::npos) << last_.err;
}

TEST_F(AppParityTest, PastedListOfTheFrenchBrowserTest) {
  app::Giveaway g = giveaway(SourceKind::text, "Liste collée");
  const std::string file = fixture("participants/pasted_fr.txt");
  const AppList app = app_commits(g, file);
  EXPECT_EQ(app.count, 4u);  // @Zoé twice
  Json tool = participants("--format text " + file + " --commitment " + commitment_file(app));
  expect_same(app, tool);
  EXPECT_EQ(tool["format"], "text");
  // Through stdin too.
  last_ = tirage("participants - --format text", slurp(file));
  EXPECT_NE(last_.out.find(app.root), std::string::npos) << last_.out << last_.err;
}

TEST_F(AppParityTest, ImportedCommentsOnePerCommentWithWindowKeywordsAndOrganizer) {
  app::Giveaway g = giveaway(SourceKind::post, "Instagram post", "instagram");
  g.filters.one_per_person = false;
  g.filters.required_hashtags = {"noel"};
  g.filters.window_from = at("2026-12-01T00:00:00Z");
  g.filters.window_until = at("2026-12-24T18:00:00Z");
  g.filters.organizer_account = "@brand";
  g.filters.min_mentions = 1;
  g.filters.required_keywords = split_typed_list("gagner, participe");
  const std::string file = fixture("participants/instagram_comments.jsonl");
  const AppList app = app_commits(g, file);
  // Kept: zoe c1, max c2 and c10 (two chances), ana c9, Élodie c12.
  EXPECT_EQ(app.count, 5u);

  Json tool = participants(file + " --commitment " + commitment_file(app));
  expect_same(app, tool);
  EXPECT_EQ(tool["format"], "jsonl");
  EXPECT_EQ(tool["filtered_out"], (Json{{"after_window", 1},
                                        {"before_window", 1},
                                        {"excluded_account", 1},
                                        {"missing_hashtag", 1},
                                        {"missing_keyword", 2},
                                        {"too_few_mentions", 1}}));
  expect_same(app, participants(file + " --one-per-comment --hashtags noel --from 2026-12-01T00:00:00Z"
                                       " --until 2026-12-24T18:00:00Z --organizer @brand --min-mentions 1"
                                       " --keywords 'gagner, participe'"));
  // One per person: max's second comment is a duplicate.
  Json per_person = participants(file + " --hashtags noel --from 2026-12-01T00:00:00Z --until 2026-12-24T18:00:00Z"
                                              " --organizer @brand --min-mentions 1 --keywords gagner,participe");
  EXPECT_EQ(per_person["participants_count"], 4);
}

TEST_F(AppParityTest, AccountAgeCountsFromTheCommitmentTime) {
  app::Giveaway g = giveaway(SourceKind::post, "Instagram post", "instagram");
  g.filters.min_account_age_days = 30;
  const std::string file = fixture("participants/instagram_comments.jsonl");
  const AppList app = app_commits(g, file);
  // 10 people; lea's account is 4 days old, ana's creation date unknown.
  EXPECT_EQ(app.count, 8u);
  Json tool = participants(file + " --commitment " + commitment_file(app));
  expect_same(app, tool);
  EXPECT_EQ(tool["filtered_out"]["account_too_new"], 1);
  EXPECT_EQ(tool["filtered_out"]["account_age_unknown"], 1);
  // Measured from a month later, lea's account is old enough: another list.
  Json later = participants(file + " --commitment " + commitment_file(app) + " --now 2027-01-24T17:00:00Z", 1);
  EXPECT_EQ(later["participants_count"], 9);

  // Four days: lea's account (created 2026-12-20) passes at the commitment's time. Between this
  // rule and the one above, a tool counting from its own clock instead would differ from the app.
  g.filters.min_account_age_days = 4;
  const AppList four_days = app_commits(g, file);
  EXPECT_EQ(four_days.count, 9u);
  expect_same(four_days, participants(file + " --commitment " + commitment_file(four_days)));
}

TEST_F(AppParityTest, EntriesWrittenOutHashToTheSameRoot) {
  app::Giveaway g = giveaway(SourceKind::csv, "comments.csv");
  const std::string file = fixture("participants/comments.csv");
  const AppList app = app_commits(g, file);
  participants(file + " --entries " + path("leaves.txt"));
  const std::string leaves = slurp(path("leaves.txt"));
  EXPECT_EQ(leaves.substr(0, leaves.find('\n')), "{\"id\":\"fan0\",\"name\":\"@fan0\",\"platform\":\"list\"}");
  // Each line is a leaf's bytes: `tirage merkle root` over them is the committed root.
  EXPECT_EQ(tirage("merkle root", leaves).out, app.root + "\n");
  // Read back as the draw's entries, they are the same list.
  expect_same(app, participants("--format entries " + path("leaves.txt")));
  // To stdout: the leaves there, the summary on stderr.
  last_ = tirage("participants " + file + " --entries -");
  EXPECT_EQ(last_.out, leaves);
  EXPECT_NE(last_.err.find(app.root), std::string::npos) << last_.err;
}

}  // namespace
}  // namespace tirage
