// libFuzzer target: bytes as an uploaded .xlsx. A first byte below 0x80
// means the rest is the archive itself (ZIP structure, inflate, limits); at
// 0x80 or above, the rest is XML parts separated by NUL bytes (sheet, shared
// strings, styles, workbook) packed here into a valid stored archive, so the
// mutations reach the XML readers instead of failing the CRC check.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/import/xlsx_reader.hpp"

namespace {
void put16(std::string& out, std::uint32_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>((v >> 8) & 0xFF));
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

// A stored ZIP archive of (name, data) parts.
std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  std::string out, central;
  for (const auto& [name, data] : parts) {
    const auto crc = static_cast<std::uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
    const auto offset = static_cast<std::uint32_t>(out.size());
    put32(out, 0x04034b50); put16(out, 20); put16(out, 0); put16(out, 0); put16(out, 0); put16(out, 0);
    put32(out, crc); put32(out, static_cast<std::uint32_t>(data.size())); put32(out, static_cast<std::uint32_t>(data.size()));
    put16(out, static_cast<std::uint32_t>(name.size())); put16(out, 0);
    out += name;
    out += data;
    put32(central, 0x02014b50); put16(central, 20); put16(central, 20); put16(central, 0); put16(central, 0);
    put16(central, 0); put16(central, 0); put32(central, crc); put32(central, static_cast<std::uint32_t>(data.size()));
    put32(central, static_cast<std::uint32_t>(data.size())); put16(central, static_cast<std::uint32_t>(name.size()));
    put16(central, 0); put16(central, 0); put16(central, 0); put16(central, 0); put32(central, 0); put32(central, offset);
    central += name;
  }
  const auto cd_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  put32(out, 0x06054b50); put16(out, 0); put16(out, 0);
  put16(out, static_cast<std::uint32_t>(parts.size())); put16(out, static_cast<std::uint32_t>(parts.size()));
  put32(out, static_cast<std::uint32_t>(central.size())); put32(out, cd_offset); put16(out, 0);
  return out;
}

const char kRels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
const char kWorkbookRels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"x/styles\" Target=\"styles.xml\"/></Relationships>";
const char kWorkbook[] =
    "<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

void check(const tirage::Result<tirage::Table>& t) {
  if (!t) return;
  if (t->rows.size() != t->row_lines.size()) __builtin_trap();
  for (const auto& row : t->rows)
    if (row.size() != t->columns.size()) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  tirage::XlsxOptions options;
  options.max_rows = 5000;
  options.limits.max_total_bytes = 16 << 20;
  options.limits.max_entry_bytes = 8 << 20;
  if (data[0] < 0x80) {
    (void)tirage::xlsx_sheet_names(rest, options.limits);
    check(tirage::read_xlsx(rest, options));
    return 0;
  }
  std::vector<std::string> xml(4);
  std::size_t part = 0;
  for (char c : rest) {
    if (c == '\0' && part < 3) ++part;
    else xml[part].push_back(c);
  }
  const std::string zip = stored_zip({{"_rels/.rels", kRels},
                                      {"xl/_rels/workbook.xml.rels", kWorkbookRels},
                                      {"xl/workbook.xml", xml[3].empty() ? kWorkbook : xml[3]},
                                      {"xl/worksheets/sheet1.xml", xml[0]},
                                      {"xl/sharedStrings.xml", xml[1]},
                                      {"xl/styles.xml", xml[2]}});
  check(tirage::read_xlsx(zip, options));
  return 0;
}
