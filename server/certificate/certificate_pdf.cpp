// Certificate layout. Sections:
//   [SECTION] Document   libharu setup, error capture, fonts
//   [SECTION] Layout     a cursor that wraps text and breaks pages
//   [SECTION] Content    what the certificate says
#include "server/certificate/certificate_pdf.hpp"

#include <hpdf.h>
#include <qrencode.h>

#include <memory>
#include <vector>

#include "server/pages/page_strings.hpp"

namespace tirage::server {

namespace {

// [SECTION] Document

struct PdfError {
  HPDF_STATUS code = 0, detail = 0;
};

void on_error(HPDF_STATUS code, HPDF_STATUS detail, void* user) {
  auto* e = static_cast<PdfError*>(user);
  if (e->code == 0) *e = {code, detail};
}

constexpr float kWidth = 595.28f, kHeight = 841.89f, kMargin = 50.f;

// [SECTION] Layout

class Cursor {
 public:
  Cursor(HPDF_Doc pdf, HPDF_Font regular, HPDF_Font bold, HPDF_Font mono, const PageStrings& t)
      : pdf_(pdf), regular_(regular), bold_(bold), mono_(mono), t_(t) {
    new_page();
  }

  HPDF_Page page() const { return page_; }
  float y() const { return y_; }
  void move(float dy) { y_ -= dy; }
  void limit_width(float right) { right_ = right; }

  // Writes text wrapped to the column; long unbroken tokens (hex) break anywhere.
  void text(const std::string& s, HPDF_Font font, float size, float indent = 0, float gap = 3) {
    const float width = right_ - kMargin - indent;
    for (const auto& line : wrap(s, font, size, width)) {
      if (y_ - size < kMargin + 20) new_page();
      HPDF_Page_BeginText(page_);
      HPDF_Page_SetFontAndSize(page_, font, size);
      HPDF_Page_TextOut(page_, kMargin + indent, y_ - size, line.c_str());
      HPDF_Page_EndText(page_);
      y_ -= size + gap;
    }
  }
  void label(const std::string& name, const std::string& value, bool mono = false) {
    text(name, bold_, 9.5f, 0, 1);
    text(value, mono ? mono_ : regular_, mono ? 8.5f : 10.5f, 0, 2);
    y_ -= 5;
  }
  void heading(const std::string& s) {
    y_ -= 8;
    text(s, bold_, 13, 0, 4);
  }

 private:
  float width_of(HPDF_Font font, float size, const std::string& s) {
    HPDF_Page_SetFontAndSize(page_, font, size);
    return HPDF_Page_TextWidth(page_, s.c_str());
  }

  std::vector<std::string> wrap(const std::string& s, HPDF_Font font, float size, float width) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t i = 0;
    while (i < s.size()) {
      std::size_t j = s.find(' ', i);
      std::string word = s.substr(i, j == std::string::npos ? std::string::npos : j - i);
      i = j == std::string::npos ? s.size() : j + 1;
      const std::string candidate = line.empty() ? word : line + " " + word;
      if (width_of(font, size, candidate) <= width) {
        line = candidate;
        continue;
      }
      if (!line.empty()) lines.push_back(line);
      line.clear();
      // A word wider than the column (a hash) is cut at character boundaries.
      while (width_of(font, size, word) > width) {
        std::size_t cut = word.size();
        while (cut > 1 && width_of(font, size, word.substr(0, cut)) > width) {
          --cut;
          while (cut > 1 && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
        }
        lines.push_back(word.substr(0, cut));
        word = word.substr(cut);
      }
      line = word;
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
  }

  void new_page() {
    page_ = HPDF_AddPage(pdf_);
    HPDF_Page_SetWidth(page_, kWidth);
    HPDF_Page_SetHeight(page_, kHeight);
    ++pages_;
    HPDF_Page_BeginText(page_);
    HPDF_Page_SetFontAndSize(page_, regular_, 8);
    HPDF_Page_TextOut(page_, kMargin, 28, ("Tirage — " + t_("cert.page", {{"n", std::to_string(pages_)}})).c_str());
    HPDF_Page_EndText(page_);
    y_ = kHeight - kMargin;
    right_ = kWidth - kMargin;
  }

  HPDF_Doc pdf_;
  HPDF_Font regular_, bold_, mono_;
  const PageStrings& t_;
  HPDF_Page page_ = nullptr;
  float y_ = 0, right_ = kWidth - kMargin;
  int pages_ = 0;
};

void draw_qr(HPDF_Page page, const std::string& url, float x, float y, float size) {
  QRcode* qr = QRcode_encodeString(url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!qr) return;
  const float cell = size / static_cast<float>(qr->width);
  HPDF_Page_SetRGBFill(page, 0, 0, 0);
  for (int row = 0; row < qr->width; ++row)
    for (int col = 0; col < qr->width; ++col)
      if (qr->data[row * qr->width + col] & 1)
        HPDF_Page_Rectangle(page, x + col * cell, y + size - (row + 1) * cell, cell, cell);
  HPDF_Page_Fill(page);
  QRcode_free(qr);
}

std::string pick_line(const Json& p) {
  return std::to_string(p["rank"].get<std::uint64_t>()) + ". " + p["entry"]["name"].get<std::string>() + " (" +
         p["entry"]["platform"].get<std::string>() + ")";
}

}  // namespace

// [SECTION] Content

Result<std::string> render_certificate_pdf(const Json& view, const std::string& language, const std::string& verify_url,
                                           const CertificateFonts& fonts) {
  if (view["result"].is_null()) return make_error("not_yet", "the draw has no result yet, so there is no certificate");
  PdfError err;
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, decltype(&HPDF_Free)> doc(HPDF_New(on_error, &err), &HPDF_Free);
  if (!doc) return make_error("internal", "cannot create a PDF document");
  HPDF_Doc pdf = doc.get();
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  auto load = [&](const std::string& path) {
    const char* name = HPDF_LoadTTFontFromFile(pdf, path.c_str(), HPDF_TRUE);
    return name ? HPDF_GetFont(pdf, name, "UTF-8") : nullptr;
  };
  HPDF_Font regular = load(fonts.regular), bold = load(fonts.bold), mono = load(fonts.mono);
  if (!regular || !bold || !mono)
    return make_error("internal", "cannot load the certificate fonts (" + fonts.regular + "); install fonts-dejavu-core");

  const PageStrings t(language);
  const Json& st = view["commitment"]["statement"];
  const Json& r = view["result"]["statement"];
  Cursor cur(pdf, regular, bold, mono, t);

  // Header with the QR code on the right.
  const float qr_size = 110;
  draw_qr(cur.page(), verify_url, kWidth - kMargin - qr_size, kHeight - kMargin - qr_size, qr_size);
  cur.limit_width(kWidth - kMargin - qr_size - 20);
  cur.text("TIRAGE", bold, 10, 0, 6);
  cur.text(t("cert.heading"), regular, 12, 0, 8);
  cur.text(st["title"].get<std::string>(), bold, 20, 0, 6);
  cur.text(t(("status." + view["status"].get<std::string>()).c_str(), {{"draw_at", t.date(view["draw_at"])}}), regular, 10.5f);
  cur.move(6);
  cur.text(t("cert.scan"), bold, 9.5f, 0, 1);
  cur.text(verify_url, mono, 8.5f);
  if (cur.y() > kHeight - kMargin - qr_size - 10) cur.move(cur.y() - (kHeight - kMargin - qr_size - 10));
  cur.limit_width(kWidth - kMargin);
  cur.move(8);

  cur.label(t("label.organizer"), st["organizer"]);
  cur.label(t("label.committed_at"), t.date(st["committed_at"]));
  cur.label(t("label.drawn_at"), t.date(r["drawn_at"]));
  cur.label(t("label.participants"), std::to_string(st["participants_count"].get<std::uint64_t>()));
  cur.label(t("label.root"), st["participants_root"], true);
  const bool local = st["beacon"]["source"] == "local";
  const std::string value = view.contains("beacon_value") ? view["beacon_value"].get<std::string>() : "";
  cur.label(t("label.beacon"), (local ? t("beacon.local") : t("beacon.drand", {{"round", std::to_string(st["beacon"]["round"].get<std::uint64_t>())}})) +
                                   " — " + t("cert.beacon_value", {{"value", value}}));
  cur.label(t("cert.rules"), st["rules"].dump());

  cur.heading(t("heading.winners"));
  std::map<std::uint64_t, std::string> replaced;
  for (const auto& s : view["substitutions"]) {
    const Json& sub = s["statement"];
    const auto rank = sub["alternate_rank"].get<std::uint64_t>();
    replaced[sub["replaced_rank"].get<std::uint64_t>()] +=
        " — " + t("replaced", {{"rank", std::to_string(rank)}, {"reason", sub["reason"].get<std::string>()}});
  }
  for (const auto& w : r["winners"]) cur.text(pick_line(w) + replaced[w["rank"].get<std::uint64_t>()], regular, 11, 8);
  if (!r["alternates"].empty()) {
    cur.heading(t("heading.alternates"));
    for (const auto& a : r["alternates"]) cur.text(pick_line(a), regular, 11, 8);
  }

  cur.heading(t("cert.signatures"));
  cur.label(t("cert.commitment_sig", {{"key", view["commitment"]["key_id"].get<std::string>()}}),
            view["commitment"]["signature"], true);
  cur.label(t("cert.result_sig", {{"key", view["result"]["key_id"].get<std::string>()}}), view["result"]["signature"], true);
  cur.move(6);
  cur.text(t("cert.howto"), regular, 10, 0, 3);

  if (err.code != 0)
    return make_error("internal", "PDF generation failed (libharu error 0x" + std::to_string(err.code) + ")");
  if (HPDF_SaveToStream(pdf) != HPDF_OK) return make_error("internal", "cannot write the PDF");
  std::string out(HPDF_GetStreamSize(pdf), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
  HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
  out.resize(size);
  return out;
}

}  // namespace tirage::server
