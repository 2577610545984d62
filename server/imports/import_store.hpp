// Imports in SQLite: the job (state, stage, cursor, counts, problems), the
// comments collected so far (deduplicated by comment id, so a page fetched
// twice after a crash counts once), and reply threads still to list. Each page
// is saved in one transaction with the cursor that follows it: a restart
// resumes exactly after the last saved page (after a power loss, possibly a
// few pages earlier: page commits do not wait for the disk, see save_page).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "server/db/database.hpp"
#include "shared/platforms/comment_page.hpp"
#include "shared/platforms/platform.hpp"

namespace tirage::server {

struct ImportJob {
  std::string id, organizer_id;
  Platform platform = Platform::instagram;
  std::string post_id;
  bool include_replies = false;
  std::string state = "running";  // running, done, stopped (resumable), failed, cancelled, watching (between passes)
  std::string stage = "count";    // count, comments, replies
  std::string cursor;
  std::int64_t pages = 0, comments = 0;
  std::optional<std::int64_t> expected_total;
  int attempts = 0;
  std::int64_t next_attempt_ms = 0;
  Json problems = Json::object();  // code -> {"message","count","info"?}
  std::string error_code, error_message;
  std::int64_t network_us = 0, work_us = 0, parse_us = 0;  // work = parse + save + the rest of ours
  std::int64_t created_at = 0, updated_ms = 0;
  // Collection over time (X): passes repeat until collect_until; a pass searches from since_id.
  std::optional<std::int64_t> collect_until, last_collected_at;  // Unix seconds
  std::string since_id;              // this pass's since_id ("" = the whole search window)
  std::int64_t pass_started_at = 0;  // Unix seconds: when this pass began its search
  std::int64_t passes = 0;           // finished passes
  // Set once its comments were deleted (server/imports/comment_retention.hpp): when, and why.
  std::optional<std::int64_t> comments_deleted_at;  // Unix seconds
  std::string comments_deleted_reason;
};

// What one page changes in a job.
struct PageUpdate {
  std::vector<Comment> comments;
  std::vector<Gap> gaps;
  std::vector<ReplyThread> threads;     // reply threads to list later
  std::string stage, cursor;            // where the job goes next
  std::optional<std::string> thread_id; // replies stage: the thread this page belonged to
  std::optional<std::string> thread_cursor;  // its next cursor; nullopt = thread finished
  std::optional<std::int64_t> expected_total;
  std::int64_t next_attempt_ms = 0;
  std::int64_t network_us = 0, work_us = 0, parse_us = 0;
  int pages = 1;  // 0 for the count request, which is not a page of comments
};

class ImportStore {
 public:
  explicit ImportStore(Database& db) : db_(db) {}

  Status create(const ImportJob& job);
  // The job if it is the organizer's (anyone else's looks absent: no existence oracle).
  std::optional<ImportJob> find(const std::string& id, const std::string& organizer_id);
  std::optional<ImportJob> find_any(const std::string& id);
  // A live (running or stopped) import of the same post, to answer a repeated request with it.
  std::optional<ImportJob> find_live(const std::string& organizer_id, Platform p, const std::string& post_id,
                                     bool include_replies);
  std::int64_t count_running(const std::string& organizer_id);
  // Sets when a live import stops collecting (a repeated request with another collect_until).
  Status set_collect_until(const std::string& id, std::int64_t collect_until, std::int64_t now_ms);
  // The running (or watching) job whose turn has come (oldest update first), if any; soonest wake-up otherwise.
  std::optional<ImportJob> next_runnable(std::int64_t now_ms, std::int64_t* soonest_ms);

  // Saves a page atomically; false (and nothing saved) when the job stopped running meanwhile.
  Result<bool> save_page(const std::string& id, const PageUpdate& update, std::int64_t now_ms);
  // Sets the state (and error) of a running job; counts timing of the failed request.
  Status set_state(const std::string& id, const std::string& state, const std::string& error_code,
                   const std::string& error_message, std::int64_t now_ms);
  // Schedules the next attempt of a running job, remembering a note ("retried", "rate_limited").
  Status schedule(const std::string& id, int attempts, std::int64_t next_attempt_ms, const std::string& note_code,
                  const std::string& note_message, std::int64_t network_us, std::int64_t now_ms);
  // Ends a running job's pass: state "done" or "watching" (next pass at next_ms); the pass's start becomes
  // last_collected_at.
  Status end_pass(const std::string& id, const std::string& state, std::int64_t next_ms, std::int64_t now_ms);
  // Starts another pass of a watching job from since_id, dropping problems that each pass recomputes and
  // adding gaps; false when the job is no longer watching (cancelled meanwhile).
  Result<bool> begin_pass(const std::string& id, const std::string& since_id, const std::vector<Gap>& gaps,
                          std::int64_t now_ms);
  // Restarts a running pass from its first page without since_id (the platform refused it), noting why.
  Status drop_since_id(const std::string& id, const Gap& why, std::int64_t now_ms);
  // The greatest comment id collected (numeric ids compared as numbers), "" when none.
  std::string newest_comment_id(const std::string& id);
  // Adds problems (gaps) to a job, merging counts by code.
  Status add_problems(const std::string& id, const std::vector<Gap>& gaps, bool info, std::int64_t now_ms);
  // Organizer actions: 'not_found' for another organizer's job, 'conflict' when the state does not allow it.
  Status cancel(const std::string& id, const std::string& organizer_id, std::int64_t now_ms);
  Status resume(const std::string& id, const std::string& organizer_id, std::int64_t now_ms);

  // The next reply thread still to list, if any.
  std::optional<ReplyThread> next_thread(const std::string& id);
  // Collected comments in the order they arrived, as their JSON.
  std::vector<std::string> comments(const std::string& id, std::int64_t offset, std::int64_t limit);

 private:
  Database& db_;
};

// Adds gaps into a problems object (code -> {"message","count"}).
void merge_problems(Json& problems, const std::vector<Gap>& gaps, bool info);

}  // namespace tirage::server
