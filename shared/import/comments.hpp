// Comments: one row of a participant file (or one line of pasted text) as
// the filters and the draw see it, whatever the source.
//
//   auto map = guess_columns(table);                    // the preview's defaults
//   std::vector<ImportIssue> issues;
//   auto comments = comments_from_table(table, map, "instagram", issues);
//   auto pasted = comments_from_text("@zoe @max\nMarie Dupont\n");
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"
#include "shared/import/table.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage {

struct Comment {
  std::string platform = "list";  // instagram, facebook, x, youtube, tiktok, list
  std::string user_id{};           // the platform's stable id; may be empty for lists
  std::string handle{};           // as displayed ("@zoe", "Marie Dupont")
  std::string text{};
  std::optional<std::int64_t> time{};  // Unix seconds, UTC
  std::string comment_id{};
  std::optional<std::int64_t> account_created{};  // Unix seconds, UTC
  std::optional<std::int64_t> followers{};
  std::optional<std::string> parent_id{};  // the comment this one replies to (platform imports)
};

// Which column (0-based) holds what; unset when none does.
struct ColumnMap {
  std::optional<std::size_t> user_id{}, handle{}, text{}, time{}, comment_id{}, account_created{}, followers{};
};

// Guesses from header names (FR/EN/ES/DE and export tools' names); without a
// header, or with no user column named, the first column is the handle.
ColumnMap guess_columns(const Table& table);

// One Comment per row with a handle or user id. Unreadable cells (a bad date,
// a follower count that is not a number) and rows with no user are appended
// to issues with line and column and do not stop the import; an error only
// for a map that names no user column or a column the table lacks, or an
// unknown platform.
Result<std::vector<Comment>> comments_from_table(const Table& table, const ColumnMap& map, std::string_view platform,
                                                 std::vector<ImportIssue>& issues);

// comments_from_table a slice of rows at a time, so a page can convert a
// million rows and stay responsive (comments_from_table is this run to the end).
//
//   auto run = TableComments::open(table, map, "list");   // table must outlive the run
//   while (run->step(20'000, comments, issues)) show(run->progress());
class TableComments {
 public:
  // The errors of comments_from_table (unknown platform, no user column, a column the table lacks).
  static Result<TableComments> open(const Table& table, const ColumnMap& map, std::string_view platform);
  // Converts up to max_rows more rows, appending to out and issues; true while rows remain.
  bool step(std::size_t max_rows, std::vector<Comment>& out, std::vector<ImportIssue>& issues);
  // Share of the rows converted, 0 to 1.
  double progress() const;

 private:
  TableComments() = default;
  const Table* table_ = nullptr;
  ColumnMap map_;
  std::string platform_;
  std::size_t next_ = 0;
};

// Pasted or typed text: one participant per line; a line made only of
// @handles ("@a, @b @c") gives one participant per handle. Blank lines and
// list bullets ("- ", "* ", "• ") are skipped. Platform "list".
std::vector<Comment> comments_from_text(std::string_view pasted);

// {"platform","user_id","handle","text","time","comment_id","account_created","followers","parent_id"};
// times are RFC 3339 strings, absent optionals are left out.
Json comment_to_json(const Comment& c);

// Reads the shape above strictly: unknown fields, wrong types and a missing
// platform or user (handle and user_id both empty) are errors naming the field.
// Times may also be integers (Unix seconds).
Result<Comment> comment_from_json(const Json& j);

}  // namespace tirage
