// [SECTION] index: helpers · package parts (rels, workbook) · shared strings
// and styles · the sheet's cells · public functions.
#include "shared/import/xlsx_reader.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>

#include "shared/import/header_detect.hpp"
#include "shared/import/import_time.hpp"
#include "shared/import/text_encoding.hpp"

namespace tirage {

namespace {

// [SECTION] helpers ---------------------------------------------------------

constexpr std::size_t kMaxColumns = 16384;   // XFD, Excel's last column
constexpr std::size_t kMaxSheetRow = 1048576;

Error part_error(std::string_view part, const std::string& what) {
  return make_error("bad_xlsx", std::string(part) + ": " + what);
}

// "xl/worksheets/sheet1.xml, cell C12: ..." : the part, then where in it.
Error located_error(std::string_view part, const std::string& where, const std::string& what) {
  return make_error("bad_xlsx", std::string(part) + ", " + where + ": " + what);
}

// Element and attribute names without their namespace prefix ("x:row" is "row").
std::string_view local(const char* name) {
  std::string_view n(name);
  const auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node node, std::string_view name) {
  for (auto c : node.children())
    if (c.type() == pugi::node_element && local(c.name()) == name) return c;
  return {};
}

// The attribute with this local name whatever its prefix ("r:id").
pugi::xml_attribute attr(pugi::xml_node node, std::string_view name) {
  for (auto a : node.attributes())
    if (local(a.name()) == name) return a;
  return {};
}

// An XML part parsed in place; the error gives line and column.
struct XmlPart {
  std::string text;
  pugi::xml_document doc;
};

Result<std::unique_ptr<XmlPart>> load_part(const ZipArchive& zip, const std::string& name) {
  auto part = std::make_unique<XmlPart>();
  TIRAGE_TRY_ASSIGN(part->text, zip.read(name));
  std::string original;  // only kept to locate an error
  const auto flags = pugi::parse_default | pugi::parse_ws_pcdata_single;
  auto res = part->doc.load_buffer_inplace(part->text.data(), part->text.size(), flags);
  if (!res) {
    auto again = zip.read(name);
    const std::string& t = again ? *again : part->text;
    std::size_t line = 1, column = 1;
    for (std::ptrdiff_t i = 0; i < res.offset && i < static_cast<std::ptrdiff_t>(t.size()); ++i) {
      if (t[static_cast<std::size_t>(i)] == '\n') ++line, column = 1;
      else ++column;
    }
    return located_error(name, "line " + std::to_string(line) + ", column " + std::to_string(column),
                         std::string("XML error: ") + res.description());
  }
  return part;
}

// Decodes Excel's _xHHHH_ escapes (for characters XML cannot carry, like _x000D_).
std::string decode_escapes(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      unsigned v = 0;
      bool hex = true;
      for (std::size_t k = i + 2; k < i + 6; ++k) {
        const char c = s[k];
        const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) hex = false;
        else v = v * 16 + static_cast<unsigned>(d);
      }
      if (hex) {
        append_utf8(out, static_cast<char32_t>(v));
        i += 6;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

// The text of a string item (<si> or <is>): every <t>, rich-text runs <r>
// included, phonetic runs <rPh> left out.
std::string string_item_text(pugi::xml_node item) {
  std::string out;
  for (auto c : item.children()) {
    if (c.type() != pugi::node_element) continue;
    const auto n = local(c.name());
    if (n == "t") out += c.text().get();
    else if (n == "r") out += child(c, "t").text().get();
  }
  return out.find("_x") == std::string::npos ? out : decode_escapes(out);
}

// Resolves a relationship target against the folder of the part that holds it.
std::string resolve_target(const std::string& base_dir, std::string_view target) {
  std::string path = !target.empty() && target[0] == '/' ? std::string(target.substr(1)) : base_dir + std::string(target);
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const std::string seg = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string folder_of(const std::string& part) {
  const auto slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

std::string rels_of(const std::string& part) {
  const auto dir = folder_of(part);
  return dir + "_rels/" + part.substr(dir.size()) + ".rels";
}

struct Relationship {
  std::string type;    // the last segment of the Type URI: "officeDocument", "worksheet", ...
  std::string target;  // resolved part name
};

// The relationships of part (none when it has no .rels part).
Result<std::map<std::string, Relationship>> read_rels(const ZipArchive& zip, const std::string& part) {
  std::map<std::string, Relationship> rels;
  const std::string name = rels_of(part);
  if (!zip.find(name)) return rels;
  std::unique_ptr<XmlPart> xml;
  TIRAGE_TRY_ASSIGN(xml, load_part(zip, name));
  for (auto r : child(xml->doc, "Relationships").children()) {
    if (local(r.name()) != "Relationship" || std::string_view(r.attribute("TargetMode").value()) == "External") continue;
    std::string_view type = r.attribute("Type").value();
    type = type.substr(type.rfind('/') == std::string_view::npos ? 0 : type.rfind('/') + 1);
    rels[r.attribute("Id").value()] = {std::string(type), resolve_target(folder_of(part), r.attribute("Target").value())};
  }
  return rels;
}

// [SECTION] package parts: workbook and its sheets ---------------------------

struct SheetRef {
  std::string name;
  std::string part;
};

struct Workbook {
  std::string part;  // usually xl/workbook.xml
  std::vector<SheetRef> sheets;
  bool date1904 = false;
  std::string shared_strings_part;  // empty when none
  std::string styles_part;
};

Result<Workbook> read_workbook(const ZipArchive& zip) {
  Workbook wb;
  wb.part = "xl/workbook.xml";
  std::map<std::string, Relationship> root;
  TIRAGE_TRY_ASSIGN(root, read_rels(zip, ""));
  for (const auto& [id, rel] : root)
    if (rel.type == "officeDocument") wb.part = rel.target;
  std::unique_ptr<XmlPart> xml;
  TIRAGE_TRY_ASSIGN(xml, load_part(zip, wb.part));
  std::map<std::string, Relationship> rels;
  TIRAGE_TRY_ASSIGN(rels, read_rels(zip, wb.part));
  for (const auto& [id, rel] : rels) {
    if (rel.type == "sharedStrings") wb.shared_strings_part = rel.target;
    if (rel.type == "styles") wb.styles_part = rel.target;
  }
  if (wb.shared_strings_part.empty() && zip.find("xl/sharedStrings.xml")) wb.shared_strings_part = "xl/sharedStrings.xml";
  if (wb.styles_part.empty() && zip.find("xl/styles.xml")) wb.styles_part = "xl/styles.xml";

  auto workbook = child(xml->doc, "workbook");
  if (!workbook) return part_error(wb.part, "no <workbook> element");
  const std::string_view d1904 = attr(child(workbook, "workbookPr"), "date1904").value();
  wb.date1904 = d1904 == "1" || d1904 == "true";
  for (auto s : child(workbook, "sheets").children()) {
    if (local(s.name()) != "sheet") continue;
    const std::string id = attr(s, "id").value();
    auto rel = rels.find(id);
    if (rel == rels.end())
      return part_error(wb.part, "sheet \"" + std::string(s.attribute("name").value()) + "\" points at relationship \"" +
                                     id + "\", which does not exist");
    wb.sheets.push_back({s.attribute("name").value(), rel->second.target});
  }
  if (wb.sheets.empty()) return part_error(wb.part, "the workbook has no sheets");
  return wb;
}

// [SECTION] shared strings and styles ------------------------------------------

Result<std::vector<std::string>> read_shared_strings(const ZipArchive& zip, const std::string& part) {
  std::vector<std::string> strings;
  if (part.empty()) return strings;
  std::unique_ptr<XmlPart> xml;
  TIRAGE_TRY_ASSIGN(xml, load_part(zip, part));
  for (auto si : child(xml->doc, "sst").children())
    if (local(si.name()) == "si") strings.push_back(string_item_text(si));
  return strings;
}

// A custom number format shows a date or time when, outside quoted text,
// escapes and [colour]/[$-locale] brackets, it uses d, m, y, h or s.
bool is_date_format_code(std::string_view code) {
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const auto end = code.find('"', i + 1);
      if (end == std::string_view::npos) return false;
      i = end;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      const auto end = code.find(']', i + 1);
      if (end == std::string_view::npos) return false;
      const auto inner = code.substr(i + 1, end - i - 1);
      if (!inner.empty() && (inner[0] == 'h' || inner[0] == 'H' || inner[0] == 'm' || inner[0] == 'M' ||
                             inner[0] == 's' || inner[0] == 'S'))
        return true;  // elapsed time: [h]:mm
      i = end;
    } else if (std::strchr("dDmMyYhHsS", c) && c != '\0') {
      return true;
    }
  }
  return false;
}

bool is_builtin_date_format(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

// For each cell style index (the s attribute): does it show a date?
Result<std::vector<bool>> read_date_styles(const ZipArchive& zip, const std::string& part) {
  std::vector<bool> dates;
  if (part.empty()) return dates;
  std::unique_ptr<XmlPart> xml;
  TIRAGE_TRY_ASSIGN(xml, load_part(zip, part));
  auto sheet = child(xml->doc, "styleSheet");
  std::map<int, bool> custom;
  for (auto f : child(sheet, "numFmts").children())
    if (local(f.name()) == "numFmt")
      custom[f.attribute("numFmtId").as_int()] = is_date_format_code(f.attribute("formatCode").value());
  for (auto xf : child(sheet, "cellXfs").children()) {
    if (local(xf.name()) != "xf") continue;
    const int id = xf.attribute("numFmtId").as_int();
    auto it = custom.find(id);
    dates.push_back(it != custom.end() ? it->second : is_builtin_date_format(id));
  }
  return dates;
}

// [SECTION] the sheet's cells ----------------------------------------------------

// "AB12" -> column 27 (0-based), row 12; false when it is not a reference.
bool parse_cell_ref(std::string_view ref, std::size_t& column, std::size_t& row) {
  std::size_t i = 0, col = 0;
  while (i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) {
    col = col * 26 + static_cast<std::size_t>((ref[i] | 0x20) - 'a' + 1);
    if (col > kMaxColumns) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  std::size_t r = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
    r = r * 10 + static_cast<std::size_t>(ref[i] - '0');
    if (r > kMaxSheetRow) return false;
  }
  if (r == 0) return false;
  column = col - 1;
  row = r;
  return true;
}

// A number as text: integral values without exponent or ".0" (ids and counts).
std::string format_number(std::string_view v) {
  if (v.find_first_of(".eE") == std::string_view::npos) return std::string(v);
  const std::string s(v);
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(d)) return s;
  if (d == std::floor(d) && std::fabs(d) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", d);
    return buf;
  }
  return s;
}

struct SheetContext {
  std::string part;
  const std::vector<std::string>* shared;
  const std::vector<bool>* date_styles;
  bool date1904;
};

Result<std::string> cell_value(const SheetContext& ctx, pugi::xml_node c, const std::string& ref) {
  const std::string_view type = c.attribute("t").value();
  auto bad = [&](const std::string& what) { return located_error(ctx.part, "cell " + ref, what); };
  if (type == "inlineStr") return string_item_text(child(c, "is"));
  const std::string_view v = child(c, "v").text().get();
  if (type == "s") {
    char* end = nullptr;
    const std::string s(v);
    const unsigned long long index = std::strtoull(s.c_str(), &end, 10);
    if (s.empty() || end != s.c_str() + s.size())
      return bad("shared string index \"" + s.substr(0, 20) + "\" is not a number");
    if (index >= ctx.shared->size())
      return bad("shared string " + s + " does not exist (the workbook has " + std::to_string(ctx.shared->size()) + ")");
    return (*ctx.shared)[index];
  }
  if (type == "str") return v.find("_x") == std::string_view::npos ? std::string(v) : decode_escapes(v);
  if (type == "b") {
    if (v == "1") return std::string("TRUE");
    if (v == "0") return std::string("FALSE");
    return bad("a boolean must be 0 or 1, not \"" + std::string(v.substr(0, 20)) + "\"");
  }
  if (type == "e" || type == "d") return std::string(v);
  if (!type.empty() && type != "n") return bad("unknown cell type \"" + std::string(type.substr(0, 20)) + "\"");
  if (v.empty()) return std::string();
  const std::size_t style = c.attribute("s").as_uint();
  if (style < ctx.date_styles->size() && (*ctx.date_styles)[style]) {
    const std::string s(v);
    char* end = nullptr;
    const double serial = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size()) return bad("the date \"" + s.substr(0, 20) + "\" is not a number");
    std::string iso = excel_serial_to_iso(serial, ctx.date1904);
    if (iso.empty()) return bad("the date serial " + s.substr(0, 20) + " is out of range");
    return iso;
  }
  return format_number(v);
}

struct SheetCells {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> row_numbers;
  std::size_t width = 0;
};

// The rows of one parsed chunk of <sheetData>, appended to out.
Status read_rows(pugi::xml_node parent, const SheetContext& ctx, std::size_t max_rows, std::size_t& row_number,
                 SheetCells& out) {
  std::vector<std::string> cells;
  for (auto row : parent.children()) {
    if (row.type() != pugi::node_element || local(row.name()) != "row") continue;
    if (auto r = row.attribute("r")) {
      const unsigned long long n = r.as_ullong();
      if (n == 0 || n > kMaxSheetRow || n <= row_number)
        return part_error(ctx.part, "row number \"" + std::string(r.value()).substr(0, 20) +
                                        "\" is invalid or out of order (after row " + std::to_string(row_number) + ")");
      row_number = static_cast<std::size_t>(n);
    } else {
      ++row_number;
    }
    cells.clear();
    std::size_t column = 0;
    bool any = false;
    for (auto c : row.children()) {
      if (c.type() != pugi::node_element || local(c.name()) != "c") continue;
      if (auto r = c.attribute("r")) {
        std::size_t ref_col = 0, ref_row = 0;
        if (!parse_cell_ref(r.value(), ref_col, ref_row))
          return located_error(ctx.part, "row " + std::to_string(row_number),
                               "\"" + std::string(r.value()).substr(0, 20) + "\" is not a cell reference");
        if (ref_row != row_number)
          return part_error(ctx.part, "cell " + std::string(r.value()) + " is inside row " + std::to_string(row_number));
        column = ref_col;
      }
      if (column >= kMaxColumns)
        return located_error(ctx.part, "row " + std::to_string(row_number), "more than 16384 columns");
      std::string value;
      TIRAGE_TRY_ASSIGN(value, cell_value(ctx, c, column_letters(column) + std::to_string(row_number)));
      if (!value.empty()) {
        if (cells.size() <= column) cells.resize(column + 1);
        cells[column] = std::move(value);
        any = true;
      }
      ++column;
    }
    if (!any) continue;  // empty rows are not participants
    if (out.rows.size() >= max_rows)
      return located_error(ctx.part, "row " + std::to_string(row_number),
                           "the sheet has more than " + std::to_string(max_rows) + " rows, the limit");
    out.width = std::max(out.width, cells.size());
    out.rows.push_back(cells);
    out.row_numbers.push_back(row_number);
  }
  return {};
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

// Position just after the next row end tag ("</row>" or "</x:row>") at or after from; npos when none.
std::size_t next_row_end(std::string_view text, std::size_t from) {
  for (std::size_t at = text.find("row>", from); at != std::string_view::npos; at = text.find("row>", at + 4)) {
    std::size_t b = at;
    if (b >= 1 && text[b - 1] == ':') {
      --b;
      while (b > 0 && is_name_char(text[b - 1])) --b;
    }
    if (b >= 2 && text[b - 1] == '/' && text[b - 2] == '<') return at + 4;
  }
  return std::string_view::npos;
}

// The sheet's rows. A sheet of a million rows is one XML part of hundreds of
// megabytes: its <sheetData> is parsed a few thousand rows at a time (each
// chunk ends on a row end tag), so memory holds one chunk's tree, not the
// whole sheet's.
Result<SheetCells> read_sheet_cells(const ZipArchive& zip, const SheetContext& ctx, std::size_t max_rows) {
  std::string text;
  TIRAGE_TRY_ASSIGN(text, zip.read(ctx.part));
  // <sheetData ...> (any prefix) up to its end tag; a self-closing one has no rows.
  std::size_t open = std::string::npos;
  for (std::size_t at = text.find("sheetData"); at != std::string::npos; at = text.find("sheetData", at + 9)) {
    std::size_t b = at;
    if (b >= 1 && text[b - 1] == ':') {
      --b;
      while (b > 0 && is_name_char(text[b - 1])) --b;
    }
    if (b >= 1 && text[b - 1] == '<') {
      open = at;
      break;
    }
  }
  if (open == std::string::npos) return part_error(ctx.part, "no <sheetData> element (is this a chart sheet?)");
  const std::size_t open_end = text.find('>', open);
  if (open_end == std::string::npos) return part_error(ctx.part, "the <sheetData> tag is never closed");
  SheetCells out;
  if (text[open_end - 1] == '/') return out;
  std::size_t close = text.rfind("sheetData>");
  while (close != std::string::npos && close > open_end) {
    std::size_t b = close;
    if (text[b - 1] == ':') {
      --b;
      while (b > 0 && is_name_char(text[b - 1])) --b;
    }
    if (b >= 2 && text[b - 1] == '/' && text[b - 2] == '<') {
      close = b - 2;
      break;
    }
    close = close == 0 ? std::string::npos : text.rfind("sheetData>", close - 1);
  }
  if (close == std::string::npos || close <= open_end) return part_error(ctx.part, "the <sheetData> element is never closed");

  constexpr std::size_t kChunkBytes = 4 << 20;
  std::size_t row_number = 0;
  for (std::size_t start = open_end + 1; start < close;) {
    std::size_t end = start + kChunkBytes >= close ? close : next_row_end(std::string_view(text).substr(0, close), start + kChunkBytes);
    if (end == std::string::npos) end = close;
    pugi::xml_document doc;
    const auto flags = pugi::parse_default | pugi::parse_ws_pcdata_single | pugi::parse_fragment;
    auto res = doc.load_buffer_inplace(text.data() + start, end - start, flags);
    if (!res) {
      // Locate the error in the part as it was (in-place parsing rewrote the chunk).
      auto original = zip.read(ctx.part);
      const std::string& t = original ? *original : text;
      const std::size_t upto = std::min(t.size(), start + static_cast<std::size_t>(std::max<std::ptrdiff_t>(res.offset, 0)));
      std::size_t line = 1, column = 1;
      for (std::size_t i = 0; i < upto; ++i) {
        if (t[i] == '\n') ++line, column = 1;
        else ++column;
      }
      return located_error(ctx.part, "line " + std::to_string(line) + ", column " + std::to_string(column),
                           std::string("XML error: ") + res.description());
    }
    TIRAGE_TRY(read_rows(doc, ctx, max_rows, row_number, out));
    start = end;
  }
  return out;
}

Result<Workbook> open_workbook(std::string_view bytes, const ZipLimits& limits, std::unique_ptr<ZipArchive>& zip_out) {
  auto zip = ZipArchive::open(bytes, limits);
  if (!zip) return zip.error();
  zip_out = std::make_unique<ZipArchive>(std::move(*zip));
  return read_workbook(*zip_out);
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

// [SECTION] public functions -------------------------------------------------------

Result<std::vector<std::string>> xlsx_sheet_names(std::string_view bytes, const ZipLimits& limits) {
  std::unique_ptr<ZipArchive> zip;
  Workbook wb;
  TIRAGE_TRY_ASSIGN(wb, open_workbook(bytes, limits, zip));
  std::vector<std::string> names;
  for (const auto& s : wb.sheets) names.push_back(s.name);
  return names;
}

Result<Table> read_xlsx(std::string_view bytes, const XlsxOptions& options) {
  if (bytes.size() > options.max_bytes)
    return make_error("too_large", "the file is " + std::to_string((bytes.size() + (1 << 20) - 1) >> 20) +
                                       " MB; the limit is " + std::to_string(options.max_bytes >> 20) + " MB");
  std::unique_ptr<ZipArchive> zip;
  Workbook wb;
  TIRAGE_TRY_ASSIGN(wb, open_workbook(bytes, options.limits, zip));
  const SheetRef* sheet = &wb.sheets.front();
  if (!options.sheet.empty()) {
    auto it = std::find_if(wb.sheets.begin(), wb.sheets.end(), [&](const SheetRef& s) { return s.name == options.sheet; });
    if (it == wb.sheets.end()) {
      std::string names;
      for (const auto& s : wb.sheets) names += (names.empty() ? "\"" : ", \"") + s.name + "\"";
      return make_error("bad_sheet", "the workbook has no sheet named \"" + options.sheet + "\" (it has " + names + ")");
    }
    sheet = &*it;
  }
  std::vector<std::string> shared;
  TIRAGE_TRY_ASSIGN(shared, read_shared_strings(*zip, wb.shared_strings_part));
  std::vector<bool> date_styles;
  TIRAGE_TRY_ASSIGN(date_styles, read_date_styles(*zip, wb.styles_part));
  const SheetContext ctx{sheet->part, &shared, &date_styles, wb.date1904};
  SheetCells cells;
  TIRAGE_TRY_ASSIGN(cells, read_sheet_cells(*zip, ctx, options.max_rows + 10));

  Table table;
  table.encoding = "xlsx";
  table.delimiter = 0;
  for (auto& r : cells.rows) r.resize(cells.width);
  std::optional<std::size_t> header;
  if (options.has_header.value_or(true) && !cells.rows.empty()) {
    const std::size_t n = std::min<std::size_t>(cells.rows.size(), 10);
    header = options.has_header ? std::optional<std::size_t>(0)
                                : detect_header_row({cells.rows.begin(), cells.rows.begin() + static_cast<long>(n)});
  }
  std::size_t first = 0;
  if (header) {
    table.has_header = true;
    for (std::size_t c = 0; c < cells.width; ++c) {
      std::string name = trim(cells.rows[*header][c]);
      table.columns.push_back(name.empty() ? column_letters(c) : std::move(name));
    }
    if (*header > 0)
      table.issues.push_back({cells.row_numbers[*header], 0,
                              "the " + std::to_string(*header) + " row(s) above the header row were skipped"});
    first = *header + 1;
  } else {
    for (std::size_t c = 0; c < cells.width; ++c) table.columns.push_back(column_letters(c));
  }
  if (cells.rows.size() - first > options.max_rows)
    return make_error("too_many_rows", "the sheet has " + std::to_string(cells.rows.size() - first) +
                                           " rows; the limit is " + std::to_string(options.max_rows));
  table.rows.assign(std::make_move_iterator(cells.rows.begin() + static_cast<long>(first)),
                    std::make_move_iterator(cells.rows.end()));
  table.row_lines.assign(cells.row_numbers.begin() + static_cast<long>(first), cells.row_numbers.end());
  return table;
}

}  // namespace tirage
