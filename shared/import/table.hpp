// Table: what every reader of participant files (CSV, .xlsx) produces, and
// ImportIssue: a problem found while reading that did not stop the import.
//
//   auto t = read_csv(bytes);                 // or read_xlsx(bytes)
//   t->columns[c]                             // header text (or "A", "B", ... without a header)
//   t->rows[r][c], t->row_lines[r]            // every row has columns.size() cells
//   for (auto& i : t->issues) show(i.line, i.column, i.message);
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace tirage {

// line: 1-based line of the file (CSV: the physical line where the record
// starts; .xlsx: the sheet's row number). column: 1-based cell number in that
// row, 0 when the issue is about the whole line.
struct ImportIssue {
  std::size_t line = 0;
  std::size_t column = 0;
  std::string message;
};

struct Table {
  std::vector<std::string> columns;            // header cells, or column letters without a header
  std::vector<std::vector<std::string>> rows;  // data rows only (UTF-8), each columns.size() wide
  std::vector<std::size_t> row_lines;          // row_lines[r]: the line (or sheet row) of rows[r]
  std::vector<ImportIssue> issues;             // what was read with doubt, or left out
  std::string encoding;                        // "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252"; "xlsx"
  char delimiter = ',';                        // CSV only
  bool has_header = false;
};

}  // namespace tirage
