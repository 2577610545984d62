// libFuzzer target: any bytes as an uploaded CSV, through the whole import
// path: sniff, read, guess columns, comments, filters, draw entries. Checks
// the Table's shape, that reading in steps (CsvReader) gives the same table,
// and that writing a table and reading it back gives the same cells.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shared/filters/draw_entries.hpp"
#include "shared/filters/filters.hpp"
#include "shared/import/comments.hpp"
#include "shared/import/csv_reader.hpp"
#include "shared/import/csv_writer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)tirage::sniff_csv(bytes);
  auto table = tirage::read_csv(bytes, {.max_bytes = 1 << 20, .max_rows = 5000});
  if (!table) return 0;
  if (table->rows.size() != table->row_lines.size()) __builtin_trap();
  for (const auto& row : table->rows)
    if (row.size() != table->columns.size()) __builtin_trap();

  // Reading in steps gives the same table.
  auto reader = tirage::CsvReader::open(bytes, {.max_bytes = 1 << 20, .max_rows = 5000});
  if (!reader) __builtin_trap();
  for (;;) {
    auto more = reader->step(size % 7 + 1);
    if (!more) __builtin_trap();
    if (!*more) break;
  }
  const tirage::Table stepped = reader->take();
  if (stepped.rows != table->rows || stepped.columns != table->columns || stepped.row_lines != table->row_lines ||
      stepped.issues.size() != table->issues.size())
    __builtin_trap();

  std::vector<tirage::ImportIssue> issues;
  auto comments = tirage::comments_from_table(*table, tirage::guess_columns(*table), "list", issues);
  if (comments) {
    tirage::FilterRules rules;
    rules.required_hashtags = {"noel"};
    rules.min_mentions = 1;
    rules.excluded_accounts = {"@bot"};
    rules.min_text_length = 2;
    auto result = tirage::apply_filters(*comments, rules, 1798131600);
    std::size_t total = 0;
    for (auto n : result.counts) total += n;
    if (total != comments->size()) __builtin_trap();
    auto entries = tirage::entries_for_draw(*comments, result, rules);
    if (entries.size() != result.kept) __builtin_trap();
    (void)tirage::comments_from_text(bytes);
  }

  // Round trip: what the writer writes, the reader reads back cell for cell.
  if (!table->columns.empty()) {
    const std::string csv = tirage::write_csv(table->columns, table->rows, {.bom = false, .guard_formulas = false});
    auto again = tirage::read_csv(csv, {.delimiter = ',', .has_header = true, .max_bytes = 8 << 20, .max_rows = 5000});
    if (!again || again->rows != table->rows) __builtin_trap();
  }
  return 0;
}
