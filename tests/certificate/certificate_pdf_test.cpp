// Whole certificates, read back with poppler as a person's viewer would:
// pdftotext for the words, pdftoppm for the picture.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "server/certificate/certificate_pdf.hpp"
#include "server/certificate/certificate_text.hpp"
#include "tests/certificate/sample_certificate.hpp"

namespace tirage::testing {
namespace {

using server::CertificateAssets;
using server::CertificateData;
using server::render_certificate_pdf;

class CertificatePdf : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = make_temp_dir(); }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Renders data in lang to a file and returns pdftotext's text.
  std::string render_text(const CertificateData& data, const std::string& lang, std::string* path_out = nullptr) {
    auto pdf = render_certificate_pdf(data, lang, CertificateAssets{});
    EXPECT_TRUE(pdf.ok()) << pdf.error().code << ": " << pdf.error().message;
    if (!pdf) return "";
    EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
    const std::string path = dir_ + "/certificate-" + (lang.empty() ? "none" : lang) + ".pdf";
    write_file(path, *pdf);
    if (path_out) *path_out = path;
    const std::string text = pdf_text(path);
    EXPECT_FALSE(text.empty()) << "pdftotext (poppler-utils) read nothing from " << path;
    return text;
  }

  std::string dir_;
};

struct LanguageCase {
  const char* lang;
  std::vector<std::string> words;  // localized words, counts and dates the certificate must show
  const char* weaker;              // the plain-words warning of the local beacon
};

const LanguageCase kLanguages[] = {
    {"fr",
     {"Certificat de tirage", "Gagnants", "Suppléants", "3 gagnants ont été tirés au sort", "12 345 participants",
      "1er décembre 2026 à 18:00:31 UTC", "Remplacé par le suppléant n° 1", "Prend la place du gagnant n° 2", "drand, tour 24819372",
      "Scannez pour vérifier ce tirage", "Comment chacun peut vérifier ce tirage", "Page 1 sur 2"},
     "moins sûr que drand"},
    {"en",
     {"Certificate of draw", "Winners", "Alternates", "3 winners were drawn", "12,345 participants", "December 1, 2026, 18:00:31 UTC",
      "Replaced by alternate no. 1", "Takes the place of winner no. 2", "drand, round 24819372", "Scan to check this draw",
      "How anyone can check this draw", "Page 1 of 2"},
     "less safe than drand"},
    {"es",
     {"Certificado de sorteo", "Ganadores", "Suplentes", "Se sortearon 3 ganadores", "12.345 participantes",
      "1 de diciembre de 2026, 18:00:31 UTC", "Sustituido por el suplente n.º 1", "Ocupa el lugar del ganador n.º 2",
      "drand, ronda 24819372", "Escanea para comprobar este sorteo", "Página 1 de 2"},
     "menos seguro que drand"},
    {"de",
     {"Ziehungszertifikat", "Gewinner", "Nachrücker", "3 Gewinner wurden ausgelost", "12.345 Teilnehmer", "1. Dezember 2026, 18:00:31 UTC",
      "ersetzt durch Nachrücker Nr. 1", "Tritt an die Stelle von Gewinner Nr. 2", "drand, Runde 24819372",
      "Scannen, um diese Auslosung zu prüfen", "Seite 1 von 2"},
     "weniger sicher als drand"},
};

TEST_F(CertificatePdf, ShowsEverythingInEachLanguageWithItsAccents) {
  const CertificateData data = sample_certificate();
  for (const auto& c : kLanguages) {
    SCOPED_TRACE(c.lang);
    std::string path;
    const std::string raw = render_text(data, c.lang, &path);
    const std::string text = one_line(raw);
    for (const char* name : {"Concours de Noël 2026 : gagnez un week-end à Annecy", "Boulangerie Müller & Fils", "Zoé Müller", "Ñandú",
                             "François Lefèvre", "José Núñez", "Jürgen Groß", "sans réponse sous 7 jours", "Instagram", "TikTok"})
      EXPECT_NE(text.find(name), std::string::npos) << "missing \"" << name << "\" in:\n" << text;
    for (const auto& word : c.words) EXPECT_NE(text.find(word), std::string::npos) << "missing \"" << word << "\" in:\n" << text;
    EXPECT_NE(text.find("tirage.app/v/d_1546307eddf721aa965c9e57"), std::string::npos) << "the short link beside the QR code";
    EXPECT_NE(text.find("tirage verify bundle.json"), std::string::npos);
    EXPECT_NE(text.find("24819372"), std::string::npos) << "the beacon round";
    EXPECT_NE(text.find("one_entry_per"), std::string::npos) << "the rules";
    const std::string compact = no_spaces(raw);  // wrapped hex reads as one string
    for (const auto& hex : {data.participants_root, data.beacon.value, data.beacon.chain_hash, data.commitment_signature.signature,
                            data.result_signature.signature})
      EXPECT_NE(compact.find(hex), std::string::npos) << hex;
    EXPECT_FALSE(std::regex_search(text, std::regex("\\[[a-z]+\\.[a-z_.]+\\]"))) << "a catalog key is missing:\n" << text;
    EXPECT_EQ(text.find(c.weaker), std::string::npos) << "a drand draw is not called weaker";
    EXPECT_EQ(page_count(raw), 2);
    // It renders to an image.
    const std::string png = dir_ + "/certificate-" + c.lang + ".png";
    ASSERT_TRUE(render_first_page(path, png, 50)) << "pdftoppm failed on " << path;
    EXPECT_GT(std::filesystem::file_size(png), 5000u);
  }
}

TEST_F(CertificatePdf, ALocalBeaconIsCalledWeakerInPlainWords) {
  for (const auto& c : kLanguages) {
    SCOPED_TRACE(c.lang);
    const std::string local = one_line(render_text(sample_local_certificate(), c.lang));
    EXPECT_NE(local.find(c.weaker), std::string::npos) << local;
    // The whole explanation from the catalog, the short warning on page one and the footer.
    const server::CertificateText t(c.lang);
    for (const char* key : {"beacon.local", "beacon.local_title", "warning.local_short", "footer.local"})
      EXPECT_NE(local.find(one_line(t.get(key))), std::string::npos) << key << " in:\n" << local;
    const std::string drand = one_line(render_text(sample_certificate(), c.lang));
    for (const char* key : {"beacon.local", "beacon.local_title", "warning.local_short", "footer.local", "facts.beacon_local"})
      EXPECT_EQ(drand.find(one_line(t.get(key))), std::string::npos) << key;
  }
}

TEST_F(CertificatePdf, ALongTitleAndManyWinnersFlowOntoMorePages) {
  CertificateData data = sample_certificate();
  data.title.clear();
  for (int i = 0; i < 12; ++i) data.title += "Très grand concours numéro " + std::to_string(i) + " ";
  data.winners.clear();
  for (std::uint64_t rank = 1; rank <= 150; ++rank)
    data.winners.push_back({rank, "Gagnante Zoé " + std::to_string(rank), rank % 2 ? "instagram" : "list"});
  data.winners[9].name = "Une participante au nom vraiment très long, bien trop long pour tenir sur une seule ligne du certificat";
  data.winners[10].name = std::string(110, 'W');  // one word wider than the column
  data.substitutions.clear();
  const std::string raw = render_text(data, "fr");
  const std::string text = one_line(raw);
  const int pages = page_count(raw);
  EXPECT_GE(pages, 5);
  for (std::uint64_t rank = 1; rank <= 150; rank += 7) {
    if (rank == 10 || rank == 11) continue;
    EXPECT_NE(text.find("Gagnante Zoé " + std::to_string(rank) + " "), std::string::npos) << rank;
  }
  EXPECT_NE(text.find("Gagnante Zoé 150"), std::string::npos);
  EXPECT_NE(text.find("bien trop long pour tenir sur une seule ligne du certificat"), std::string::npos);
  EXPECT_NE(text.find("150 gagnants ont été tirés au sort"), std::string::npos);
  EXPECT_NE(text.find("Très grand concours numéro 11"), std::string::npos);
  EXPECT_NE(no_spaces(raw).find(std::string(110, 'W')), std::string::npos);
  EXPECT_NE(text.find("Page " + std::to_string(pages) + " sur " + std::to_string(pages)), std::string::npos);
  // The verification panel stays on page one, whatever follows.
  const std::string first_page = one_line(raw.substr(0, raw.find('\f')));
  EXPECT_NE(first_page.find("Scannez pour vérifier ce tirage"), std::string::npos);
}

TEST_F(CertificatePdf, HugeSubmittedTextIsClippedSoTheCertificateStaysShort) {
  CertificateData data = sample_certificate();
  data.title = std::string(50000, 'T');
  data.organizer = std::string(50000, 'O');
  data.winners[0].name = std::string(100000, 'n');
  data.substitutions[0].reason = std::string(50000, 'r');
  for (int i = 0; i < 1000; ++i) data.rules.emplace_back("rule_" + std::to_string(i), std::string(1000, 'v'));
  const std::string raw = render_text(data, "en");
  EXPECT_LE(page_count(raw), 6);
  const std::string compact = no_spaces(raw);
  EXPECT_NE(compact.find(std::string(120, 'n') + "\u2026"), std::string::npos);
  EXPECT_EQ(compact.find(std::string(121, 'n')), std::string::npos);
  EXPECT_NE(compact.find(std::string(400, 'T') + "\u2026"), std::string::npos);
  EXPECT_NE(raw.find("rule_26"), std::string::npos);
  EXPECT_EQ(raw.find("rule_27"), std::string::npos);
}

TEST_F(CertificatePdf, AnUnknownLanguageGivesEnglish) {
  const std::string text = one_line(render_text(sample_certificate(), "it"));
  EXPECT_NE(text.find("Certificate of draw"), std::string::npos);
  EXPECT_NE(text.find("12,345 participants"), std::string::npos);
}

TEST_F(CertificatePdf, TextLibharuCannotDrawIsLeftOutNotFatal) {
  CertificateData data = sample_certificate();
  data.title = "\xF0\x9F\x8E\x84 Concours de Noël \xF0\x9F\x8E\x81";
  data.winners[0].name = "bad \xFF byte";
  const std::string text = one_line(render_text(data, "fr"));
  EXPECT_NE(text.find("Concours de Noël"), std::string::npos);
  EXPECT_NE(text.find("bad \xEF\xBF\xBD byte"), std::string::npos);
}

TEST_F(CertificatePdf, ProblemsAreErrorValues) {
  CertificateAssets no_fonts;
  no_fonts.bold_font = dir_ + "/missing-bold.ttf";
  auto missing = render_certificate_pdf(sample_certificate(), "fr", no_fonts);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "font_missing");
  EXPECT_NE(missing.error().message.find("missing-bold.ttf"), std::string::npos);

  write_file(dir_ + "/garbage.ttf", std::string(10000, '\x01'));
  CertificateAssets bad_font;
  bad_font.regular_font = dir_ + "/garbage.ttf";
  EXPECT_FALSE(render_certificate_pdf(sample_certificate(), "fr", bad_font).ok());

  CertificateData bad_date = sample_certificate();
  bad_date.drawn_at = "tomorrow";
  auto dated = render_certificate_pdf(bad_date, "en", CertificateAssets{});
  ASSERT_FALSE(dated.ok());
  EXPECT_EQ(dated.error().code, "certificate_time");

  CertificateData no_link = sample_certificate();
  no_link.verify_url.clear();
  auto unlinked = render_certificate_pdf(no_link, "en", CertificateAssets{});
  ASSERT_FALSE(unlinked.ok());
  EXPECT_EQ(unlinked.error().code, "certificate_qr");
}

// Outcome shopping (issue 13): the organizer's other draws of the same list, post or giveaway.
TEST_F(CertificatePdf, ListsTheOtherDrawsOfTheSameListWithWhatBecameOfThem) {
  const std::pair<const char*, std::vector<std::string>> cases[] = {
      {"fr", {"Autres tirages de la même liste", "aucun résultat publié avant le 2 décembre 2026 à 18:00:40 UTC",
              "positions 5, 12 de sa liste", "suppléants aux positions 3", "Publié.", "même liste, même concours",
              "pas encore de résultat (engagé avant"}},
      {"en", {"Other draws of the same list, post or giveaway", "Abandoned: no result was published by December 2, 2026, 18:00:40 UTC",
              "winners at positions 5, 12 of its list", "alternates at positions 3", "Published.", "same list, same giveaway",
              "Waiting: no result yet (committed before deadlines existed)"}},
      {"es", {"Otros sorteos de la misma lista", "Abandonado: no se publicó ningún resultado antes del 2 de diciembre de 2026",
              "posiciones 5, 12 de su lista", "Publicado.", "misma lista, mismo concurso"}},
      {"de", {"Weitere Auslosungen derselben Liste", "Aufgegeben: bis 2. Dezember 2026, 18:00:40 UTC wurde kein Ergebnis",
              "Positionen 5, 12 ihrer Liste", "Veröffentlicht.", "dieselbe Liste, dasselbe Gewinnspiel"}},
  };
  CertificateData data = sample_certificate();
  data.related = {{"d_abandoned", "Concours de Noël (bis)", "2026-12-01T17:00:00Z", "2026-12-02T18:00:40Z", "abandoned",
                   {"same_list"}, {4, 11}, {2}},
                  {"d_published", "Concours de Noël (ter)", "2026-12-01T17:30:00Z", "2026-12-02T18:30:40Z", "published",
                   {"same_list", "same_giveaway"}, {}, {}},
                  {"d_old", "Ancien tirage", "2026-11-01T17:30:00Z", "", "waiting", {"same_post"}, {}, {}}};
  for (const auto& [lang, words] : cases) {
    SCOPED_TRACE(lang);
    const std::string text = one_line(render_text(data, lang));
    for (const char* id : {"d_abandoned", "d_published", "d_old", "Concours de Noël (bis)"})
      EXPECT_NE(text.find(id), std::string::npos) << id << " in:\n" << text;
    for (const auto& w : words) EXPECT_NE(text.find(w), std::string::npos) << "missing \"" << w << "\" in:\n" << text;
    EXPECT_FALSE(std::regex_search(text, std::regex("\\[[a-z]+\\.[a-z_.]+\\]"))) << "a catalog key is missing:\n" << text;
  }
  // None: said (in the list's section), so a reader knows it was looked for.
  EXPECT_NE(one_line(render_text(sample_certificate(), "en")).find("This organizer committed no other draw of this list"), std::string::npos);
  // Hundreds: the first 20 are printed, the verify page has the rest.
  CertificateData many = sample_certificate();
  for (int i = 0; i < 300; ++i)
    many.related.push_back({"d_many_" + std::to_string(i), std::string(1000, 't'), "2026-12-01T17:00:00Z", "2026-12-02T18:00:40Z",
                            "abandoned", {"same_list"}, std::vector<std::uint64_t>(1000, 7), {}});
  const std::string raw = render_text(many, "en");
  const std::string text = one_line(raw);
  EXPECT_NE(text.find("d_many_19"), std::string::npos);
  EXPECT_EQ(text.find("d_many_20"), std::string::npos);
  EXPECT_NE(text.find("More draws are listed on the verify page."), std::string::npos);
  EXPECT_LE(page_count(raw), 8);
}

TEST_F(CertificatePdf, TheSameDrawGivesTheSameBytes) {
  auto a = render_certificate_pdf(sample_certificate(), "de", CertificateAssets{});
  auto b = render_certificate_pdf(sample_certificate(), "de", CertificateAssets{});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  EXPECT_LT(a->size(), 600u * 1024) << "three embedded fonts should stay well under 600 KiB";
}

// Page one in French, kept under build/screenshots/ for people to look at
// (docs/screenshots/certificate-fr.png is the committed copy).
TEST_F(CertificatePdf, KeepsAPictureOfPageOne) {
  std::string path;
  render_text(sample_certificate(), "fr", &path);
  const std::string shots = std::string(TIRAGE_REPO) + "/build/screenshots";
  std::filesystem::create_directories(shots);
  ASSERT_TRUE(render_first_page(path, shots + "/certificate-sample-fr.png", 80));
}

}  // namespace
}  // namespace tirage::testing
