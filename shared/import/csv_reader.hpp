// CSV participant files: encoding, delimiter and header row are sniffed,
// quoting follows RFC 4180 (doubled quotes, line breaks inside quotes), line
// ends may be CRLF, LF or CR. Everything comes out as UTF-8.
//
//   auto guess = sniff_csv(bytes);                  // for the preview's defaults
//   auto t = read_csv(bytes, {.delimiter = ';'});   // or {} to sniff everything
//   if (!t) show(t.error().message);                // "line 12, column 3: ..."
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "shared/core/result.hpp"
#include "shared/import/table.hpp"

namespace tirage {

struct CsvSniff {
  char delimiter = ',';            // one of , ; \t |
  std::string encoding = "utf-8";  // as Table::encoding
  bool has_header = false;
};

struct CsvOptions {
  std::optional<char> delimiter{};   // unset: sniffed
  std::optional<bool> has_header{};  // unset: sniffed (metadata lines above a header are skipped)
  std::size_t max_bytes = std::size_t{256} << 20;
  std::size_t max_rows = 5'000'000;
};

// Best guesses for a file's encoding, delimiter and header row.
CsvSniff sniff_csv(std::string_view bytes);

// read_csv a slice at a time, so a page can show progress and stay
// responsive: the same Table, issues and errors as read_csv.
//
//   auto reader = CsvReader::open(bytes);          // bytes must outlive the reader
//   while (true) { auto more = reader->step(50'000); if (!more) fail(); if (!*more) break; }
//   Table t = reader->take();
class CsvReader {
 public:
  // Checks the size, decodes the text and settles the delimiter.
  static Result<CsvReader> open(std::string_view bytes, const CsvOptions& options = {});

  // Reads up to max_records more records; true while some remain.
  Result<bool> step(std::size_t max_records);

  // Share of the text read so far, 0 to 1.
  double progress() const;

  // The rows read so far (they get the header's width once the header is known).
  const Table& table() const;

  // The finished table (moved out).
  Table take();

  CsvReader(CsvReader&&) noexcept;
  CsvReader& operator=(CsvReader&&) noexcept;
  ~CsvReader();

 private:
  CsvReader();
  void decide_header();
  void normalize_new_rows();
  struct State;
  std::unique_ptr<State> s_;
};

// The whole file as a Table. Ragged rows are padded or cut to the header's
// width and reported as issues; an unterminated quote, a file over max_bytes
// or with more than max_rows rows is an error naming where.
Result<Table> read_csv(std::string_view bytes, const CsvOptions& options = {});

}  // namespace tirage
