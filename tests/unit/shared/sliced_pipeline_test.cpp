// The stepped forms the organizer app runs a slice at a time (TableComments,
// FilterRun, DrawEntries, ParticipantListBuilder) give exactly what the
// one-shot functions give, and the list is the protocol's: compared with a
// plain reference (normalize, stable sort by key bytes, keep the first of
// each key) on ties, duplicates, Unicode normalization, mixed platforms and
// more entries than one sorted run.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "shared/core/hex.hpp"
#include "shared/filters/draw_entries.hpp"
#include "shared/filters/filters.hpp"
#include "shared/import/comments.hpp"
#include "shared/import/csv_reader.hpp"
#include "shared/protocol/merkle.hpp"
#include "shared/protocol/participant_list.hpp"

namespace tirage {
namespace {

constexpr std::int64_t kNow = 1798131600;  // 2026-12-24T17:00:00Z

// docs/protocol.md section 1 as plainly as it reads, independent of the builder.
ParticipantList reference_list(std::vector<Entry> raw) {
  std::vector<std::pair<std::string, std::size_t>> keyed;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    auto e = normalize_entry(raw[i]);
    EXPECT_TRUE(e.ok()) << i;
    raw[i] = *e;
    keyed.emplace_back(raw[i].platform + ":" + raw[i].id, i);
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  ParticipantList list;
  for (std::size_t k = 0; k < keyed.size(); ++k) {
    if (k > 0 && keyed[k].first == keyed[k - 1].first) {
      ++list.duplicates_dropped;
      continue;
    }
    list.entries.push_back(raw[keyed[k].second]);
  }
  return list;
}

ParticipantList stepped_list(std::vector<Entry> raw, std::size_t work, std::size_t* steps = nullptr) {
  ParticipantListBuilder b(std::move(raw));
  double last = -1;
  std::size_t n = 0;
  for (;;) {
    auto more = b.step(work);
    EXPECT_TRUE(more.ok());
    ++n;
    EXPECT_GE(b.progress(), last);  // the progress bar never goes back
    last = b.progress();
    if (!more.ok() || !*more) break;
  }
  EXPECT_EQ(b.progress(), 1.0);
  if (steps) *steps = n;
  return b.take();
}

Hash root_of(const ParticipantList& list) {
  MerkleRootBuilder r;
  for (const auto& e : list.entries) r.add_leaf(as_bytes(leaf(e)));
  return r.root();
}

void expect_same(const ParticipantList& a, const ParticipantList& b) {
  ASSERT_EQ(a.entries.size(), b.entries.size());
  EXPECT_EQ(a.duplicates_dropped, b.duplicates_dropped);
  for (std::size_t i = 0; i < a.entries.size(); ++i) ASSERT_EQ(a.entries[i], b.entries[i]) << "index " << i;
  EXPECT_EQ(to_hex(root_of(a)), to_hex(root_of(b)));
}

// Hand-picked hard cases: equal 8-byte prefixes, ids shorter than 8 bytes, a
// NUL byte, a prefix of another id, composed and decomposed accents, '@' and
// case for lists, spaces to trim, bytes above 0x7F, and several platforms.
std::vector<Entry> tricky_entries() {
  return {
      {"list", "@Bob", "first bob"},
      {"list", "bob", "second bob"},
      {"list", "  BOB ", "third bob"},
      {"list", "abcdefgh", "8 bytes"},
      {"list", "abcdefghij", "10 bytes, same prefix"},
      {"list", "abcdefgh", "8 bytes again"},
      {"list", "abcdefgi", "next prefix"},
      {"list", "abc", "short"},
      {"list", std::string("abc\0d", 5), "nul inside"},
      {"list", "ab", "prefix of abc"},
      {"list", "\xc3\xa9mile", "composed e-acute"},
      {"list", "e\xcc\x81mile", "decomposed e-acute, the same after NFC"},
      {"list", "\xc3\x89mile", "capital E-acute stays (only ASCII is lowered)"},
      {"list", "zed", "zed"},
      {"x", "9", "x nine"},
      {"x", "10", "x ten"},
      {"x", "9", "x nine again"},
      {"instagram", "5", "insta"},
      {"instagram", "50000000000000001", "insta long"},
      {"instagram", "50000000000000000", "insta long 2"},
      {"youtube", "UC\xF0\x9F\x8E\x84", "emoji"},
      {"tiktok", "A", "tiktok keeps case"},
      {"tiktok", "a", "tiktok lower"},
      {"facebook", "Zo\xc3\xa9", "facebook"},
      {"facebook", "Zoe\xcc\x81", "facebook decomposed"},
  };
}

TEST(ParticipantListBuilder, SlicesGiveTheReferenceListOnTrickyEntries) {
  const auto raw = tricky_entries();
  const ParticipantList expected = reference_list(raw);
  EXPECT_EQ(expected.duplicates_dropped, 6u);  // bob x2, abcdefgh, émile, x:9, facebook Zoé
  for (std::size_t work : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7}, std::size_t{1000}})
    expect_same(stepped_list(raw, work), expected);
  auto one_shot = build_participant_list(raw);
  ASSERT_TRUE(one_shot.ok());
  expect_same(*one_shot, expected);
  // The first of each key is kept, in input order.
  auto bob = std::find_if(one_shot->entries.begin(), one_shot->entries.end(), [](const Entry& e) { return e.id == "bob"; });
  ASSERT_NE(bob, one_shot->entries.end());
  EXPECT_EQ(bob->name, "first bob");
}

TEST(ParticipantListBuilder, ManyRunsWithTiesAndDuplicatesMatchTheReference) {
  // More than three runs of 32,768, ids drawn from a small space so that most
  // keys repeat many times and many share their first 8 bytes.
  std::mt19937 rng(20261125);
  std::vector<Entry> raw;
  const char* platforms[] = {"list", "list", "list", "x", "instagram"};
  for (std::size_t i = 0; i < 120000; ++i) {
    const std::string platform = platforms[rng() % 5];
    std::string id = (rng() % 2 ? "@Fan" : "fan") + std::to_string(rng() % 40000);
    if (rng() % 50 == 0) id = "\xc3\xa9l\xc3\xa8ve" + std::to_string(rng() % 100);
    if (rng() % 70 == 0) id = "e\xcc\x81l\xc3\xa8ve" + std::to_string(rng() % 100);
    raw.push_back({platform, id, "name " + std::to_string(i)});
  }
  const ParticipantList expected = reference_list(raw);
  EXPECT_GT(expected.duplicates_dropped, 10000u);
  std::size_t steps = 0;
  expect_same(stepped_list(raw, 20000, &steps), expected);
  EXPECT_GT(steps, 10u);  // it really was cut into slices
  auto one_shot = build_participant_list(raw);
  ASSERT_TRUE(one_shot.ok());
  expect_same(*one_shot, expected);
}

TEST(ParticipantListBuilder, ErrorsNameTheEntryWhateverTheSlice) {
  std::vector<Entry> raw;
  for (int i = 0; i < 50; ++i) raw.push_back({"list", "p" + std::to_string(i), "n"});
  raw.push_back({"list", "bad\xff", "n"});
  ParticipantListBuilder b(raw);
  Result<bool> more = true;
  while (more.ok() && *more) more = b.step(7);
  ASSERT_FALSE(more.ok());
  EXPECT_NE(more.error().message.find("entry 51"), std::string::npos) << more.error().message;
  auto one_shot = build_participant_list(raw);
  ASSERT_FALSE(one_shot.ok());
  EXPECT_EQ(one_shot.error().message, more.error().message);
}

TEST(ParticipantListBuilder, EmptyInputIsDoneAtOnce) {
  ParticipantListBuilder b({});
  auto more = b.step(10);
  ASSERT_TRUE(more.ok());
  EXPECT_FALSE(*more);
  EXPECT_TRUE(b.take().entries.empty());
}

// A CSV of comments with repeats, mixed case, tags, mentions, dates, and
// accents in both Unicode forms, for the stages before the list.
std::string sample_csv(std::size_t rows) {
  std::string out = "username,comment,date,comment_id\n";
  std::mt19937 rng(7);
  for (std::size_t i = 0; i < rows; ++i) {
    const std::size_t who = rng() % (rows / 3 + 1);
    std::string handle = (who % 4 == 0 ? "@Fan" : "@fan") + std::to_string(who);
    if (who % 11 == 0) handle = "@Zo\xc3\xa9" + std::to_string(who % 5);
    if (who % 13 == 0) handle = "@Zoe\xcc\x81" + std::to_string(who % 5);
    out += handle + ",\"Bravo " + (i % 7 ? "#noel" : "#fete") + " @a" + std::to_string(i % 9) + " @b" +
           std::to_string(i % 5) + "\",2026-12-" + (i % 3 ? "0" : "2") + std::to_string(1 + i % 9) + " 10:00," +
           (i % 5 ? "c" + std::to_string(i % (rows / 2 + 1)) : "") + "\n";
  }
  return out;
}

TEST(SlicedStages, CommentsFiltersAndEntriesMatchTheOneShotFunctions) {
  const std::string csv = sample_csv(5000);
  auto table = read_csv(csv);
  ASSERT_TRUE(table.ok());
  const ColumnMap map = guess_columns(*table);
  std::vector<ImportIssue> issues_once, issues_stepped;
  auto once = comments_from_table(*table, map, "list", issues_once);
  ASSERT_TRUE(once.ok());
  auto convert = TableComments::open(*table, map, "list");
  ASSERT_TRUE(convert.ok());
  std::vector<Comment> comments;
  while (convert->step(333, comments, issues_stepped)) {
  }
  ASSERT_EQ(comments.size(), once->size());
  for (std::size_t i = 0; i < comments.size(); ++i) {
    ASSERT_EQ(comments[i].handle, (*once)[i].handle) << i;
    ASSERT_EQ(comments[i].text, (*once)[i].text) << i;
    ASSERT_EQ(comments[i].time, (*once)[i].time) << i;
    ASSERT_EQ(comments[i].comment_id, (*once)[i].comment_id) << i;
  }
  EXPECT_EQ(issues_stepped.size(), issues_once.size());

  for (bool per_person : {true, false}) {
    FilterRules rules;
    rules.one_per_person = per_person;
    rules.required_hashtags = {"noel"};
    rules.min_mentions = 2;
    rules.excluded_accounts = {"@fan3"};
    const FilterResult expected = apply_filters(comments, rules, kNow);
    EXPECT_GT(expected.count(FilterReason::duplicate), 0u);
    FilterRun run(comments, rules, kNow);
    std::size_t steps = 0;
    while (run.step(97)) ++steps;
    EXPECT_GT(steps, 10u);
    EXPECT_EQ(run.progress(), 1.0);
    const FilterResult got = run.take();
    EXPECT_EQ(got.reasons, expected.reasons);
    EXPECT_EQ(got.counts, expected.counts);
    EXPECT_EQ(got.kept, expected.kept);

    const std::vector<Entry> entries = entries_for_draw(comments, expected, rules);
    DrawEntries draw(comments, got, rules);
    while (draw.step(101)) {
    }
    const std::vector<Entry> stepped = draw.take();
    EXPECT_EQ(stepped, entries);

    auto list = build_participant_list(entries);
    ASSERT_TRUE(list.ok());
    expect_same(*list, reference_list(entries));
    expect_same(stepped_list(stepped, 50), *list);
  }
}

// The app hashes into a MerkleTree reserved for the whole list and one leaf
// buffer: the same root and proofs as the plain tree.
TEST(SlicedStages, ReservedTreeAndReusedLeafBufferGiveTheSameTree) {
  const ParticipantList list = reference_list(tricky_entries());
  MerkleTree plain, reserved;
  reserved.reserve(list.entries.size());
  std::string buffer;
  for (const auto& e : list.entries) {
    plain.append(leaf_hash(leaf(e)));
    leaf_into(e, buffer);
    EXPECT_EQ(buffer, leaf(e));
    reserved.append(leaf_hash(buffer));
  }
  EXPECT_EQ(to_hex(reserved.root()), to_hex(plain.root()));
  EXPECT_EQ(to_hex(reserved.root()), to_hex(root_of(list)));
  for (std::uint64_t i = 0; i < list.entries.size(); ++i) EXPECT_EQ(*reserved.inclusion_proof(i), *plain.inclusion_proof(i));
  EXPECT_EQ(*reserved.consistency_proof(5), *plain.consistency_proof(5));
}

}  // namespace
}  // namespace tirage
