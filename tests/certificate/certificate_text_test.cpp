// The certificate's catalogs: plural forms, digit grouping, dates, fallback,
// and that every language says everything English says.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "server/certificate/certificate_text.hpp"

namespace tirage::server {
namespace {

constexpr const char* kNarrowNbsp = "\xE2\x80\xAF";  // U+202F, French digit grouping

TEST(CertificateText, PluralsOfWinnersAlternatesAndParticipants) {
  const CertificateText fr("fr"), en("en"), es("es"), de("de");
  EXPECT_EQ(fr.plural("winners.intro", 1), "1 gagnant a été tiré au sort.");
  EXPECT_EQ(fr.plural("winners.intro", 3), "3 gagnants ont été tirés au sort, dans cet ordre.");
  EXPECT_EQ(fr.plural("winners.heading", 1), "Gagnant");
  EXPECT_EQ(fr.plural("alternates.heading", 2), "Suppléants");
  EXPECT_EQ(fr.plural("list.count", 1), "1 participant");
  EXPECT_EQ(fr.plural("list.count", 1000000), std::string("1") + kNarrowNbsp + "000" + kNarrowNbsp + "000 de participants");
  EXPECT_EQ(en.plural("winners.intro", 1), "1 winner was drawn.");
  EXPECT_EQ(en.plural("list.count", 2), "2 participants");
  EXPECT_EQ(en.plural("alternates.heading", 1), "Alternate");
  EXPECT_EQ(es.plural("winners.intro", 1), "Se sorteó 1 ganador.");
  EXPECT_EQ(es.plural("winners.intro", 4), "Se sortearon 4 ganadores, en este orden.");
  EXPECT_EQ(es.plural("alternates.heading", 1), "Suplente");
  EXPECT_EQ(es.plural("alternates.heading", 2), "Suplentes");
  EXPECT_EQ(es.plural("list.count", 1), "1 participante");
  EXPECT_EQ(de.plural("winners.intro", 1), "1 Gewinner wurde ausgelost.");
  EXPECT_EQ(de.plural("winners.intro", 5), "5 Gewinner wurden ausgelost, in dieser Reihenfolge.");
  EXPECT_EQ(de.plural("list.count", 40), "40 Teilnehmer");
}

TEST(CertificateText, NumbersAreGroupedTheLocalWay) {
  EXPECT_EQ(CertificateText("en").number(12345), "12,345");
  EXPECT_EQ(CertificateText("fr").number(12345), std::string("12") + kNarrowNbsp + "345");
  EXPECT_EQ(CertificateText("de").number(1234567), "1.234.567");
  EXPECT_EQ(CertificateText("es").number(1234), "1234");  // Spanish groups from five digits
  EXPECT_EQ(CertificateText("es").number(12345), "12.345");
  EXPECT_EQ(CertificateText("en").number(999), "999");
  EXPECT_EQ(CertificateText("en").number(0), "0");
}

TEST(CertificateText, DatesAreWrittenPerLanguage) {
  EXPECT_EQ(*CertificateText("fr").date("2026-12-24T18:00:31Z"), "24 décembre 2026 à 18:00:31 UTC");
  EXPECT_EQ(*CertificateText("fr").date("2026-12-01T18:00:00Z"), "1er décembre 2026 à 18:00:00 UTC");
  EXPECT_EQ(*CertificateText("en").date("2026-12-01T18:00:00Z"), "December 1, 2026, 18:00:00 UTC");
  EXPECT_EQ(*CertificateText("es").date("2026-08-05T09:07:03Z"), "5 de agosto de 2026, 09:07:03 UTC");
  EXPECT_EQ(*CertificateText("de").date("2026-03-15T00:00:00Z"), "15. März 2026, 00:00:00 UTC");
  auto bad = CertificateText("fr").date("24/12/2026");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "certificate_time");
}

TEST(CertificateText, UnknownLanguagesFallBackToEnglish) {
  for (const char* lang : {"it", "", "FR", "fr-CA", "../en"}) {
    const CertificateText t(lang);
    EXPECT_EQ(t.language(), "en") << lang;
    EXPECT_EQ(t.get("header.kind"), "Certificate of draw") << lang;
  }
}

TEST(CertificateText, FillsPlaceholdersOnceAndMarksMissingKeys) {
  const CertificateText en("en");
  // A reason that itself contains a placeholder is printed as typed.
  EXPECT_EQ(en.get("pick.replaced", {{"alternate", "1"}, {"reason", "said {alternate} twice"}}),
            "Replaced by alternate no.\u00a01: said {alternate} twice");
  EXPECT_EQ(en.get("no.such.key"), "[no.such.key]");
  EXPECT_EQ(en.plural("no.such.key", 2), "[no.such.key]");
  EXPECT_EQ(en.platform("instagram"), "Instagram");
  EXPECT_EQ(CertificateText("fr").platform("list"), "Liste");
  EXPECT_EQ(CertificateText("es").platform("list"), "Lista");
  EXPECT_EQ(en.platform("myspace"), "myspace");
}

// The placeholders ({name}) a catalog string uses, across its plural forms.
std::set<std::string> placeholders(const Json& value) {
  std::set<std::string> names;
  const auto scan = [&](const std::string& s) {
    static const std::regex re("\\{([a-z_]+)\\}");
    for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it) names.insert((*it)[1]);
  };
  if (value.is_string()) scan(value.get<std::string>());
  if (value.is_object())
    for (const auto& [k, v] : value.items())
      if (v.is_string()) scan(v.get<std::string>());
  return names;
}

TEST(CertificateCatalogs, EveryLanguageSaysEverythingEnglishSays) {
  const auto langs = certificate_languages();
  EXPECT_EQ(std::set<std::string>(langs.begin(), langs.end()), (std::set<std::string>{"en", "fr", "es", "de"}));
  const Json& en = certificate_catalog("en");
  ASSERT_GT(en.size(), 40u);
  for (const auto& lang : langs) {
    SCOPED_TRACE(lang);
    const Json& c = certificate_catalog(lang);
    EXPECT_EQ(c.value("lang", ""), lang);
    for (const auto& [key, value] : en.items()) {
      ASSERT_TRUE(c.contains(key)) << key;
      EXPECT_EQ(c[key].type(), value.type()) << key;
      EXPECT_EQ(placeholders(c[key]), placeholders(value)) << key;
      if (value.is_object()) {
        EXPECT_TRUE(c[key].contains("one") && c[key].contains("other")) << key;
      }
    }
    EXPECT_EQ(c["months"].size(), 12u);
    // The local beacon is called weaker in every language.
    EXPECT_FALSE(c["beacon.local"].get<std::string>().empty());
    EXPECT_NE(c["beacon.local"].get<std::string>().find("drand"), std::string::npos);
    // The how-to names the tool's command exactly.
    EXPECT_NE(c["howto.text"].get<std::string>().find("tirage verify bundle.json"), std::string::npos);
  }
}

}  // namespace
}  // namespace tirage::server
