#include "shared/import/csv_writer.hpp"

namespace tirage {

namespace {
bool runs_as_formula(std::string_view cell) {
  if (cell.empty()) return false;
  const char c = cell[0];
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

void append_cell(std::string& out, std::string_view cell, const CsvWriteOptions& options, bool force_quotes = false) {
  const bool guard = options.guard_formulas && runs_as_formula(cell);
  const bool quote = cell.find_first_of(std::string{options.delimiter, '"', '\n', '\r'}) != std::string_view::npos ||
                     force_quotes;
  if (quote) out.push_back('"');
  if (guard) out.push_back('\'');
  for (char c : cell) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  if (quote) out.push_back('"');
}
}  // namespace

std::string csv_header_bytes(const CsvWriteOptions& options) { return options.bom ? "\xEF\xBB\xBF" : ""; }

std::string csv_cell(std::string_view cell, const CsvWriteOptions& options) {
  std::string out;
  append_cell(out, cell, options);
  return out;
}

void append_csv_row(std::string& out, const std::vector<std::string>& cells, const CsvWriteOptions& options) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out.push_back(options.delimiter);
    // A lone empty cell is written "" so the record is not a blank line.
    append_cell(out, cells[i], options, cells.size() == 1 && cells[i].empty());
  }
  out += "\r\n";
}

std::string write_csv(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                      const CsvWriteOptions& options) {
  std::string out = csv_header_bytes(options);
  if (!header.empty()) append_csv_row(out, header, options);
  for (const auto& row : rows) append_csv_row(out, row, options);
  return out;
}

}  // namespace tirage
