// The certificate's layout, top to bottom. Index of this file:
//   [SECTION] Palette and styles
//   [SECTION] Building blocks   section headings, label + value, warning boxes
//   [SECTION] Page one          header, title, key facts, the verify panel with the QR code
//   [SECTION] Winners           winners and alternates, with substitutions
//   [SECTION] Related draws     the organizer's other draws of the same list, post or giveaway
//   [SECTION] Evidence          the list, the random value, the rules, the signatures, how to check
//   [SECTION] Footers           ids and "page n of m" on every page
//   [SECTION] Entry point
#include "server/certificate/certificate_pdf.hpp"

#include <algorithm>
#include <map>

#include "server/certificate/certificate_text.hpp"
#include "server/certificate/pdf_document.hpp"
#include "server/certificate/pdf_layout.hpp"
#include "server/certificate/qr_code.hpp"

namespace tirage::server {

namespace {

// [SECTION] Palette and styles

constexpr Rgb kInk{0.11f, 0.13f, 0.18f};
constexpr Rgb kMuted{0.40f, 0.43f, 0.50f};
constexpr Rgb kAccent{0.09f, 0.23f, 0.46f};
constexpr Rgb kRule{0.82f, 0.85f, 0.90f};
constexpr Rgb kPanel{0.955f, 0.965f, 0.985f};
constexpr Rgb kWhite{1, 1, 1};
constexpr Rgb kWarnFill{1.0f, 0.95f, 0.86f};
constexpr Rgb kWarnBorder{0.86f, 0.55f, 0.12f};
constexpr Rgb kWarnInk{0.42f, 0.23f, 0.02f};
constexpr Rgb kReplaced{0.62f, 0.64f, 0.68f};
constexpr Rgb kGood{0.08f, 0.42f, 0.24f};

struct Fonts {
  HPDF_Font regular, bold, mono;
};

struct Styles {
  explicit Styles(const Fonts& f)
      : brand{f.bold, 11, kAccent},
        kind{f.regular, 10, kMuted},
        title{f.bold, 24, kInk, 1.22f},
        subtitle{f.regular, 11.5f, kMuted},
        heading{f.bold, 13.5f, kAccent},
        body{f.regular, 10.5f, kInk, 1.4f},
        note{f.regular, 9.5f, kMuted, 1.4f},
        label{f.regular, 8.5f, kMuted},
        value{f.regular, 11, kInk},
        strong{f.bold, 12, kInk},
        name{f.bold, 11, kInk},
        platform{f.regular, 9.5f, kMuted},
        mono{f.mono, 9, kInk, 1.45f},
        mono_small{f.mono, 8.2f, kInk, 1.45f},
        link{f.mono, 9.5f, kAccent},
        scan{f.bold, 13, kAccent},
        warn_title{f.bold, 10.5f, kWarnInk, 1.35f},
        warn_body{f.regular, 9.5f, kWarnInk, 1.4f},
        footer{f.regular, 7.8f, kMuted} {}

  TextStyle brand, kind, title, subtitle, heading, body, note, label, value, strong, name, platform, mono, mono_small, link, scan,
      warn_title, warn_body, footer;
};

// Everything a section needs.
struct Canvas {
  const CertificateData& data;
  const CertificateText& t;
  const Styles& s;
  PageFlow& flow;
};

TextStyle with_color(TextStyle style, Rgb color) {
  style.color = color;
  return style;
}

// [SECTION] Building blocks

float section_heading_height(const Canvas& c) { return 14 + c.s.heading.line_height() + 7; }

float text_height(const Canvas& c, const std::string& text, const TextStyle& style, float indent = 0) {
  return static_cast<float>(wrap_text(text, style.font, style.size, c.flow.width() - indent).size()) * style.line_height();
}

float labelled_hex_height(const Canvas& c, const std::string& label, const std::string& hex, const TextStyle& style) {
  return text_height(c, label, c.s.label) + 1 +
         static_cast<float>(wrap_hex(hex, style.font, style.size, c.flow.width()).size()) * style.line_height() + 6;
}

// Starts a new page unless a block of this height fits below; blocks taller than a page just flow.
void keep_together(Canvas& c, float height) {
  const PageBox& box = c.flow.box();
  if (height <= box.height - box.top - box.bottom) c.flow.need(height);
}

void section_heading(Canvas& c, const std::string& text) {
  if (!c.flow.at_page_top()) c.flow.skip(14);
  c.flow.need(c.s.heading.line_height() + 60);  // never a heading alone at the foot of a page
  c.flow.paragraph(text, c.s.heading);
  draw_rule(c.flow.page(), c.flow.x(), c.flow.x() + c.flow.width(), c.flow.y() + 1, kRule);
  c.flow.skip(7);
}

// A small grey label over a hex value in even lines.
void labelled_hex(Canvas& c, const std::string& label, const std::string& hex, const TextStyle& style) {
  c.flow.need(c.s.label.line_height() + style.line_height());
  c.flow.paragraph(label, c.s.label);
  c.flow.skip(1);
  c.flow.hex(hex, style);
  c.flow.skip(6);
}

// An amber box with an optional bold title: the local beacon's warning.
struct WarningBox {
  static constexpr float pad = 10, mark = 22;
  std::vector<std::string> title_lines, body_lines;
  float height = 0;
};

WarningBox warning_lines(const Canvas& c, const std::string& title, const std::string& body) {
  WarningBox w;
  const float inner = c.flow.width() - 2 * WarningBox::pad - WarningBox::mark;
  if (!title.empty()) w.title_lines = wrap_text(title, c.s.warn_title.font, c.s.warn_title.size, inner);
  w.body_lines = wrap_text(body, c.s.warn_body.font, c.s.warn_body.size, inner);
  w.height = 2 * WarningBox::pad + static_cast<float>(w.title_lines.size()) * c.s.warn_title.line_height() +
             static_cast<float>(w.body_lines.size()) * c.s.warn_body.line_height() - 3;
  return w;
}

void warning_box(Canvas& c, const std::string& title, const std::string& body) {
  const WarningBox w = warning_lines(c, title, body);
  const float pad = WarningBox::pad, mark = WarningBox::mark, h = w.height;
  const auto& title_lines = w.title_lines;
  const auto& body_lines = w.body_lines;
  c.flow.need(h);
  HPDF_Page page = c.flow.page();
  const float top = c.flow.y(), x = c.flow.x();
  draw_rounded_rect(page, x, top - h, c.flow.width(), h, 5, kWarnFill, &kWarnBorder);
  // An exclamation mark in a disc, on the left.
  HPDF_Page_SetRGBFill(page, kWarnBorder.r, kWarnBorder.g, kWarnBorder.b);
  HPDF_Page_Circle(page, x + pad + 7, top - pad - 7, 7);
  HPDF_Page_Fill(page);
  const TextStyle mark_style = with_color(c.s.warn_title, kWhite);
  draw_text(page, x + pad + 7 - text_width("!", mark_style.font, mark_style.size) / 2, top - pad - 10.8f, "!", mark_style);
  float y = top - pad;
  for (const auto& line : title_lines) {
    draw_text(page, x + pad + mark, y - c.s.warn_title.size * 0.93f, line, c.s.warn_title);
    y -= c.s.warn_title.line_height();
  }
  for (const auto& line : body_lines) {
    draw_text(page, x + pad + mark, y - c.s.warn_body.size * 0.93f, line, c.s.warn_body);
    y -= c.s.warn_body.line_height();
  }
  c.flow.skip(h + 10);
}

// [SECTION] Page one

void header(Canvas& c) {
  HPDF_Page page = c.flow.page();
  const PageBox& box = c.flow.box();
  HPDF_Page_SetRGBFill(page, kAccent.r, kAccent.g, kAccent.b);
  HPDF_Page_Rectangle(page, 0, box.height - 9, box.width, 9);
  HPDF_Page_Fill(page);
  const float baseline = c.flow.y() - 10;
  HPDF_Page_SetCharSpace(page, 2.2f);
  draw_text(page, c.flow.x(), baseline, c.t.get("brand"), c.s.brand);
  HPDF_Page_SetCharSpace(page, 0);
  const std::string kind = c.t.get("header.kind");
  draw_text(page, c.flow.x() + c.flow.width() - text_width(kind, c.s.kind.font, c.s.kind.size), baseline, kind, c.s.kind);
  draw_rule(page, c.flow.x(), c.flow.x() + c.flow.width(), baseline - 9, kRule);
  c.flow.skip(40);
  // Long titles get smaller type, so the facts and the QR code stay on page one.
  TextStyle title = c.s.title;
  for (const float size : {24.f, 18.f, 14.f, 11.f}) {
    title.size = size;
    if (wrap_text(c.data.title, title.font, size, c.flow.width()).size() * size <= 90) break;
  }
  c.flow.paragraph(c.data.title, title);
  c.flow.skip(3);
  c.flow.paragraph(c.t.get("title.organizer", {{"organizer", c.data.organizer}}), c.s.subtitle);
  c.flow.skip(16);
  if (c.data.beacon.is_weak_local()) warning_box(c, "", c.t.get("warning.local_short"));
}

struct Fact {
  std::string label, value;
};

// Two facts side by side.
void fact_row(Canvas& c, const Fact& left, const Fact& right) {
  const float gutter = 24, column = (c.flow.width() - gutter) / 2;
  const auto lines_of = [&](const Fact& f) { return wrap_text(f.value, c.s.value.font, c.s.value.size, column); };
  const auto l = lines_of(left), r = lines_of(right);
  const float h = c.s.label.line_height() + 2 + static_cast<float>(std::max(l.size(), r.size())) * c.s.value.line_height();
  c.flow.need(h);
  const float top = c.flow.y();
  for (const auto& [fact, lines, x] : {std::tuple{&left, &l, c.flow.x()}, std::tuple{&right, &r, c.flow.x() + column + gutter}}) {
    draw_text(c.flow.page(), x, top - c.s.label.size * 0.93f, fact->label, c.s.label);
    float y = top - c.s.label.line_height() - 2;
    for (const auto& line : *lines) {
      draw_text(c.flow.page(), x, y - c.s.value.size * 0.93f, line, c.s.value);
      y -= c.s.value.line_height();
    }
  }
  c.flow.skip(h + 10);
}

void facts(Canvas& c, const std::string& committed_at, const std::string& drawn_at) {
  const auto& b = c.data.beacon;
  const std::string beacon = b.is_weak_local() ? c.t.get("facts.beacon_local")
                                                : c.t.get("facts.beacon_drand", {{"round", b.round ? std::to_string(*b.round) : "?"}});
  fact_row(c, {c.t.get("label.committed_at"), committed_at}, {c.t.get("label.drawn_at"), drawn_at});
  fact_row(c, {c.t.get("label.participants"), c.t.number(c.data.participants_count)}, {c.t.get("label.beacon"), beacon});
}

// The link as people type it: without "https://".
std::string short_link(const std::string& url) {
  constexpr std::string_view https = "https://";
  return url.starts_with(https) ? url.substr(https.size()) : url;
}

// The QR code (with its quiet zone of 4 modules) as a size x size square at (x, y).
void draw_qr(HPDF_Page page, const QrCode& qr, float x, float y, float size) {
  const float module = size / static_cast<float>(qr.size + 8);
  HPDF_Page_SetRGBFill(page, 1, 1, 1);
  HPDF_Page_Rectangle(page, x, y, size, size);
  HPDF_Page_Fill(page);
  HPDF_Page_SetRGBFill(page, 0, 0, 0);
  for (int row = 0; row < qr.size; ++row) {
    for (int col = 0; col < qr.size;) {  // one rectangle per run of dark modules
      if (!qr.at(row, col)) {
        ++col;
        continue;
      }
      int end = col;
      while (end < qr.size && qr.at(row, end)) ++end;
      HPDF_Page_Rectangle(page, x + static_cast<float>(4 + col) * module, y + size - static_cast<float>(4 + row + 1) * module,
                          static_cast<float>(end - col) * module, module);
      col = end;
    }
  }
  HPDF_Page_Fill(page);
}

// The QR code with the short link beside it.
void verify_panel(Canvas& c, const QrCode& qr) {
  const float pad = 12, qr_size = 118, gap = 18;
  const float text_x = c.flow.x() + pad + qr_size + gap, text_w = c.flow.width() - pad - qr_size - gap - pad;
  struct Block {
    std::vector<std::string> lines;
    const TextStyle* style;
    float after;
  };
  const auto block = [&](const std::string& text, const TextStyle& style, float after) {
    return Block{wrap_text(text, style.font, style.size, text_w), &style, after};
  };
  const Block blocks[] = {block(c.t.get("verify.scan"), c.s.scan, 6), block(c.t.get("verify.or_open"), c.s.note, 1),
                          block(short_link(c.data.verify_url), c.s.link, 8), block(c.t.get("verify.hint"), c.s.note, 0)};
  float text_h = 0;
  for (const auto& b : blocks) text_h += static_cast<float>(b.lines.size()) * b.style->line_height() + b.after;
  const float h = std::max(qr_size, text_h) + 2 * pad;
  c.flow.need(h);
  HPDF_Page page = c.flow.page();
  const float top = c.flow.y();
  draw_rounded_rect(page, c.flow.x(), top - h, c.flow.width(), h, 6, kPanel, &kRule);
  draw_qr(page, qr, c.flow.x() + pad, top - pad - qr_size, qr_size);
  float y = top - (h - text_h) / 2;
  for (const auto& b : blocks) {
    for (const auto& line : b.lines) {
      draw_text(page, text_x, y - b.style->size * 0.93f, line, *b.style);
      y -= b.style->line_height();
    }
    y -= b.after;
  }
  c.flow.skip(h + 4);
}

// [SECTION] Winners

struct PickNote {
  std::string text;
  Rgb color;
};

// One numbered row: rank in a disc, name, platform on the right, an optional note below.
void pick_row(Canvas& c, const CertificatePick& pick, const PickNote* note, bool replaced) {
  const float indent = 30, platform_w = 90;
  const std::string platform = c.t.platform(pick.platform);
  const TextStyle name_style = replaced ? with_color(c.s.name, kReplaced) : c.s.name;
  const TextStyle note_style = note ? with_color(c.s.note, note->color) : c.s.note;
  const auto name_lines = wrap_text(pick.name, name_style.font, name_style.size, c.flow.width() - indent - platform_w);
  const auto note_lines = note ? wrap_text(note->text, note_style.font, note_style.size, c.flow.width() - indent) : std::vector<std::string>{};
  const float content = static_cast<float>(name_lines.size()) * name_style.line_height() +
                        static_cast<float>(note_lines.size()) * note_style.line_height();
  const float h = std::max(content, 19.f) + 9;
  c.flow.need(h);
  HPDF_Page page = c.flow.page();
  const float top = c.flow.y() - 4, x = c.flow.x();
  // The rank in a disc.
  const Rgb disc = replaced ? kReplaced : kAccent;
  HPDF_Page_SetRGBFill(page, disc.r, disc.g, disc.b);
  HPDF_Page_Circle(page, x + 10, top - 7.5f, 9.5f);
  HPDF_Page_Fill(page);
  const std::string rank = std::to_string(pick.rank);
  TextStyle rank_style = with_color(c.s.name, kWhite);
  rank_style.size = rank.size() > 2 ? 7 : 8.5f;
  draw_text(page, x + 10 - text_width(rank, rank_style.font, rank_style.size) / 2, top - 7.5f - rank_style.size * 0.36f, rank, rank_style);
  // Name, platform, note.
  float y = top;
  for (const auto& line : name_lines) {
    draw_text(page, x + indent, y - name_style.size * 0.93f, line, name_style);
    y -= name_style.line_height();
  }
  draw_text(page, x + c.flow.width() - text_width(platform, c.s.platform.font, c.s.platform.size), top - name_style.size * 0.93f,
            platform, c.s.platform);
  for (const auto& line : note_lines) {
    draw_text(page, x + indent, y - note_style.size * 0.93f, line, note_style);
    y -= note_style.line_height();
  }
  draw_rule(page, x + indent, x + c.flow.width(), c.flow.y() - h + 0.5f, kRule, 0.4f);
  c.flow.skip(h);
}

void picks(Canvas& c, const std::string& heading_key, const std::string& intro_key, const std::vector<CertificatePick>& list,
           const std::map<std::uint64_t, PickNote>& notes, bool notes_mean_replaced) {
  if (list.empty()) return;
  section_heading(c, c.t.plural(heading_key, list.size()));
  c.flow.paragraph(c.t.plural(intro_key, list.size()), c.s.note);
  c.flow.skip(4);
  for (const auto& p : list) {
    auto it = notes.find(p.rank);
    pick_row(c, p, it == notes.end() ? nullptr : &it->second, notes_mean_replaced && it != notes.end());
  }
}

Status winners_and_alternates(Canvas& c) {
  std::map<std::uint64_t, PickNote> replaced, promoted;
  for (const auto& s : c.data.substitutions) {
    TextVars vars{{"alternate", std::to_string(s.alternate_rank)}, {"reason", s.reason}};
    std::string text;
    if (s.substituted_at.empty()) {
      text = c.t.get("pick.replaced", vars);
    } else {
      auto date = c.t.date(s.substituted_at);
      if (!date) return date.error();
      vars["date"] = *date;
      text = c.t.get("pick.replaced_on", vars);
    }
    replaced[s.replaced_rank] = {text, kWarnInk};
    promoted[s.alternate_rank] = {c.t.get("pick.promoted", {{"rank", std::to_string(s.replaced_rank)}}), kGood};
  }
  picks(c, "winners.heading", "winners.intro", c.data.winners, replaced, true);
  picks(c, "alternates.heading", "alternates.intro", c.data.alternates, promoted, false);
  return {};
}

// [SECTION] Related draws

std::string positions(const std::vector<std::uint64_t>& indices) {
  std::string out;
  for (auto i : indices) out += (out.empty() ? "" : ", ") + std::to_string(i + 1);
  return out;
}

// One related draw: its title and id, when it was committed and why it is listed, then what became of it.
Status related_row(Canvas& c, const CertificateRelated& r) {
  auto committed = c.t.date(r.committed_at);
  if (!committed) return committed.error();
  std::string deadline;
  if (!r.publish_by.empty()) {
    auto d = c.t.date(r.publish_by);
    if (!d) return d.error();
    deadline = *d;
  }
  std::string reasons;
  for (const auto& reason : r.reasons) reasons += (reasons.empty() ? "" : ", ") + c.t.get("related.reason." + reason);
  const std::string head = c.t.get("related.title", {{"title", r.title}, {"draw", r.draw_id}});
  const std::string facts = c.t.get("related.facts", {{"date", *committed}, {"reasons", reasons}});
  std::string outcome = r.status == "published" ? c.t.get("related.published")
                        : r.status == "abandoned" ? c.t.get("related.abandoned", {{"date", deadline}})
                        : deadline.empty()        ? c.t.get("related.waiting_no_deadline")
                                                  : c.t.get("related.waiting", {{"date", deadline}});
  if (r.status == "abandoned" && !r.winners.empty()) {
    outcome += " " + c.t.get("related.drew", {{"winners", positions(r.winners)}});
    if (!r.alternates.empty()) outcome += " " + c.t.get("related.drew_alternates", {{"alternates", positions(r.alternates)}});
  }
  const Rgb color = r.status == "abandoned" ? kWarnInk : r.status == "published" ? kGood : kMuted;
  const TextStyle outcome_style = with_color(c.s.body, color);
  keep_together(c, text_height(c, head, c.s.name) + text_height(c, facts, c.s.note) + text_height(c, outcome, outcome_style) + 8);
  c.flow.paragraph(head, c.s.name);
  c.flow.paragraph(facts, c.s.note);
  c.flow.paragraph(outcome, outcome_style);
  c.flow.skip(8);
  return {};
}

// With none, the list section says so in a line instead (a certificate stays two pages).
Status related_draws(Canvas& c) {
  if (c.data.related.empty()) return {};
  const std::string intro = c.t.get("related.intro");
  keep_together(c, section_heading_height(c) + text_height(c, intro, c.s.note) + 40);
  section_heading(c, c.t.get("related.heading"));
  c.flow.paragraph(intro, c.s.note);
  c.flow.skip(6);
  for (const auto& r : c.data.related) TIRAGE_TRY(related_row(c, r));
  if (c.data.related_truncated) c.flow.paragraph(c.t.get("related.more"), c.s.note);
  return {};
}

// [SECTION] Evidence

void participant_list(Canvas& c) {
  const std::string count = c.t.plural("list.count", c.data.participants_count), root = c.t.get("list.root"), note = c.t.get("list.note");
  const std::string alone = c.data.related.empty() ? c.t.get("related.none") : "";  // else the section above lists them
  keep_together(c, section_heading_height(c) + text_height(c, count, c.s.strong) + 4 +
                       labelled_hex_height(c, root, c.data.participants_root, c.s.mono) + text_height(c, note, c.s.note) +
                       (alone.empty() ? 0 : 4 + text_height(c, alone, c.s.note)));
  section_heading(c, c.t.get("list.heading"));
  c.flow.paragraph(count, c.s.strong);
  c.flow.skip(4);
  labelled_hex(c, root, c.data.participants_root, c.s.mono);
  c.flow.paragraph(note, c.s.note);
  if (!alone.empty()) {
    c.flow.skip(4);
    c.flow.paragraph(alone, c.s.note);
  }
}

void random_value(Canvas& c) {
  const auto& b = c.data.beacon;
  const std::string round = b.round ? std::to_string(*b.round) : "?";
  float h = section_heading_height(c) + labelled_hex_height(c, c.t.get("beacon.value"), b.value, c.s.mono);
  if (b.is_weak_local()) {
    h += warning_lines(c, c.t.get("beacon.local_title"), c.t.get("beacon.local")).height + 10 + labelled_hex_height(c, c.t.get("beacon.commit"), b.commit, c.s.mono);
  } else {
    h += text_height(c, c.t.get("beacon.drand", {{"round", round}}), c.s.body) + text_height(c, c.t.get("beacon.drand_note"), c.s.note) +
         6 + labelled_hex_height(c, c.t.get("beacon.chain"), b.chain_hash, c.s.mono);
  }
  keep_together(c, h);
  section_heading(c, c.t.get("beacon.heading"));
  if (b.is_weak_local()) {
    warning_box(c, c.t.get("beacon.local_title"), c.t.get("beacon.local"));
    if (!b.commit.empty()) labelled_hex(c, c.t.get("beacon.commit"), b.commit, c.s.mono);
  } else {
    c.flow.paragraph(c.t.get("beacon.drand", {{"round", round}}), c.s.body);
    c.flow.paragraph(c.t.get("beacon.drand_note"), c.s.note);
    c.flow.skip(6);
    if (!b.chain_hash.empty()) labelled_hex(c, c.t.get("beacon.chain"), b.chain_hash, c.s.mono);
  }
  labelled_hex(c, c.t.get("beacon.value"), b.value, c.s.mono);
}

void rules(Canvas& c) {
  section_heading(c, c.t.get("rules.heading"));
  if (c.data.rules.empty()) return c.flow.paragraph(c.t.get("rules.none"), c.s.note);
  const float key_w = 150, gap = 12, value_w = c.flow.width() - key_w - gap;
  for (const auto& [key, value] : c.data.rules) {
    const auto k = wrap_text(key, c.s.platform.font, c.s.platform.size, key_w);
    const auto v = wrap_text(value, c.s.body.font, c.s.body.size, value_w);
    const float h = std::max(static_cast<float>(k.size()) * c.s.platform.line_height(), static_cast<float>(v.size()) * c.s.body.line_height());
    c.flow.need(h);
    float y = c.flow.y();
    for (const auto& line : k) {
      draw_text(c.flow.page(), c.flow.x(), y - c.s.body.size * 0.93f, line, c.s.platform);
      y -= c.s.platform.line_height();
    }
    y = c.flow.y();
    for (const auto& line : v) {
      draw_text(c.flow.page(), c.flow.x() + key_w + gap, y - c.s.body.size * 0.93f, line, c.s.body);
      y -= c.s.body.line_height();
    }
    c.flow.skip(h + 3);
  }
}

void signatures(Canvas& c) {
  const auto& commitment = c.data.commitment_signature;
  const auto& result = c.data.result_signature;
  const std::string commitment_label = c.t.get("signatures.commitment", {{"key", commitment.key_id}});
  const std::string result_label = c.t.get("signatures.result", {{"key", result.key_id}});
  const std::string note = c.t.get("signatures.note");
  keep_together(c, section_heading_height(c) + labelled_hex_height(c, commitment_label, commitment.signature, c.s.mono_small) +
                       labelled_hex_height(c, result_label, result.signature, c.s.mono_small) + text_height(c, note, c.s.note));
  section_heading(c, c.t.get("signatures.heading"));
  labelled_hex(c, commitment_label, commitment.signature, c.s.mono_small);
  labelled_hex(c, result_label, result.signature, c.s.mono_small);
  c.flow.paragraph(note, c.s.note);
}

// The plain-language paragraph, in a panel when it fits on one page.
void how_to_check(Canvas& c) {
  const float pad = 12;
  const auto lines = wrap_text(c.t.get("howto.text"), c.s.body.font, c.s.body.size, c.flow.width() - 2 * pad);
  const float h = static_cast<float>(lines.size()) * c.s.body.line_height() + 2 * pad - 3;
  const PageBox& box = c.flow.box();
  keep_together(c, section_heading_height(c) + h);
  section_heading(c, c.t.get("howto.heading"));
  if (h > box.height - box.top - box.bottom) return c.flow.paragraph(c.t.get("howto.text"), c.s.body);
  c.flow.need(h);
  draw_rounded_rect(c.flow.page(), c.flow.x(), c.flow.y() - h, c.flow.width(), h, 6, kPanel, &kRule);
  float y = c.flow.y() - pad;
  for (const auto& line : lines) {
    draw_text(c.flow.page(), c.flow.x() + pad, y - c.s.body.size * 0.93f, line, c.s.body);
    y -= c.s.body.line_height();
  }
  c.flow.skip(h);
}

// [SECTION] Footers

void footers(Canvas& c) {
  const auto& pages = c.flow.pages();
  const PageBox& box = c.flow.box();
  const std::string ids = c.t.get("footer.ids", {{"draw", c.data.draw_id}, {"giveaway", c.data.giveaway_id}});
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const std::string n =
        c.t.get("footer.page", {{"n", c.t.number(i + 1)}, {"total", c.t.number(pages.size())}});
    const float x0 = box.left, x1 = box.width - box.right;
    draw_rule(pages[i], x0, x1, 46, kRule, 0.5f);
    draw_text(pages[i], x0, 34, ids, c.s.footer);
    draw_text(pages[i], x1 - text_width(n, c.s.footer.font, c.s.footer.size), 34, n, c.s.footer);
    if (c.data.beacon.is_weak_local()) draw_text(pages[i], x0, 23, c.t.get("footer.local"), with_color(c.s.footer, kWarnInk));
  }
}

// What organizers type is printed up to these lengths (in characters), so a
// public certificate stays a few pages long whatever was submitted; the
// bundle keeps every byte.
constexpr std::size_t kMaxTitle = 400, kMaxName = 120, kMaxOrganizer = 200, kMaxReason = 400, kMaxRuleKey = 100,
                      kMaxRuleValue = 200, kMaxRules = 30, kMaxRelated = 20, kMaxRelatedTitle = 200, kMaxPositions = 50;

CertificateData within_print_limits(CertificateData d) {
  d.title = clip_text(d.title, kMaxTitle);
  d.organizer = clip_text(d.organizer, kMaxOrganizer);
  for (auto* list : {&d.winners, &d.alternates})
    for (auto& p : *list) p.name = clip_text(p.name, kMaxName);
  for (auto& s : d.substitutions) s.reason = clip_text(s.reason, kMaxReason);
  if (d.related.size() > kMaxRelated) {
    d.related.resize(kMaxRelated);
    d.related_truncated = true;  // the rest are on the verify page
  }
  for (auto& r : d.related) {
    r.title = clip_text(r.title, kMaxRelatedTitle);
    if (r.winners.size() > kMaxPositions) r.winners.resize(kMaxPositions);
    if (r.alternates.size() > kMaxPositions) r.alternates.resize(kMaxPositions);
  }
  if (d.rules.size() > kMaxRules) {
    d.rules.resize(kMaxRules);
    d.rules.emplace_back("\u2026", "");
  }
  for (auto& [key, value] : d.rules) {
    key = clip_text(key, kMaxRuleKey);
    value = clip_text(value, kMaxRuleValue);
  }
  return d;
}

}  // namespace

// [SECTION] Entry point

Result<std::string> render_certificate_pdf(const CertificateData& submitted, std::string_view lang, const CertificateAssets& assets) {
  const CertificateData data = within_print_limits(submitted);
  const CertificateText t(lang);
  auto committed_at = t.date(data.committed_at);
  if (!committed_at) return committed_at.error();
  auto drawn_at = t.date(data.drawn_at);
  if (!drawn_at) return drawn_at.error();
  auto qr = encode_qr(data.verify_url);
  if (!qr) return qr.error();

  PdfDocument doc;
  TIRAGE_TRY(doc.status("starting the certificate"));
  Fonts fonts{};
  TIRAGE_TRY_ASSIGN(fonts.regular, doc.load_font(assets.regular_font));
  TIRAGE_TRY_ASSIGN(fonts.bold, doc.load_font(assets.bold_font));
  TIRAGE_TRY_ASSIGN(fonts.mono, doc.load_font(assets.mono_font));
  doc.set_info(printable_text(t.get("document.title", {{"title", data.title}})), t.get("document.creator"));

  const Styles styles(fonts);
  PageFlow flow(doc.get(), PageBox{});
  Canvas c{data, t, styles, flow};
  header(c);
  facts(c, *committed_at, *drawn_at);
  verify_panel(c, *qr);
  TIRAGE_TRY(winners_and_alternates(c));
  TIRAGE_TRY(related_draws(c));
  participant_list(c);
  random_value(c);
  rules(c);
  signatures(c);
  how_to_check(c);
  footers(c);
  return doc.bytes();
}

}  // namespace tirage::server
