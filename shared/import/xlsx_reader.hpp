// Excel .xlsx participant files (OOXML SpreadsheetML): one sheet's cells as a
// Table. Shared and inline strings, numbers, booleans, and dates as ISO text
// when the cell's style is a date format; sparse cells land in their column.
// The archive is read by ZipArchive with its bomb limits; XML by pugixml.
//
//   auto names = xlsx_sheet_names(bytes);          // for a sheet picker
//   auto t = read_xlsx(bytes, {.sheet = "Comments"});
//   if (!t) show(t.error().message);   // "xl/worksheets/sheet1.xml, cell C12: ..."
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"
#include "shared/import/table.hpp"
#include "shared/import/zip_reader.hpp"

namespace tirage {

struct XlsxOptions {
  std::string sheet{};             // by name; empty: the first sheet
  std::optional<bool> has_header{};  // unset: detected (metadata rows above a header are skipped)
  std::size_t max_bytes = std::size_t{256} << 20;  // the .xlsx file itself
  std::size_t max_rows = 5'000'000;
  ZipLimits limits{};
};

// The workbook's sheet names, in workbook order.
Result<std::vector<std::string>> xlsx_sheet_names(std::string_view bytes, const ZipLimits& limits = {});

// One sheet as a Table (encoding "xlsx"; row_lines are sheet row numbers,
// issue columns are sheet column numbers, A = 1).
Result<Table> read_xlsx(std::string_view bytes, const XlsxOptions& options = {});

}  // namespace tirage
