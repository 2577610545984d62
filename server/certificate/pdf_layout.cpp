#include "server/certificate/pdf_layout.hpp"

#include <algorithm>
#include <cstdint>

namespace tirage::server {

namespace {

// Decodes the UTF-8 character at s[i]; returns its code point (U+FFFD when
// malformed) and advances i past it.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int extra = 0;
  char32_t cp = 0, min = 0;
  if ((b0 & 0xE0) == 0xC0) extra = 1, cp = b0 & 0x1F, min = 0x80;
  else if ((b0 & 0xF0) == 0xE0) extra = 2, cp = b0 & 0x0F, min = 0x800;
  else if ((b0 & 0xF8) == 0xF0) extra = 3, cp = b0 & 0x07, min = 0x10000;
  else {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k <= extra; ++k) {
    const std::size_t at = i + static_cast<std::size_t>(k);
    if (at >= s.size() || (byte(at) & 0xC0) != 0x80) {  // truncated or interrupted sequence
      i = at;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(at) & 0x3F);
  }
  i += static_cast<std::size_t>(extra) + 1;
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string printable_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t cp = next_code_point(text, i);
    if (cp > 0xFFFF) continue;                                 // libharu 2.3.0 cannot draw these (emoji)
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029) cp = ' ';  // controls, line breaks
    if (cp == 0xFE0F || cp == 0xFE0E || cp == 0x200D) continue;  // emoji variation selectors and joiners
    if (cp == ' ' && (out.empty() || out.back() == ' ')) continue;
    append_utf8(out, cp);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string clip_text(std::string_view text, std::size_t max_chars) {
  std::size_t i = 0, chars = 0;
  while (i < text.size() && chars < max_chars) {
    next_code_point(text, i);
    ++chars;
  }
  if (i >= text.size()) return std::string(text);
  return std::string(text.substr(0, i)) + "\u2026";
}

float text_width(std::string_view text, HPDF_Font font, float size) {
  if (text.empty()) return 0;
  const HPDF_TextWidth w = HPDF_Font_TextWidth(font, reinterpret_cast<const HPDF_BYTE*>(text.data()), static_cast<HPDF_UINT>(text.size()));
  return static_cast<float>(w.width) * size / 1000.f;
}

std::vector<std::string> wrap_text(std::string_view raw, HPDF_Font font, float size, float width) {
  const std::string text = printable_text(raw);
  std::vector<std::string> lines;
  std::string line;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t space = text.find(' ', i);
    std::string word = text.substr(i, space == std::string::npos ? std::string::npos : space - i);
    i = space == std::string::npos ? text.size() : space + 1;
    const std::string candidate = line.empty() ? word : line + " " + word;
    if (text_width(candidate, font, size) <= width) {
      line = candidate;
      continue;
    }
    if (!line.empty()) lines.push_back(line);
    line.clear();
    // A word wider than a line (a long link, a name without spaces) is cut at
    // the last character boundary that fits, found by bisection.
    while (text_width(word, font, size) > width) {
      // No glyph is narrower than a fifth of the size, except marks: bound the search.
      const std::size_t most = 4 * static_cast<std::size_t>(width / (size * 0.2f) + 1);
      std::size_t lo = 1, hi = std::min(word.size(), most);
      while (lo < hi) {
        const std::size_t mid = (lo + hi + 1) / 2;
        if (text_width(std::string_view(word).substr(0, mid), font, size) <= width) lo = mid;
        else hi = mid - 1;
      }
      std::size_t cut = lo;
      while (cut < word.size() && is_continuation(word[cut])) --cut;
      if (cut == 0) {  // not even one character fits: take one anyway
        cut = 1;
        while (cut < word.size() && is_continuation(word[cut])) ++cut;
      }
      lines.push_back(word.substr(0, cut));
      word.erase(0, cut);
    }
    line = word;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

std::vector<std::string> wrap_hex(std::string_view hex, HPDF_Font font, float size, float width) {
  const float digit = std::max(text_width("0", font, size), 0.1f);
  std::size_t per_line = static_cast<std::size_t>(width / digit) / 16 * 16;
  if (per_line == 0) per_line = std::max<std::size_t>(1, static_cast<std::size_t>(width / digit));
  // Even lines: 128 digits in two lines of 64 rather than 96 + 32.
  const std::size_t count = (hex.size() + per_line - 1) / std::max<std::size_t>(per_line, 1);
  if (count > 1) per_line = (hex.size() + count - 1) / count;
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < hex.size(); at += per_line) lines.emplace_back(hex.substr(at, per_line));
  return lines;
}

void draw_text(HPDF_Page page, float x, float y, std::string_view text, const TextStyle& style) {
  const std::string line = printable_text(text);
  if (line.empty()) return;
  HPDF_Page_SetRGBFill(page, style.color.r, style.color.g, style.color.b);
  HPDF_Page_BeginText(page);
  HPDF_Page_SetFontAndSize(page, style.font, style.size);
  HPDF_Page_TextOut(page, x, y, line.c_str());
  HPDF_Page_EndText(page);
}

void draw_rounded_rect(HPDF_Page page, float x, float y, float w, float h, float r, Rgb fill, const Rgb* border) {
  r = std::min({r, w / 2, h / 2});
  const float k = 0.5523f * r;  // Bezier approximation of a quarter circle
  HPDF_Page_SetRGBFill(page, fill.r, fill.g, fill.b);
  if (border) {
    HPDF_Page_SetRGBStroke(page, border->r, border->g, border->b);
    HPDF_Page_SetLineWidth(page, 0.8f);
  }
  HPDF_Page_MoveTo(page, x + r, y);
  HPDF_Page_LineTo(page, x + w - r, y);
  HPDF_Page_CurveTo(page, x + w - r + k, y, x + w, y + r - k, x + w, y + r);
  HPDF_Page_LineTo(page, x + w, y + h - r);
  HPDF_Page_CurveTo(page, x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h);
  HPDF_Page_LineTo(page, x + r, y + h);
  HPDF_Page_CurveTo(page, x + r - k, y + h, x, y + h - r + k, x, y + h - r);
  HPDF_Page_LineTo(page, x, y + r);
  HPDF_Page_CurveTo(page, x, y + r - k, x + r - k, y, x + r, y);
  HPDF_Page_ClosePath(page);
  if (border) HPDF_Page_FillStroke(page);
  else HPDF_Page_Fill(page);
}

void draw_rule(HPDF_Page page, float x0, float x1, float y, Rgb color, float width) {
  HPDF_Page_SetRGBStroke(page, color.r, color.g, color.b);
  HPDF_Page_SetLineWidth(page, width);
  HPDF_Page_MoveTo(page, x0, y);
  HPDF_Page_LineTo(page, x1, y);
  HPDF_Page_Stroke(page);
}

PageFlow::PageFlow(HPDF_Doc doc, PageBox box) : doc_(doc), box_(box) { new_page(); }

void PageFlow::new_page() {
  HPDF_Page page = HPDF_AddPage(doc_);
  HPDF_Page_SetWidth(page, box_.width);
  HPDF_Page_SetHeight(page, box_.height);
  pages_.push_back(page);
  y_ = box_.height - box_.top;
}

void PageFlow::need(float height) {
  if (y_ - height < box_.bottom) new_page();
}

void PageFlow::lines(const std::vector<std::string>& lines, const TextStyle& style, float x) {
  for (const auto& line : lines) {
    need(style.line_height());
    // Baseline at about 80% of the line below the top: the font's ascent.
    draw_text(page(), x, y_ - style.size * 0.93f, line, style);
    y_ -= style.line_height();
  }
}

void PageFlow::paragraph(std::string_view text, const TextStyle& style, float indent, float max_width) {
  const float w = max_width > 0 ? max_width : width() - indent;
  lines(wrap_text(text, style.font, style.size, w), style, x() + indent);
}

void PageFlow::hex(std::string_view hex, const TextStyle& style, float indent) {
  lines(wrap_hex(hex, style.font, style.size, width() - indent), style, x() + indent);
}

}  // namespace tirage::server
