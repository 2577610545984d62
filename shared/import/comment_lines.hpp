// Comments as JSON Lines: one comment per line in the server's JSON shape
// (comment_to_json), as a platform import delivers them and the organizer's
// app saves them, read back for the filters.
//
//   std::vector<ImportIssue> issues;
//   auto comments = comments_from_json_lines(bytes, issues);   // bad lines become issues
#pragma once

#include <string_view>
#include <vector>

#include "shared/import/comments.hpp"
#include "shared/import/table.hpp"

namespace tirage {

// Every readable line as a Comment; a line that is not a comment is an issue
// with its line number (1-based) and does not stop the others. Empty lines are skipped.
std::vector<Comment> comments_from_json_lines(std::string_view lines, std::vector<ImportIssue>& issues);

}  // namespace tirage
