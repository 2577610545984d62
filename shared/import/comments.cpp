#include "shared/import/comments.hpp"

#include <algorithm>

#include "shared/core/time.hpp"
#include "shared/import/header_detect.hpp"
#include "shared/import/import_time.hpp"
#include "shared/protocol/entry.hpp"

namespace tirage {

namespace {
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  // U+00A0 (no-break space) is common in pasted text too.
  for (;;) {
    const std::size_t before = s.size();
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    if (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") s.remove_prefix(2);
    if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") s.remove_suffix(2);
    if (s.size() == before) return s;
  }
}

// Content guesses for a table whose header names no user column.
void guess_from_content(const Table& t, ColumnMap& map) {
  const std::size_t sample = std::min<std::size_t>(t.rows.size(), 50);
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    std::size_t filled = 0, at = 0, dates = 0, long_text = 0;
    for (std::size_t r = 0; r < sample; ++r) {
      if (c >= t.rows[r].size()) continue;
      const std::string_view v = trim(t.rows[r][c]);
      if (v.empty()) continue;
      ++filled;
      at += v[0] == '@';
      dates += parse_import_time(v).ok() && v.size() >= 8;
      long_text += v.size() > 25 && v.find(' ') != std::string_view::npos;
    }
    if (filled == 0) continue;
    if (!map.handle && at * 2 >= filled) map.handle = c;
    else if (!map.time && dates * 5 >= filled * 4) map.time = c;
    else if (!map.text && long_text * 2 >= filled) map.text = c;
  }
  if (!map.handle && !map.user_id) {
    // The first column nothing else claimed.
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      if (c != map.time && c != map.text) {
        map.handle = c;
        break;
      }
    }
  }
}

std::optional<std::int64_t> parse_count(std::string_view v) {
  std::int64_t n = 0;
  std::size_t digits = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    if (c >= '0' && c <= '9') {
      if (++digits > 15) return std::nullopt;
      n = n * 10 + (c - '0');
    } else if (c == ',' || c == '.' || c == ' ' || c == '\'') {
      continue;  // thousands separators in any locale
    } else if (c == '\xC2' && i + 1 < v.size() && v[i + 1] == '\xA0') {
      ++i;
    } else {
      return std::nullopt;
    }
  }
  if (digits == 0) return std::nullopt;
  return n;
}

// The cell, or null when the map has no such column or the row is short
// (tables built by hand need not keep read_csv's every-row-full-width promise).
const std::string* cell(const Table& t, std::size_t r, const std::optional<std::size_t>& c) {
  return c && *c < t.rows[r].size() ? &t.rows[r][*c] : nullptr;
}

// Field readers for comment_from_json.
Status read_string(const Json& j, const char* field, std::string& out) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return {};
  if (!it->is_string()) return make_error("bad_comment", std::string("field \"") + field + "\" must be a string");
  out = it->get<std::string>();
  return {};
}

Status read_time(const Json& j, const char* field, std::optional<std::int64_t>& out) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return {};
  if (it->is_number_integer()) {
    out = it->get<std::int64_t>();
    return {};
  }
  if (!it->is_string())
    return make_error("bad_comment", std::string("field \"") + field + "\" must be an RFC 3339 time or Unix seconds");
  auto t = parse_rfc3339(it->get<std::string>());
  if (!t) return make_error("bad_comment", std::string("field \"") + field + "\": " + t.error().message);
  out = *t;
  return {};
}
}  // namespace

ColumnMap guess_columns(const Table& table) {
  ColumnMap map;
  if (table.has_header) {
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      auto set = [&](std::optional<std::size_t>& slot) {
        if (!slot) slot = c;
      };
      switch (role_of_header(table.columns[c])) {
        case ColumnRole::handle: set(map.handle); break;
        case ColumnRole::user_id: set(map.user_id); break;
        case ColumnRole::text: set(map.text); break;
        case ColumnRole::time: set(map.time); break;
        case ColumnRole::comment_id: set(map.comment_id); break;
        case ColumnRole::account_created: set(map.account_created); break;
        case ColumnRole::followers: set(map.followers); break;
        case ColumnRole::none: break;
      }
    }
  }
  if (!map.handle && !map.user_id) guess_from_content(table, map);
  return map;
}

Result<TableComments> TableComments::open(const Table& table, const ColumnMap& map, std::string_view platform) {
  if (!is_known_platform(platform))
    return make_error("bad_platform", "unknown platform \"" + std::string(platform.substr(0, 40)) + "\"");
  if (!map.handle && !map.user_id)
    return make_error("no_user_column", "choose the column that holds the participants' names");
  for (auto c : {map.user_id, map.handle, map.text, map.time, map.comment_id, map.account_created, map.followers})
    if (c && *c >= table.columns.size())
      return make_error("bad_column", "column " + std::to_string(*c + 1) + " does not exist (the table has " +
                                          std::to_string(table.columns.size()) + ")");
  TableComments run;
  run.table_ = &table;
  run.map_ = map;
  run.platform_ = std::string(platform);
  return run;
}

bool TableComments::step(std::size_t max_rows, std::vector<Comment>& out, std::vector<ImportIssue>& issues) {
  const Table& table = *table_;
  const ColumnMap& map = map_;
  const std::size_t user_column = (map.handle ? *map.handle : *map.user_id) + 1;
  if (next_ == 0) out.reserve(out.size() + table.rows.size());
  const std::size_t stop = next_ + std::min(table.rows.size() - next_, std::max<std::size_t>(max_rows, 1));
  for (; next_ < stop; ++next_) {
    const std::size_t r = next_;
    const std::size_t line = r < table.row_lines.size() ? table.row_lines[r] : r + 1;
    Comment c;
    c.platform = platform_;
    if (auto v = cell(table, r, map.handle)) c.handle = trim(*v);
    if (auto v = cell(table, r, map.user_id)) c.user_id = trim(*v);
    if (c.handle.empty() && c.user_id.empty()) {
      const bool blank = std::all_of(table.rows[r].begin(), table.rows[r].end(),
                                     [](const std::string& s) { return trim(s).empty(); });
      if (!blank) issues.push_back({line, user_column, "no participant name in this row; the row was left out"});
      continue;
    }
    if (auto v = cell(table, r, map.text)) c.text = *v;
    if (auto v = cell(table, r, map.comment_id)) c.comment_id = trim(*v);
    auto read_time = [&](const std::optional<std::size_t>& col, std::optional<std::int64_t>& dest) {
      const std::string* v = cell(table, r, col);
      if (!v || trim(*v).empty()) return;
      auto t = parse_import_time(*v);
      if (t) dest = *t;
      else issues.push_back({line, *col + 1, t.error().message});
    };
    read_time(map.time, c.time);
    read_time(map.account_created, c.account_created);
    if (auto v = cell(table, r, map.followers); v && !trim(*v).empty()) {
      if (auto n = parse_count(trim(*v))) c.followers = *n;
      else issues.push_back({line, *map.followers + 1, "\"" + std::string(trim(*v).substr(0, 40)) +
                                                           "\" is not a number of followers"});
    }
    out.push_back(std::move(c));
  }
  return next_ < table.rows.size();
}

double TableComments::progress() const {
  return table_->rows.empty() ? 1.0 : static_cast<double>(next_) / static_cast<double>(table_->rows.size());
}

Result<std::vector<Comment>> comments_from_table(const Table& table, const ColumnMap& map, std::string_view platform,
                                                 std::vector<ImportIssue>& issues) {
  auto run = TableComments::open(table, map, platform);
  if (!run) return run.error();
  std::vector<Comment> out;
  while (run->step(static_cast<std::size_t>(-1), out, issues)) {
  }
  return out;
}

std::vector<Comment> comments_from_text(std::string_view pasted) {
  if (pasted.substr(0, 3) == "\xEF\xBB\xBF") pasted.remove_prefix(3);
  std::vector<Comment> out;
  auto add = [&](std::string_view handle) {
    Comment c;
    c.handle = std::string(handle);
    out.push_back(std::move(c));
  };
  std::size_t start = 0;
  while (start <= pasted.size()) {
    std::size_t end = pasted.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = pasted.size();
    std::string_view line = trim(pasted.substr(start, end - start));
    start = end + ((end + 1 < pasted.size() && pasted[end] == '\r' && pasted[end + 1] == '\n') ? 2 : 1);
    for (std::string_view bullet : {"- ", "* ", "\xE2\x80\xA2 ", "\xE2\x80\xA2"})
      if (line.substr(0, bullet.size()) == bullet) {
        line = trim(line.substr(bullet.size()));
        break;
      }
    if (line.empty()) continue;
    // "@a, @b @c": split only when every piece is an @handle.
    std::vector<std::string_view> tokens;
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ',' || line[i] == ';' || is_space(line[i]))) ++i;
      const std::size_t b = i;
      while (i < line.size() && line[i] != ',' && line[i] != ';' && !is_space(line[i])) ++i;
      if (i > b) tokens.push_back(line.substr(b, i - b));
    }
    const bool all_handles = std::all_of(tokens.begin(), tokens.end(),
                                         [](std::string_view t) { return t.size() > 1 && t[0] == '@'; });
    if (tokens.size() > 1 && all_handles) {
      for (auto t : tokens) add(t);
    } else {
      add(line);
    }
    if (end == pasted.size()) break;
  }
  return out;
}

Json comment_to_json(const Comment& c) {
  Json j{{"platform", c.platform}, {"user_id", c.user_id}, {"handle", c.handle}, {"text", c.text},
         {"comment_id", c.comment_id}};
  if (c.time) j["time"] = format_rfc3339(*c.time);
  if (c.account_created) j["account_created"] = format_rfc3339(*c.account_created);
  if (c.followers) j["followers"] = *c.followers;
  if (c.parent_id) j["parent_id"] = *c.parent_id;
  return j;
}

Result<Comment> comment_from_json(const Json& j) {
  if (!j.is_object()) return make_error("bad_comment", "a comment must be a JSON object");
  static const char* const kFields[] = {"platform", "user_id", "handle", "text", "time", "comment_id",
                                        "account_created", "followers", "parent_id"};
  for (auto it = j.begin(); it != j.end(); ++it)
    if (std::none_of(std::begin(kFields), std::end(kFields), [&](const char* f) { return it.key() == f; }))
      return make_error("bad_comment", "unknown field \"" + it.key().substr(0, 40) + "\"");
  Comment c;
  c.platform.clear();
  TIRAGE_TRY(read_string(j, "platform", c.platform));
  if (!is_known_platform(c.platform))
    return make_error("bad_comment", "field \"platform\": must be instagram, facebook, x, youtube, tiktok or list");
  TIRAGE_TRY(read_string(j, "user_id", c.user_id));
  TIRAGE_TRY(read_string(j, "handle", c.handle));
  TIRAGE_TRY(read_string(j, "text", c.text));
  TIRAGE_TRY(read_string(j, "comment_id", c.comment_id));
  if (c.user_id.empty() && c.handle.empty())
    return make_error("bad_comment", "fields \"user_id\" and \"handle\": at least one must be given");
  TIRAGE_TRY(read_time(j, "time", c.time));
  TIRAGE_TRY(read_time(j, "account_created", c.account_created));
  if (auto it = j.find("followers"); it != j.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() < 0)
      return make_error("bad_comment", "field \"followers\" must be a whole number, 0 or more");
    c.followers = it->get<std::int64_t>();
  }
  if (auto it = j.find("parent_id"); it != j.end() && !it->is_null()) {
    if (!it->is_string() || it->get_ref<const std::string&>().empty())
      return make_error("bad_comment", "field \"parent_id\" must be a non-empty string");
    c.parent_id = it->get<std::string>();
  }
  return c;
}

}  // namespace tirage
