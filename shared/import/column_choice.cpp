#include "shared/import/column_choice.hpp"

#include <algorithm>

#include "shared/core/decimal.hpp"

namespace tirage {

namespace {

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// A column named by its header (exact, ignoring ASCII case and outer spaces), else by its 1-based number.
Result<std::size_t> column_named(const std::string& field, const std::string& name, const Table& table) {
  const std::string wanted = lower_trimmed(name);
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    if (lower_trimmed(table.columns[c]) == wanted) return c;
  const bool digits = !wanted.empty() && wanted.size() <= 6 &&
                      std::all_of(wanted.begin(), wanted.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  if (auto n = digits ? parse_decimal(wanted) : std::nullopt; n && *n >= 1) return static_cast<std::size_t>(*n - 1);
  std::string headers;
  for (std::size_t c = 0; c < table.columns.size() && c < 30; ++c)
    headers += (c ? ", \"" : "\"") + table.columns[c].substr(0, 40) + "\"";
  return make_error("bad_column", "the " + field + " column \"" + name.substr(0, 40) +
                                      "\" is neither a header of the table nor a column number (the columns are " +
                                      headers + (table.columns.size() > 30 ? ", ..." : "") + ")");
}

}  // namespace

Result<ColumnMap> choose_columns(const Json& choice, const Table& table) {
  ColumnMap map = guess_columns(table);
  if (!choice.is_object()) return map;
  for (const char* field : kChosenColumns) {
    auto it = choice.find(field);
    if (it == choice.end()) continue;
    std::optional<std::size_t>* slot = nullptr;
    const std::string f = field;
    if (f == "handle") slot = &map.handle;
    else if (f == "user_id") slot = &map.user_id;
    else if (f == "text") slot = &map.text;
    else if (f == "time") slot = &map.time;
    else slot = &map.comment_id;
    if (it->is_number_integer()) {
      const auto v = it->get<std::int64_t>();
      *slot = v < 0 ? std::nullopt : std::optional<std::size_t>(static_cast<std::size_t>(v));
    } else if (it->is_string()) {
      std::size_t c = 0;
      TIRAGE_TRY_ASSIGN(c, column_named(f, it->get<std::string>(), table));
      *slot = c;
    }
  }
  return map;
}

}  // namespace tirage
