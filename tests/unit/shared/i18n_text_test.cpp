// CLDR plural categories and the catalog mechanics every text in the product uses.
#include <gtest/gtest.h>

#include "shared/i18n/plural_rules.hpp"
#include "shared/i18n/text.hpp"

namespace tirage {
namespace {

TEST(PluralRules, FollowCldrForWholeNumbers) {
  EXPECT_EQ(plural_category("en", 0), PluralCategory::other);
  EXPECT_EQ(plural_category("en", 1), PluralCategory::one);
  EXPECT_EQ(plural_category("en", 2), PluralCategory::other);
  EXPECT_EQ(plural_category("fr", 0), PluralCategory::one);  // "0 gagnant"
  EXPECT_EQ(plural_category("fr", 1), PluralCategory::one);
  EXPECT_EQ(plural_category("fr", 2), PluralCategory::other);
  EXPECT_EQ(plural_category("fr", 1000000), PluralCategory::many);  // "1 000 000 de participants"
  EXPECT_EQ(plural_category("fr", 1000001), PluralCategory::other);
  EXPECT_EQ(plural_category("es", 0), PluralCategory::other);
  EXPECT_EQ(plural_category("es", 1), PluralCategory::one);
  EXPECT_EQ(plural_category("es", 2000000), PluralCategory::many);
  EXPECT_EQ(plural_category("de", 1), PluralCategory::one);
  EXPECT_EQ(plural_category("de", 1000000), PluralCategory::other);
  EXPECT_EQ(plural_category("xx", 1), PluralCategory::one);
}

TEST(Text, FillsPluralsGroupsAndDates) {
  auto catalog = parse_json(R"({"winners.count": {"one": "{n} gagnant", "other": "{n} gagnants"},
    "hello": "Bonjour {name}", "number.group": ".", "number.group_min_digits": 4,
    "months": ["janvier","février","mars","avril","mai","juin","juillet","août","septembre","octobre","novembre","décembre"],
    "date.format": "{day} {month} {year} à {time}", "date.first_day": "1er"})");
  ASSERT_TRUE(catalog);
  const Text fr("fr", *catalog);
  EXPECT_EQ(fr.plural("winners.count", 0), "0 gagnant");
  EXPECT_EQ(fr.plural("winners.count", 1), "1 gagnant");
  EXPECT_EQ(fr.plural("winners.count", 2), "2 gagnants");
  EXPECT_EQ(fr.plural("winners.count", 12345), "12.345 gagnants");
  EXPECT_EQ(fr.get("hello", {{"name", "{hello}"}}), "Bonjour {hello}");  // filled values are not filled again
  EXPECT_EQ(fr.get("absent"), "[absent]");
  EXPECT_TRUE(fr.has("hello"));
  EXPECT_FALSE(fr.has("absent"));
  EXPECT_EQ(*fr.date("2026-12-01T18:00:31Z"), "1er décembre 2026 à 18:00:31");
  EXPECT_EQ(*fr.date("2026-12-24T18:00:31Z", false), "24 décembre 2026 à 18:00");
  EXPECT_FALSE(fr.date("24/12/2026"));
}

}  // namespace
}  // namespace tirage
