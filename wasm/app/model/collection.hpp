// X's "keep collecting new replies until …" as the app decides it, with no
// browser in sight (so it is tested natively): the date the organizer types,
// checked against the server's bounds, and when the app reads an import's
// comments again and how many of them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "wasm/app/model/local_time.hpp"

namespace tirage::app {

// The server's limit for collect_until (ImportConfig::kMaxCollectAheadS).
constexpr std::int64_t kMaxCollectAheadS = 60 * 86400;
// The default: a week, as long as most giveaways run.
constexpr std::int64_t kDefaultCollectS = 7 * 86400;

// Why a typed date is refused: the key of the catalog's sentence (post.collect.*).
enum class CollectProblem { none, malformed, past, too_far };

struct CollectUntil {
  std::optional<std::int64_t> at;  // Unix seconds, when the text is a usable date
  CollectProblem problem = CollectProblem::none;
};

// "YYYY-MM-DD HH:MM" in the browser's local time (tz_offset_minutes as JS getTimezoneOffset gives it:
// minutes to add to local time for UTC) -> a collect_until in the future and at most 60 days after now.
CollectUntil parse_collect_until(const std::string& text, std::int64_t now, int tz_offset_minutes);

// The catalog key for a problem ("" for none).
const char* collect_problem_key(CollectProblem p);

// What the app reads of an import's comments now.
enum class FetchPlan { none, all, newer };

struct ImportSeen {
  std::string state;           // the import's state on the server (running, watching, done, stopped, cancelled, failed)
  std::uint64_t comments = 0;  // how many it holds
  bool in_list = false;        // its comments were put in the list (the giveaway's imported_from)
  bool set_aside = false;      // ... and the organizer has since chosen another source: they stay out
  std::int64_t in_list_count = -1;  // how many of them (-1: unknown, work saved before this was counted)
  bool committed = false;      // the list was committed for the draw: it never changes again
};

// A finished import is read whole, once; a watching one as soon as its first pass has replies; once in the list,
// only the comments that arrived since (a later pass, or a resumed import) are read, and nothing after the commit.
FetchPlan comments_to_fetch(const ImportSeen& seen);

// Seconds until the next look at an import in this state (0: it changes only when the organizer acts): often
// while it pages, every 30 s while it watches, or just after its next search when that comes sooner.
double poll_delay(const std::string& state, double now, std::optional<std::int64_t> next_pass_at = std::nullopt);

}  // namespace tirage::app
