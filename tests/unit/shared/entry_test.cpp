// Participant entries: normalization, the leaf, and list construction.
#include "shared/protocol/entry.hpp"

#include <gtest/gtest.h>

#include "shared/protocol/unicode.hpp"

namespace tirage {
namespace {

TEST(Entry, LeafIsJcsOfTheEntry) {
  Entry e{"instagram", "123", "Zo\xc3\xa9"};
  EXPECT_EQ(leaf(e), "{\"id\":\"123\",\"name\":\"Zo\xc3\xa9\",\"platform\":\"instagram\"}");
  EXPECT_EQ(e.key(), "instagram:123");
}

TEST(Entry, NfcComposesDecomposedText) {
  auto composed = normalize_entry({"x", "1", "Zo\xc3\xa9"});
  auto decomposed = normalize_entry({"x", "1", "Zoe\xcc\x81"});
  ASSERT_TRUE(composed.ok() && decomposed.ok());
  EXPECT_EQ(composed->name, decomposed->name);
  EXPECT_EQ(leaf(*composed), leaf(*decomposed));
}

TEST(Entry, ListIdsAreTrimmedStrippedOfAtAndLowercasedAscii) {
  auto e = normalize_entry({"list", "  @Alice_W \t", "Alice"});
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->id, "alice_w");
  auto accented = normalize_entry({"list", "@\xc3\x89LODIE", "x"});  // "ÉLODIE": only ASCII letters are lowered
  ASSERT_TRUE(accented.ok());
  EXPECT_EQ(accented->id, "\xc3\x89lodie");
  auto platform = normalize_entry({"instagram", " ABC ", "x"});  // platform ids keep their case
  ASSERT_TRUE(platform.ok());
  EXPECT_EQ(platform->id, "ABC");
}

// Found by fuzzing: "@@x" used to become "@x", which normalizes again to "x".
TEST(Entry, NormalizationIsIdempotent) {
  for (const char* id : {"@@@x", "@ @Alice", " @ Bob ", "@\xcc\x81x", "@@=o\xe1\x97\xa9"}) {
    auto once = normalize_entry({"list", id, "n"});
    ASSERT_TRUE(once.ok()) << id;
    auto twice = normalize_entry(*once);
    ASSERT_TRUE(twice.ok()) << id;
    EXPECT_EQ(*twice, *once) << id;
    EXPECT_NE(once->id.front(), '@') << id;
  }
  EXPECT_EQ(normalize_entry({"list", "@@@x", "n"})->id, "x");
  EXPECT_FALSE(normalize_entry({"list", "@@@", "n"}).ok());
}

TEST(Entry, RejectsWhatCannotBeAnEntry) {
  auto bad_utf8 = normalize_entry({"list", "a\xff", "x"});
  ASSERT_FALSE(bad_utf8.ok());
  EXPECT_NE(bad_utf8.error().message.find("\"id\""), std::string::npos);
  EXPECT_NE(bad_utf8.error().message.find("byte 2"), std::string::npos) << bad_utf8.error().message;
  EXPECT_FALSE(normalize_entry({"myspace", "a", "x"}).ok());
  EXPECT_FALSE(normalize_entry({"list", " @ ", "x"}).ok());
  EXPECT_FALSE(normalize_entry({"x", "1", "\xc0\xaf"}).ok());  // overlong encoding
}

TEST(Entry, FromJsonIsStrict) {
  EXPECT_TRUE(entry_from_json(Json{{"platform", "x"}, {"id", "1"}, {"name", "n"}}).ok());
  EXPECT_FALSE(entry_from_json(Json{{"platform", "x"}, {"id", 1}, {"name", "n"}}).ok());
  EXPECT_FALSE(entry_from_json(Json{{"platform", "x"}, {"name", "n"}}).ok());
  EXPECT_FALSE(entry_from_json(Json{{"platform", "x"}, {"id", "1"}, {"name", "n"}, {"extra", 1}}).ok());
  EXPECT_FALSE(entry_from_json(Json::array()).ok());
}

TEST(ParticipantList, DropsRepeatedKeysKeepingTheFirstAndSortsByBytes) {
  auto list = build_participant_list({{"list", "@Bob", "first bob"},
                                      {"x", "9", "x user"},
                                      {"list", "bob", "second bob"},
                                      {"list", "\xc3\xa9mile", "emile"},
                                      {"list", "zed", "zed"},
                                      {"instagram", "5", "insta"}});
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->duplicates_dropped, 1u);
  std::vector<std::string> keys;
  for (const auto& e : list->entries) keys.push_back(e.key());
  // Byte order: "instagram" < "list" < "x"; within list, 'b' < 'z' < 0xC3.
  EXPECT_EQ(keys, (std::vector<std::string>{"instagram:5", "list:bob", "list:zed", "list:\xc3\xa9mile", "x:9"}));
  EXPECT_EQ(list->entries[1].name, "first bob");
}

TEST(ParticipantList, ErrorsNameTheEntry) {
  auto list = build_participant_list({{"list", "a", "a"}, {"list", "b", "b"}, {"nope", "c", "c"}});
  ASSERT_FALSE(list.ok());
  EXPECT_NE(list.error().message.find("entry 3"), std::string::npos) << list.error().message;
}

TEST(Unicode, CheckUtf8NamesTheOffset) {
  EXPECT_TRUE(check_utf8("plain \xc3\xa9").ok());
  auto bad = check_utf8("abc\xe2\x82");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("byte 4"), std::string::npos) << bad.error().message;
  EXPECT_FALSE(check_utf8("\xed\xa0\x80").ok());  // a UTF-16 surrogate is not UTF-8
}

}  // namespace
}  // namespace tirage
