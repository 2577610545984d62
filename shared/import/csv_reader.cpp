#include "shared/import/csv_reader.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <vector>

#include "shared/import/header_detect.hpp"
#include "shared/import/text_encoding.hpp"

namespace tirage {

namespace {
constexpr std::size_t kMaxIssues = 1000;
constexpr std::size_t kSniffBytes = 64 * 1024;

void add_issue(std::vector<ImportIssue>& issues, std::size_t line, std::size_t column, std::string message) {
  if (issues.size() < kMaxIssues) issues.push_back({line, column, std::move(message)});
}

// Reads records one at a time from UTF-8 text.
class Scanner {
 public:
  enum class Step { record, end, error };

  Scanner(std::string_view text, char delimiter) : t_(text), d_(delimiter) {}

  // Reads the next non-blank record into row (cleared first). On error,
  // error_message() says where the quote that never closes started.
  Step next(std::vector<std::string>& row, std::vector<ImportIssue>* issues) {
    row.clear();
    while (pos_ < t_.size() && (t_[pos_] == '\n' || t_[pos_] == '\r')) skip_newline();  // blank lines
    if (pos_ >= t_.size()) return Step::end;
    record_line_ = line_;
    for (;;) {
      const std::size_t column = row.size() + 1;
      if (pos_ < t_.size() && t_[pos_] == '"') {
        if (!read_quoted(row, column, issues)) return Step::error;
      } else {
        const std::size_t start = pos_;
        while (pos_ < t_.size() && t_[pos_] != d_ && t_[pos_] != '\n' && t_[pos_] != '\r') ++pos_;
        row.emplace_back(t_.substr(start, pos_ - start));
      }
      if (pos_ < t_.size() && t_[pos_] == d_) {
        ++pos_;
        continue;
      }
      if (pos_ < t_.size()) skip_newline();
      return Step::record;
    }
  }

  std::size_t record_line() const { return record_line_; }
  std::size_t position() const { return pos_; }
  const std::string& error_message() const { return error_; }

 private:
  void skip_newline() {
    if (t_[pos_] == '\r' && pos_ + 1 < t_.size() && t_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  }

  void count_lines(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i)
      if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n'))) ++line_;
  }

  bool read_quoted(std::vector<std::string>& row, std::size_t column, std::vector<ImportIssue>* issues) {
    const std::size_t start_line = line_;
    ++pos_;
    std::string& cell = row.emplace_back();
    for (;;) {
      const std::size_t q = t_.find('"', pos_);
      if (q == std::string_view::npos) {
        error_ = "line " + std::to_string(start_line) + ", column " + std::to_string(column) +
                 ": a quoted cell is never closed (its closing \" is missing)";
        return false;
      }
      const std::string_view chunk = t_.substr(pos_, q - pos_);
      count_lines(chunk);
      cell.append(chunk);
      if (q + 1 < t_.size() && t_[q + 1] == '"') {
        cell.push_back('"');
        pos_ = q + 2;
        continue;
      }
      pos_ = q + 1;
      break;
    }
    if (pos_ < t_.size() && t_[pos_] != d_ && t_[pos_] != '\n' && t_[pos_] != '\r') {
      // `"a"b`: not RFC 4180; keep the text and say so.
      if (issues)
        add_issue(*issues, line_, column, "text after the closing quote of this cell was kept as part of it");
      const std::size_t start = pos_;
      while (pos_ < t_.size() && t_[pos_] != d_ && t_[pos_] != '\n' && t_[pos_] != '\r') ++pos_;
      cell.append(t_.substr(start, pos_ - start));
    }
    return true;
  }

  std::string_view t_;
  char d_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t record_line_ = 1;
  std::string error_;
};

// The first records of text, for sniffing; stops quietly at a cut quote.
std::vector<std::vector<std::string>> first_records(std::string_view text, char delimiter, std::size_t count) {
  Scanner scanner(text.substr(0, kSniffBytes), delimiter);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  while (rows.size() < count && scanner.next(row, nullptr) == Scanner::Step::record) rows.push_back(row);
  // A record cut by the sniffing window is not evidence.
  if (text.size() > kSniffBytes && !rows.empty() && rows.size() < count) rows.pop_back();
  return rows;
}

// The delimiter whose field count is the most consistent (and above 1).
char sniff_delimiter(std::string_view text) {
  char best = ',';
  double best_consistency = 0;
  std::size_t best_fields = 1;
  for (char d : {',', ';', '\t', '|'}) {
    const auto rows = first_records(text, d, 30);
    if (rows.empty()) continue;
    std::map<std::size_t, std::size_t> counts;
    for (const auto& r : rows) ++counts[r.size()];
    auto mode = std::max_element(counts.begin(), counts.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    if (mode->first < 2) continue;
    const double consistency = static_cast<double>(mode->second) / static_cast<double>(rows.size());
    if (consistency > best_consistency || (consistency == best_consistency && mode->first > best_fields)) {
      best = d;
      best_consistency = consistency;
      best_fields = mode->first;
    }
  }
  return best;
}

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

std::string megabytes(std::size_t bytes) { return std::to_string((bytes + (1 << 20) - 1) >> 20) + " MB"; }
}  // namespace

CsvSniff sniff_csv(std::string_view bytes) {
  CsvSniff sniff;
  const TextEncoding enc = sniff_encoding(bytes);
  sniff.encoding = encoding_name(enc);
  std::string storage;
  // The first 256 KB are enough to sniff; UTF-16 is cut at an even length.
  const std::size_t window = 256 * 1024;
  const std::string_view head = bytes.size() <= window ? bytes : bytes.substr(0, window);
  const std::string_view text = to_utf8(head, enc, storage);
  sniff.delimiter = sniff_delimiter(text);
  sniff.has_header = detect_header_row(first_records(text, sniff.delimiter, 10)).has_value();
  return sniff;
}

// [SECTION] CsvReader: read_csv in steps ------------------------------------

struct CsvReader::State {
  CsvOptions options;
  std::unique_ptr<std::string> storage;  // decoded text when not UTF-8 (its address never moves)
  std::string_view text;
  Scanner scanner{std::string_view(), ','};
  Table table;
  bool header_decided = false;
  bool finished = false;
  std::size_t width = 0;
  std::size_t normalized = 0;  // rows before this index have `width` cells
  std::size_t ragged = 0;
};

CsvReader::CsvReader() = default;
CsvReader::CsvReader(CsvReader&&) noexcept = default;
CsvReader& CsvReader::operator=(CsvReader&&) noexcept = default;
CsvReader::~CsvReader() = default;

Result<CsvReader> CsvReader::open(std::string_view bytes, const CsvOptions& options) {
  if (bytes.size() > options.max_bytes)
    return make_error("too_large", "the file is " + megabytes(bytes.size()) + "; the limit is " +
                                       megabytes(options.max_bytes));
  CsvReader reader;
  reader.s_ = std::make_unique<State>();
  State& st = *reader.s_;
  st.options = options;
  const TextEncoding enc = sniff_encoding(bytes);
  st.table.encoding = encoding_name(enc);
  st.storage = std::make_unique<std::string>();
  st.text = to_utf8(bytes, enc, *st.storage);
  st.table.delimiter = options.delimiter ? *options.delimiter : sniff_delimiter(st.text);
  if (st.table.delimiter == '"' || st.table.delimiter == '\n' || st.table.delimiter == '\r')
    return make_error("bad_option", "the delimiter cannot be a quote or a line break");
  st.scanner = Scanner(st.text, st.table.delimiter);
  return reader;
}

// Chooses the header row among the first records (once) and sets the width.
void CsvReader::decide_header() {
  State& st = *s_;
  Table& table = st.table;
  st.header_decided = true;
  std::optional<std::size_t> header;
  if (st.options.has_header.value_or(true) && !table.rows.empty()) {
    const std::size_t n = std::min<std::size_t>(table.rows.size(), 10);
    header = st.options.has_header
                 ? std::optional<std::size_t>(0)
                 : detect_header_row({table.rows.begin(), table.rows.begin() + static_cast<long>(n)});
  }
  if (header) {
    table.has_header = true;
    const auto& cells = table.rows[*header];
    st.width = cells.size();
    for (std::size_t c = 0; c < st.width; ++c) {
      std::string name = trim(cells[c]);
      table.columns.push_back(name.empty() ? column_letters(c) : std::move(name));
    }
    if (*header > 0)
      add_issue(table.issues, table.row_lines[*header], 0,
                "the " + std::to_string(*header) + " line(s) above the header row were skipped");
    const auto drop = static_cast<long>(*header + 1);
    table.rows.erase(table.rows.begin(), table.rows.begin() + drop);
    table.row_lines.erase(table.row_lines.begin(), table.row_lines.begin() + drop);
  } else if (!table.rows.empty()) {
    st.width = table.rows[0].size();
    for (std::size_t c = 0; c < st.width; ++c) table.columns.push_back(column_letters(c));
  }
}

// Gives every row read since the last call exactly `width` cells; what did not fit is reported.
void CsvReader::normalize_new_rows() {
  State& st = *s_;
  Table& table = st.table;
  const std::size_t width = st.width;
  for (std::size_t r = st.normalized; r < table.rows.size(); ++r) {
    auto& cells = table.rows[r];
    if (cells.size() == width) continue;
    if (cells.size() < width) {
      ++st.ragged;
      add_issue(table.issues, table.row_lines[r], cells.size() + 1,
                "this line has " + std::to_string(cells.size()) + " cell(s) where " + std::to_string(width) +
                    " are expected; the missing ones are left empty");
      cells.resize(width);
    } else {
      const bool lost = std::any_of(cells.begin() + static_cast<long>(width), cells.end(),
                                    [](const std::string& c) { return !is_blank(c); });
      if (lost) {
        ++st.ragged;
        add_issue(table.issues, table.row_lines[r], width + 1,
                  "this line has " + std::to_string(cells.size()) + " cells where " + std::to_string(width) +
                      " are expected; the cells from column " + std::to_string(width + 1) + " on are ignored");
      }
      cells.resize(width);
    }
  }
  st.normalized = table.rows.size();
}

Result<bool> CsvReader::step(std::size_t max_records) {
  if (!s_) return make_error("bad_state", "the CSV reader was not opened");
  State& st = *s_;
  if (st.finished) return false;
  Table& table = st.table;
  const std::size_t row_limit = st.options.max_rows + 10;  // room for a header and metadata lines
  std::vector<std::string> row;
  bool at_end = false;
  for (std::size_t n = 0; n < std::max<std::size_t>(max_records, 1); ++n) {
    const auto step = st.scanner.next(row, &table.issues);
    if (step == Scanner::Step::end) {
      at_end = true;
      break;
    }
    if (step == Scanner::Step::error) return make_error("bad_csv", st.scanner.error_message());
    if (table.rows.size() >= row_limit)
      return make_error("too_many_rows", "line " + std::to_string(st.scanner.record_line()) +
                                             ": the file has more than " + std::to_string(st.options.max_rows) +
                                             " rows, the limit");
    table.row_lines.push_back(st.scanner.record_line());
    table.rows.push_back(std::move(row));
    row = std::vector<std::string>();
    if (!table.rows.back().empty()) row.reserve(table.rows.back().size());
  }
  // The header is chosen among the first 10 records, so rows wait for them.
  if (!st.header_decided && (at_end || table.rows.size() >= 10)) decide_header();
  if (st.header_decided) normalize_new_rows();
  if (!at_end) return true;

  st.finished = true;
  if (table.rows.size() > st.options.max_rows)
    return make_error("too_many_rows", "the file has " + std::to_string(table.rows.size()) + " rows; the limit is " +
                                           std::to_string(st.options.max_rows));
  if (table.issues.size() >= kMaxIssues)
    table.issues.push_back({0, 0, "more issues were found; only the first " + std::to_string(kMaxIssues) +
                                      " are listed (" + std::to_string(st.ragged) +
                                      " lines had the wrong number of cells)"});
  return false;
}

double CsvReader::progress() const {
  if (!s_ || s_->finished || s_->text.empty()) return 1.0;
  return static_cast<double>(s_->scanner.position()) / static_cast<double>(s_->text.size());
}

const Table& CsvReader::table() const {
  static const Table kEmpty;
  return s_ ? s_->table : kEmpty;
}

Table CsvReader::take() { return s_ ? std::move(s_->table) : Table(); }

Result<Table> read_csv(std::string_view bytes, const CsvOptions& options) {
  auto reader = CsvReader::open(bytes, options);
  if (!reader) return reader.error();
  for (;;) {
    auto more = reader->step(std::size_t(-1));
    if (!more) return more.error();
    if (!*more) return reader->take();
  }
}

}  // namespace tirage
