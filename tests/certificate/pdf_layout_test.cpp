// Text that libharu can draw, wrapping with real font metrics, and libharu's
// errors arriving as values.
#include <gtest/gtest.h>

#include <filesystem>

#include "server/certificate/certificate_pdf.hpp"
#include "server/certificate/pdf_document.hpp"
#include "server/certificate/pdf_layout.hpp"
#include "server/certificate/qr_code.hpp"
#include "tests/certificate/sample_certificate.hpp"

namespace tirage::server {
namespace {

TEST(PrintableText, KeepsAccentsAndMakesTheRestSafe) {
  EXPECT_EQ(printable_text("Zoé Müller — Ñandú"), "Zoé Müller — Ñandú");
  EXPECT_EQ(printable_text("  Noël\t\n2026  "), "Noël 2026");
  EXPECT_EQ(printable_text("\xF0\x9F\x8E\x84 Concours \xF0\x9F\x8E\x81"), "Concours");  // emoji: beyond libharu 2.3.0
  EXPECT_EQ(printable_text("caf\xC3"), "caf\xEF\xBF\xBD");                                  // truncated UTF-8 -> U+FFFD
  EXPECT_EQ(printable_text("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(printable_text("\xC0\xAF"), "\xEF\xBF\xBD");  // overlong
  EXPECT_EQ(printable_text("\xE2\x9D\xA4\xEF\xB8\x8F ok"), "\xE2\x9D\xA4 ok");  // the variation selector goes
}

TEST(ClipText, CutsAtACharacterAndSaysSo) {
  EXPECT_EQ(clip_text("Zoé Müller", 20), "Zoé Müller");
  EXPECT_EQ(clip_text("Zoé Müller", 3), "Zoé\u2026");
  EXPECT_EQ(clip_text("Zoé", 3), "Zoé");
  EXPECT_EQ(clip_text("", 0), "");
}

class WithFonts : public ::testing::Test {
 protected:
  void SetUp() override {
    auto regular = doc_.load_font(CertificateAssets{}.regular_font);
    auto mono = doc_.load_font(CertificateAssets{}.mono_font);
    ASSERT_TRUE(regular.ok() && mono.ok()) << "install fonts-dejavu-core";
    regular_ = *regular;
    mono_ = *mono;
  }
  PdfDocument doc_;
  HPDF_Font regular_ = nullptr, mono_ = nullptr;
};

TEST_F(WithFonts, WrappedLinesFitAndKeepEveryWord) {
  const std::string text =
      "Scannez le QR code ou ouvrez le lien ci-dessus : votre navigateur refait lui-même chaque étape, à partir de données publiques.";
  const auto lines = wrap_text(text, regular_, 10, 200);
  ASSERT_GT(lines.size(), 2u);
  std::string joined;
  for (const auto& line : lines) {
    EXPECT_LE(text_width(line, regular_, 10), 200.f) << line;
    joined += (joined.empty() ? "" : " ") + line;
  }
  EXPECT_EQ(joined, text);
}

TEST_F(WithFonts, LongWordsAreCutBetweenCharacters) {
  std::string word;
  for (int i = 0; i < 40; ++i) word += "éü";
  const auto lines = wrap_text(word, regular_, 12, 100);
  ASSERT_GT(lines.size(), 1u);
  std::string joined;
  for (const auto& line : lines) {
    EXPECT_LE(text_width(line, regular_, 12), 100.f);
    EXPECT_EQ(printable_text(line), line) << "a UTF-8 character was split";
    joined += line;
  }
  EXPECT_EQ(joined, word);
  // A column narrower than one character still makes progress.
  EXPECT_EQ(wrap_text("abc", regular_, 12, 1).size(), 3u);
}

TEST_F(WithFonts, HexIsCutIntoEvenLines) {
  const std::string signature(128, 'f');
  const auto lines = wrap_hex(signature, mono_, 8.2f, 495);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].size(), 64u);
  EXPECT_EQ(lines[0] + lines[1], signature);
  EXPECT_EQ(wrap_hex(std::string(64, 'a'), mono_, 9, 495).size(), 1u);
  for (const auto& line : wrap_hex(signature, mono_, 9, 120)) EXPECT_LE(text_width(line, mono_, 9), 120.f);
}

TEST(PdfDocument, FontProblemsAreErrorValues) {
  PdfDocument doc;
  auto missing = doc.load_font("/nonexistent/DejaVuSans.ttf");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "font_missing");
  EXPECT_NE(missing.error().message.find("/nonexistent/DejaVuSans.ttf"), std::string::npos);

  const std::string dir = tirage::testing::make_temp_dir();
  tirage::testing::write_file(dir + "/garbage.ttf", std::string(4096, 'x'));
  PdfDocument other;
  auto garbage = other.load_font(dir + "/garbage.ttf");
  EXPECT_FALSE(garbage.ok());
  EXPECT_FALSE(other.status("after a bad font").ok());
  std::filesystem::remove_all(dir);
}

TEST(QrCode, EncodesALinkAndRefusesTheImpossible) {
  auto qr = encode_qr("https://tirage.app/v/d_1546307eddf721aa965c9e57");
  ASSERT_TRUE(qr.ok()) << qr.error().message;
  EXPECT_GE(qr->size, 21);
  EXPECT_EQ(qr->dark.size(), static_cast<std::size_t>(qr->size * qr->size));
  EXPECT_TRUE(qr->at(0, 0));  // the top-left finder pattern
  EXPECT_FALSE(encode_qr("").ok());
  auto too_long = encode_qr(std::string(8000, 'a'));
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().code, "certificate_qr");
}

}  // namespace
}  // namespace tirage::server
