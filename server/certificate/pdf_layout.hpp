// Text and shapes on A4 pages with libharu: measuring and wrapping UTF-8 text,
// and a flow that moves down the page and starts a new one when it is full.
// Coordinates are PDF points from the bottom-left corner.
#pragma once

#include <hpdf.h>

#include <string>
#include <string_view>
#include <vector>

namespace tirage::server {

struct Rgb {
  float r = 0, g = 0, b = 0;
};

struct TextStyle {
  HPDF_Font font = nullptr;
  float size = 10;
  Rgb color;
  float leading = 1.3f;  // line height as a multiple of size

  float line_height() const { return size * leading; }
};

// Text libharu 2.3.0 can draw: invalid UTF-8 becomes U+FFFD, characters
// outside the Basic Multilingual Plane (emoji) are dropped, control characters
// become spaces, and runs of spaces are collapsed and trimmed.
std::string printable_text(std::string_view text);

// text cut to at most max_chars characters, with "…" at the end when cut.
std::string clip_text(std::string_view text, std::size_t max_chars);

// Width of text in points.
float text_width(std::string_view text, HPDF_Font font, float size);

// text cut into lines no wider than width: at spaces, and inside words (UTF-8
// character boundaries) that are wider than a line on their own.
std::vector<std::string> wrap_text(std::string_view text, HPDF_Font font, float size, float width);

// Hex cut into lines of equal length, a multiple of 16 digits, no wider than width.
std::vector<std::string> wrap_hex(std::string_view hex, HPDF_Font font, float size, float width);

// Draws one line with its baseline at y.
void draw_text(HPDF_Page page, float x, float y, std::string_view text, const TextStyle& style);

// Fills (and strokes, when border is set) a rectangle with rounded corners.
void draw_rounded_rect(HPDF_Page page, float x, float y, float w, float h, float radius, Rgb fill, const Rgb* border = nullptr);

// Draws a horizontal rule from x0 to x1 at y.
void draw_rule(HPDF_Page page, float x0, float x1, float y, Rgb color, float width = 0.6f);

struct PageBox {
  float width = 595.28f, height = 841.89f;  // A4
  float left = 50, right = 50, top = 50, bottom = 64;
};

// A cursor that walks down the pages of a document.
class PageFlow {
 public:
  // Starts the first page.
  PageFlow(HPDF_Doc doc, PageBox box);

  HPDF_Page page() const { return pages_.back(); }
  const std::vector<HPDF_Page>& pages() const { return pages_; }
  const PageBox& box() const { return box_; }
  float x() const { return box_.left; }
  float width() const { return box_.width - box_.left - box_.right; }
  float y() const { return y_; }  // top of the free space
  bool at_page_top() const { return y_ >= box_.height - box_.top; }

  // Makes sure height points are free below the cursor, starting a new page if not.
  void need(float height);
  // Moves the cursor down.
  void skip(float dy) { y_ -= dy; }
  // Starts a new page.
  void new_page();

  // Wrapped text from x() + indent, width() - indent wide (or max_width), lines never split across pages.
  void paragraph(std::string_view text, const TextStyle& style, float indent = 0, float max_width = 0);
  // Hex in even lines (wrap_hex).
  void hex(std::string_view hex, const TextStyle& style, float indent = 0);

 private:
  void lines(const std::vector<std::string>& lines, const TextStyle& style, float x);

  HPDF_Doc doc_;
  PageBox box_;
  std::vector<HPDF_Page> pages_;
  float y_ = 0;
};

}  // namespace tirage::server
