// One page of comments as a platform parser produces it: the comments (the
// Comment of shared/import, the one type the filters and the draw read), the
// next cursor, and what the page could not give.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/import/comments.hpp"

namespace tirage {

// Something a page could not give, said plainly (deleted, hidden, withheld...).
struct Gap {
  std::string code;     // "author_hidden", "hidden_by_owner", "withheld", ...
  std::string message;  // for the organizer
  std::int64_t count = 1;
};

// A comment thread whose replies were cut short on this page; the client lists them separately.
struct ReplyThread {
  std::string parent_id;
  std::string cursor;  // where to continue ("" = from the start)
};

struct CommentPage {
  std::vector<Comment> comments;
  std::optional<std::string> next_cursor;  // absent: this was the last page
  std::vector<Gap> gaps;
  std::vector<ReplyThread> more_replies;
  std::optional<std::int64_t> total_hint;  // the platform's own count, when it gives one
};

// Adds count to the gap with this code (or appends it), so a page reports each kind once.
void add_gap(std::vector<Gap>& gaps, const std::string& code, const std::string& message, std::int64_t count = 1);

}  // namespace tirage
