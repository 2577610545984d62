// What a header cell names (by synonyms in English, French, Spanish and
// German, and the column names of common comment-export tools), and where
// the header row is: exports often put a few lines of metadata above it.
//
//   role_of_header("Nom d'utilisateur") == ColumnRole::handle
//   detect_header_row(first_rows)       // index of the header row, or nullopt
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tirage {

enum class ColumnRole { none, handle, user_id, text, time, comment_id, account_created, followers };

// The role a header names; matching ignores case, spaces, punctuation and a
// trailing "(...)" note ("Name (click to view profile)" is a handle).
ColumnRole role_of_header(std::string_view header);

// Looks at up to the first 10 rows: row 0 is the header when one of its cells
// names a role (or when it is text over columns of numbers or dates); a later
// row is the header only when it names both a user column and another role.
std::optional<std::size_t> detect_header_row(const std::vector<std::vector<std::string>>& first_rows);

// "A", "B", ..., "Z", "AA", ...: the name of 0-based column c.
std::string column_letters(std::size_t c);

}  // namespace tirage
