// One imported comment, as every platform parser produces it, and one page of
// them. The JSON shape is what the import API serves and the organizer app reads:
//
//   {"platform":"instagram","user_id":"6790001112223334","handle":"alice.p",
//    "text":"I'm in!","time":1763632904,"comment_id":"17870913679156914",
//    "parent_id":"...",          (replies only)
//    "account_created":1386995755, "followers":120}   (where the platform gives them)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/core/time.hpp"
#include "shared/platforms/platform.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage {

struct Comment {
  Platform platform = Platform::instagram;
  std::string user_id;     // the platform's id of the author (stable across handle changes)
  std::string handle;      // username / display name as the platform shows it
  std::string text;
  UnixSeconds time = 0;
  std::string comment_id;
  std::optional<std::string> parent_id;        // set on replies
  std::optional<UnixSeconds> account_created;  // X only, among our platforms
  std::optional<std::int64_t> followers;       // X only, among our platforms
};

// Something a page could not give, said plainly (deleted, hidden, withheld...).
struct Gap {
  std::string code;     // "author_hidden", "replies_more", "hidden_by_owner", ...
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

Json comment_to_json(const Comment& c);

// Adds count to the gap with this code (or appends it), so a page reports each kind once.
void add_gap(std::vector<Gap>& gaps, const std::string& code, const std::string& message, std::int64_t count = 1);

}  // namespace tirage
