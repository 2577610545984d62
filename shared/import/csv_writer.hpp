// CSV writing (RFC 4180) for exports: winners, the filtered list. Cells that
// a spreadsheet would run as a formula (starting with = + - @, or a tab or
// carriage return) get a leading ' so opening the export runs nothing.
//
//   std::string out = csv_header_bytes(opts);
//   append_csv_row(out, {"handle", "comment"}, opts);
//   append_csv_row(out, {"@zoe", "=1+1"}, opts);   // written as "'=1+1"
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tirage {

struct CsvWriteOptions {
  char delimiter = ',';
  bool bom = true;             // a UTF-8 BOM, so Excel reads accents right
  bool guard_formulas = true;  // the leading ' described above
};

// The bytes a file starts with: the BOM when asked for, else nothing.
std::string csv_header_bytes(const CsvWriteOptions& options = {});

// One cell as written: guarded, then quoted when it holds the delimiter, a
// quote or a line break (quotes doubled).
std::string csv_cell(std::string_view cell, const CsvWriteOptions& options = {});

// Appends one record ending in CRLF.
void append_csv_row(std::string& out, const std::vector<std::string>& cells, const CsvWriteOptions& options = {});

// A whole file: header row (when not empty) then rows.
std::string write_csv(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                      const CsvWriteOptions& options = {});

}  // namespace tirage
