#include "server/imports/import_store.hpp"

#include <mutex>

namespace tirage::server {

namespace {

constexpr const char* kColumns =
    "id, organizer_id, platform, post_id, include_replies, state, stage, cursor, pages, comments, expected_total, "
    "attempts, next_attempt_ms, problems, error_code, error_message, network_us, work_us, created_at, updated_ms, parse_us, "
    "collect_until, since_id, pass_started_at, last_collected_at, passes, comments_deleted_at, comments_deleted_reason";

// The stored problems (a JSON object by construction; an empty one should the column ever hold anything else).
Json problems_object(const std::string& text) {
  auto problems = parse_json(text);
  return problems && problems->is_object() ? *problems : Json::object();
}

ImportJob read_job(Statement& st) {
  ImportJob j;
  j.id = st.text(0);
  j.organizer_id = st.text(1);
  j.platform = platform_from_name(st.text(2)).value();
  j.post_id = st.text(3);
  j.include_replies = st.integer(4) != 0;
  j.state = st.text(5);
  j.stage = st.text(6);
  j.cursor = st.text(7);
  j.pages = st.integer(8);
  j.comments = st.integer(9);
  j.expected_total = st.optional_integer(10);
  j.attempts = static_cast<int>(st.integer(11));
  j.next_attempt_ms = st.integer(12);
  j.problems = problems_object(st.text(13));
  j.error_code = st.text(14);
  j.error_message = st.text(15);
  j.network_us = st.integer(16);
  j.work_us = st.integer(17);
  j.created_at = st.integer(18);
  j.updated_ms = st.integer(19);
  j.parse_us = st.integer(20);
  j.collect_until = st.optional_integer(21);
  j.since_id = st.text(22);
  j.pass_started_at = st.integer(23);
  j.last_collected_at = st.optional_integer(24);
  j.passes = st.integer(25);
  j.comments_deleted_at = st.optional_integer(26);
  j.comments_deleted_reason = st.text(27);
  return j;
}

}  // namespace

void merge_problems(Json& problems, const std::vector<Gap>& gaps, bool info) {
  for (const auto& g : gaps) {
    Json& entry = problems[g.code];
    if (!entry.is_object()) entry = Json{{"message", g.message}, {"count", 0}};
    entry["count"] = entry.value("count", std::int64_t{0}) + g.count;
    // Comments hidden by the owner are collected all the same: worth knowing, nothing is missing.
    if (info || g.code == "hidden_by_owner") entry["info"] = true;
  }
}

Status ImportStore::create(const ImportJob& j) {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "INSERT INTO imports (id, organizer_id, platform, post_id, include_replies, state, stage, problems, created_at, updated_ms,"
      " collect_until, pass_started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, j.id).bind(2, j.organizer_id).bind(3, platform_name(j.platform)).bind(4, j.post_id);
  st.bind(5, std::int64_t{j.include_replies}).bind(6, j.state).bind(7, j.stage).bind(8, j.problems.dump());
  st.bind(9, j.created_at).bind(10, j.updated_ms);
  st.bind_optional(11, j.collect_until);
  st.bind(12, j.created_at);
  return st.run();
}

std::optional<ImportJob> ImportStore::find(const std::string& id, const std::string& organizer_id) {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM imports WHERE id = ? AND organizer_id = ?");
  st.bind(1, id).bind(2, organizer_id);
  if (!st.step()) return std::nullopt;
  return read_job(st);
}

std::optional<ImportJob> ImportStore::find_any(const std::string& id) {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM imports WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_job(st);
}

std::optional<ImportJob> ImportStore::find_live(const std::string& organizer_id, Platform p, const std::string& post_id,
                                                bool include_replies) {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(std::string("SELECT ") + kColumns +
                        " FROM imports WHERE organizer_id = ? AND platform = ? AND post_id = ? AND include_replies = ?"
                        " AND state IN ('running', 'stopped', 'watching') ORDER BY created_at DESC LIMIT 1");
  st.bind(1, organizer_id).bind(2, platform_name(p)).bind(3, post_id).bind(4, std::int64_t{include_replies});
  if (!st.step()) return std::nullopt;
  return read_job(st);
}

std::int64_t ImportStore::count_running(const std::string& organizer_id) {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("SELECT count(*) FROM imports WHERE organizer_id = ? AND state = 'running'");
  st.bind(1, organizer_id);
  return st.step() ? st.integer(0) : 0;
}

Status ImportStore::set_collect_until(const std::string& id, std::int64_t collect_until, std::int64_t now_ms) {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("UPDATE imports SET collect_until = ?, updated_ms = ? WHERE id = ?");
  st.bind(1, collect_until).bind(2, now_ms).bind(3, id);
  return st.run();
}

std::optional<ImportJob> ImportStore::next_runnable(std::int64_t now_ms, std::int64_t* soonest_ms) {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(std::string("SELECT ") + kColumns +
                        " FROM imports WHERE state IN ('running', 'watching') AND next_attempt_ms <= ? ORDER BY updated_ms LIMIT 1");
  st.bind(1, now_ms);
  if (st.step()) return read_job(st);
  auto soon = db_.prepare("SELECT min(next_attempt_ms) FROM imports WHERE state IN ('running', 'watching')");
  *soonest_ms = soon.step() && !soon.is_null(0) ? soon.integer(0) : -1;
  return std::nullopt;
}

Result<bool> ImportStore::save_page(const std::string& id, const PageUpdate& u, std::int64_t now_ms) {
  std::lock_guard lock(db_.mutex());
  // A page can be fetched again: its commit does not wait for the disk (WAL with synchronous=NORMAL
  // stays atomic and survives a crash of the process; a power loss may undo the last pages, which the
  // import then fetches again from the cursor saved with them, duplicates ignored). The fsync of
  // synchronous=FULL was 6 of the 7 ms each page cost us. The next FULL commit (a draw, an account)
  // syncs these pages too, and the connection is back to FULL before anyone else uses it.
  if (auto r = db_.exec("PRAGMA synchronous=NORMAL"); !r) return r.error();
  struct RestoreFull {
    Database& db;
    ~RestoreFull() { (void)db.exec("PRAGMA synchronous=FULL"); }
  } restore{db_};
  bool saved = false;
  Status ok = db_.transaction([&]() -> Status {
    auto cur = db_.prepare("SELECT state, problems FROM imports WHERE id = ?");
    cur.bind(1, id);
    if (!cur.step() || cur.text(0) != "running") return {};  // cancelled meanwhile: keep nothing of this page
    auto problems = parse_json(cur.text(1));
    Json merged = problems && problems->is_object() ? *problems : Json::object();
    merge_problems(merged, u.gaps, false);
    std::int64_t added = 0;
    // Statement has no reset(), so each row gets its own (cached by SQLite's parser, cheap next to the fsync).
    for (const auto& c : u.comments) {
      auto insert = db_.prepare("INSERT OR IGNORE INTO import_comments (import_id, comment_id, body) VALUES (?, ?, ?)");
      insert.bind(1, id).bind(2, c.comment_id).bind(3, comment_to_json(c).dump());
      if (auto r = insert.run(); !r) return r;
      auto changes = db_.prepare("SELECT changes()");
      if (changes.step()) added += changes.integer(0);  // 0 for a comment already saved before a restart
    }
    for (const auto& t : u.threads) {
      auto st = db_.prepare("INSERT OR IGNORE INTO import_threads (import_id, parent_id, cursor) VALUES (?, ?, ?)");
      st.bind(1, id).bind(2, t.parent_id).bind(3, t.cursor);
      if (auto r = st.run(); !r) return r;
    }
    if (u.thread_id) {
      auto st = db_.prepare("UPDATE import_threads SET cursor = ?, done = ? WHERE import_id = ? AND parent_id = ?");
      st.bind(1, u.thread_cursor.value_or("")).bind(2, std::int64_t{!u.thread_cursor}).bind(3, id).bind(4, *u.thread_id);
      if (auto r = st.run(); !r) return r;
    }
    auto st = db_.prepare(
        "UPDATE imports SET stage = ?, cursor = ?, pages = pages + ?, comments = comments + ?, attempts = 0,"
        " next_attempt_ms = ?, problems = ?, expected_total = coalesce(?, expected_total),"
        " network_us = network_us + ?, work_us = work_us + ?, parse_us = parse_us + ?, updated_ms = ? WHERE id = ?");
    st.bind(1, u.stage).bind(2, u.cursor).bind(3, std::int64_t{u.pages}).bind(4, added).bind(5, u.next_attempt_ms);
    st.bind(6, merged.dump());
    st.bind_optional(7, u.expected_total);
    st.bind(8, u.network_us).bind(9, u.work_us).bind(10, u.parse_us).bind(11, now_ms).bind(12, id);
    if (auto r = st.run(); !r) return r;
    saved = true;
    return {};
  });
  if (!ok) return ok.error();
  return saved;
}

Status ImportStore::set_state(const std::string& id, const std::string& state, const std::string& error_code,
                              const std::string& error_message, std::int64_t now_ms) {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "UPDATE imports SET state = ?, error_code = ?, error_message = ?, updated_ms = ? WHERE id = ? AND state = 'running'");
  st.bind(1, state).bind(2, error_code).bind(3, error_message).bind(4, now_ms).bind(5, id);
  return st.run();
}

Status ImportStore::schedule(const std::string& id, int attempts, std::int64_t next_attempt_ms, const std::string& note_code,
                             const std::string& note_message, std::int64_t network_us, std::int64_t now_ms) {
  std::lock_guard lock(db_.mutex());
  return db_.transaction([&]() -> Status {
    auto cur = db_.prepare("SELECT problems FROM imports WHERE id = ? AND state = 'running'");
    cur.bind(1, id);
    if (!cur.step()) return {};
    Json merged = problems_object(cur.text(0));
    if (!note_code.empty()) merge_problems(merged, {Gap{note_code, note_message, 1}}, true);
    auto st = db_.prepare(
        "UPDATE imports SET attempts = ?, next_attempt_ms = ?, problems = ?, network_us = network_us + ?, updated_ms = ?"
        " WHERE id = ? AND state = 'running'");
    st.bind(1, std::int64_t{attempts}).bind(2, next_attempt_ms).bind(3, merged.dump()).bind(4, network_us).bind(5, now_ms);
    st.bind(6, id);
    return st.run();
  });
}

Status ImportStore::end_pass(const std::string& id, const std::string& state, std::int64_t next_ms, std::int64_t now_ms) {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "UPDATE imports SET state = ?, next_attempt_ms = ?, attempts = 0, last_collected_at = pass_started_at,"
      " passes = passes + 1, updated_ms = ? WHERE id = ? AND state = 'running'");
  st.bind(1, state).bind(2, next_ms).bind(3, now_ms).bind(4, id);
  return st.run();
}

Result<bool> ImportStore::begin_pass(const std::string& id, const std::string& since_id, const std::vector<Gap>& gaps,
                                     std::int64_t now_ms) {
  std::lock_guard lock(db_.mutex());
  bool begun = false;
  Status ok = db_.transaction([&]() -> Status {
    auto cur = db_.prepare("SELECT problems FROM imports WHERE id = ? AND state = 'watching'");
    cur.bind(1, id);
    if (!cur.step()) return {};
    Json merged = problems_object(cur.text(0));
    merged.erase("not_returned");  // the pass's end says again how many the platform counted but did not return
    merge_problems(merged, gaps, false);
    auto st = db_.prepare(
        "UPDATE imports SET state = 'running', stage = 'count', cursor = '', since_id = ?, pass_started_at = ?,"
        " attempts = 0, next_attempt_ms = 0, problems = ?, error_code = NULL, error_message = NULL, updated_ms = ?"
        " WHERE id = ? AND state = 'watching'");
    st.bind(1, since_id).bind(2, now_ms / 1000).bind(3, merged.dump()).bind(4, now_ms).bind(5, id);
    if (auto r = st.run(); !r) return r;
    begun = true;
    return {};
  });
  if (!ok) return ok.error();
  return begun;
}

Status ImportStore::drop_since_id(const std::string& id, const Gap& why, std::int64_t now_ms) {
  if (auto ok = add_problems(id, {why}, false, now_ms); !ok) return ok;
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "UPDATE imports SET since_id = '', stage = 'comments', cursor = '', attempts = 0, next_attempt_ms = 0, updated_ms = ?"
      " WHERE id = ? AND state = 'running'");
  st.bind(1, now_ms).bind(2, id);
  return st.run();
}

std::string ImportStore::newest_comment_id(const std::string& id) {
  std::lock_guard lock(db_.mutex());
  // Ids are decimal strings of growing values (X's snowflakes): the longest, then the greatest, is the newest.
  auto st = db_.prepare(
      "SELECT comment_id FROM import_comments WHERE import_id = ? ORDER BY length(comment_id) DESC, comment_id DESC LIMIT 1");
  st.bind(1, id);
  return st.step() ? st.text(0) : std::string();
}

Status ImportStore::add_problems(const std::string& id, const std::vector<Gap>& gaps, bool info, std::int64_t now_ms) {
  std::lock_guard lock(db_.mutex());
  return db_.transaction([&]() -> Status {
    auto cur = db_.prepare("SELECT problems FROM imports WHERE id = ?");
    cur.bind(1, id);
    if (!cur.step()) return {};
    Json merged = problems_object(cur.text(0));
    merge_problems(merged, gaps, info);
    auto st = db_.prepare("UPDATE imports SET problems = ?, updated_ms = ? WHERE id = ?");
    st.bind(1, merged.dump()).bind(2, now_ms).bind(3, id);
    return st.run();
  });
}

Status ImportStore::cancel(const std::string& id, const std::string& organizer_id, std::int64_t now_ms) {
  auto job = find(id, organizer_id);
  if (!job) return make_error("not_found", "no import " + id.substr(0, 100));
  if (job->state != "running" && job->state != "stopped" && job->state != "watching")
    return make_error("conflict", "the import is already " + job->state);
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "UPDATE imports SET state = 'cancelled', updated_ms = ? WHERE id = ? AND organizer_id = ?"
      " AND state IN ('running', 'stopped', 'watching')");
  st.bind(1, now_ms).bind(2, id).bind(3, organizer_id);
  return st.run();
}

Status ImportStore::resume(const std::string& id, const std::string& organizer_id, std::int64_t now_ms) {
  auto job = find(id, organizer_id);
  if (!job) return make_error("not_found", "no import " + id.substr(0, 100));
  if (job->state != "stopped")
    return make_error("conflict", "only a stopped import can be resumed; this one is " + job->state);
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "UPDATE imports SET state = 'running', attempts = 0, next_attempt_ms = 0, error_code = NULL, error_message = NULL,"
      " updated_ms = ? WHERE id = ? AND organizer_id = ? AND state = 'stopped'");
  st.bind(1, now_ms).bind(2, id).bind(3, organizer_id);
  return st.run();
}

std::optional<ReplyThread> ImportStore::next_thread(const std::string& id) {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("SELECT parent_id, cursor FROM import_threads WHERE import_id = ? AND done = 0 ORDER BY rowid LIMIT 1");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return ReplyThread{st.text(0), st.text(1)};
}

std::vector<std::string> ImportStore::comments(const std::string& id, std::int64_t offset, std::int64_t limit) {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("SELECT body FROM import_comments WHERE import_id = ? ORDER BY rowid LIMIT ? OFFSET ?");
  st.bind(1, id).bind(2, limit).bind(3, offset);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

}  // namespace tirage::server
