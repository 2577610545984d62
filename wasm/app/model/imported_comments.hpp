// The comments of a platform import as the app keeps them: one comment per
// line in the server's JSON shape (comment_to_json), the bytes saved in the
// browser like a CSV file, read back into the participant pipeline.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "shared/import/comments.hpp"
#include "shared/import/table.hpp"

namespace tirage::app {

// Every readable line as a Comment; a line that is not a comment is an issue
// with its line number (1-based) and does not stop the others.
std::vector<Comment> comments_from_json_lines(std::string_view lines, std::vector<ImportIssue>& issues);

// Appends the comments of one GET /api/v1/imports/{id}/comments page to lines;
// the count appended, or an error when the page is not the documented shape.
Result<std::size_t> append_comment_page(const Json& page, std::string& lines);

// Merges two JSON-lines lists by comment_id (the newer wins); lines without a
// comment_id are kept from both. For platforms imported again (X's 7-day search).
std::string merge_comment_lines(std::string_view older, std::string_view newer);

}  // namespace tirage::app
