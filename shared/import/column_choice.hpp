// The organizer's column choices for a table, over the guessed ones
// (guess_columns): what the app's column pickers save with the giveaway, and
// what `tirage participants --handle-column ...` says by name.
//
//   {"handle": 2, "text": -1}          // 0-based column; negative: no such column
//   {"handle": "Username", "time": "3"}  // a header (any case), else a 1-based number
//   auto map = choose_columns(choice, table);
#pragma once

#include "shared/core/result.hpp"
#include "shared/import/comments.hpp"
#include "shared/import/table.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage {

// The fields a choice may set, in the order the app shows them.
inline constexpr const char* kChosenColumns[] = {"handle", "user_id", "text", "time", "comment_id"};

// guess_columns(table) with the choices applied. Numbers are taken as they
// are (TableComments::open rejects a column the table lacks); a name that is
// neither a header of the table nor a column number is an error listing the
// headers. Fields other than kChosenColumns and values of other types are ignored,
// as the app ignores them in saved work.
Result<ColumnMap> choose_columns(const Json& choice, const Table& table);

}  // namespace tirage
