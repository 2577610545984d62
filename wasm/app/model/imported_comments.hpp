// The comments of a platform import as the app keeps them: one comment per
// line in the server's JSON shape (comment_to_json), the bytes saved in the
// browser like a CSV file, read back into the participant pipeline by
// comments_from_json_lines (shared/import/comment_lines.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "shared/import/comments.hpp"

namespace tirage::app {

// Appends the comments of one GET /api/v1/imports/{id}/comments page to lines;
// the count appended, or an error when the page is not the documented shape.
Result<std::size_t> append_comment_page(const Json& page, std::string& lines);

// Merges two JSON-lines lists by comment_id (the newer wins); lines without a
// comment_id are kept from both. For platforms imported again (X's 7-day search).
std::string merge_comment_lines(std::string_view older, std::string_view newer);

}  // namespace tirage::app
