#include "server/imports/comment_retention.hpp"

#include <algorithm>
#include <vector>

#include "server/log/event_log.hpp"

namespace tirage::server {

namespace {

// One import's comments and threads go, in one transaction; an import still collecting stops.
Status purge_one(Database& db, const std::string& import_id, const std::string& reason, UnixSeconds now) {
  return db.transaction([&]() -> Status {
    auto comments = db.prepare("DELETE FROM import_comments WHERE import_id = ?");
    comments.bind(1, import_id);
    if (auto ok = comments.run(); !ok) return ok;
    auto threads = db.prepare("DELETE FROM import_threads WHERE import_id = ?");
    threads.bind(1, import_id);
    if (auto ok = threads.run(); !ok) return ok;
    auto mark = db.prepare(
        "UPDATE imports SET comments_deleted_at = ?, comments_deleted_reason = ?, cursor = '', since_id = '',"
        " state = CASE WHEN state IN ('running', 'watching', 'stopped') THEN 'cancelled' ELSE state END,"
        " updated_ms = ? WHERE id = ?");
    mark.bind(1, now).bind(2, reason).bind(3, now * 1000).bind(4, import_id);
    return mark.run();
  });
}

}  // namespace

long long CommentRetention::sweep_interval_s() const {
  return std::clamp<long long>(std::min(after_draw_s, unused_s) / 4, 1, 60);
}

Result<int> purge_expired_comments(Database& db, const CommentRetention& retention, UnixSeconds now) {
  std::lock_guard lock(db.mutex());
  // For each import still holding comments and no longer collecting: the draws of the same organizer
  // on the same post committed since the import began. One still waiting keeps the comments; else the
  // latest end (publication in the log, or publish_by for an abandoned draw) starts the retention;
  // without any such draw, the import's last change does.
  auto st = db.prepare(R"sql(
WITH used AS (
  SELECT i.id AS import_id,
         count(d.id) AS draws,
         sum(CASE WHEN d.result IS NULL AND (d.publish_by IS NULL OR d.publish_by >= ?1) THEN 1 ELSE 0 END) AS waiting,
         max(CASE WHEN d.result IS NOT NULL
                  THEN coalesce((SELECT l.created_at FROM log_entries l WHERE l.idx = d.result_log_idx), d.draw_at)
                  ELSE d.publish_by END) AS ended_at
  FROM imports i
  LEFT JOIN draw_sources s ON s.platform = i.platform AND s.post_id = i.post_id
  LEFT JOIN draws d ON d.id = s.draw_id AND d.organizer_id = i.organizer_id AND d.created_at >= i.created_at
  WHERE i.comments_deleted_at IS NULL AND i.state NOT IN ('running', 'watching')
  GROUP BY i.id)
SELECT u.import_id, u.draws > 0 FROM used u JOIN imports i ON i.id = u.import_id
WHERE (u.draws > 0 AND u.waiting = 0 AND u.ended_at + ?2 <= ?1)
   OR (u.draws = 0 AND i.updated_ms / 1000 + ?3 <= ?1))sql");
  st.bind(1, now).bind(2, static_cast<std::int64_t>(retention.after_draw_s)).bind(3, static_cast<std::int64_t>(retention.unused_s));
  std::vector<std::pair<std::string, bool>> due;
  while (st.step()) due.emplace_back(st.text(0), st.integer(1) != 0);
  int purged = 0;
  for (const auto& [id, after_draw] : due) {
    const char* reason = after_draw ? kDeletedAfterDraw : kDeletedUnused;
    if (auto ok = purge_one(db, id, reason, now); !ok) return ok.error();
    log_event("info", "import_comments_deleted", {{"import", id}, {"reason", reason}});
    ++purged;
  }
  return purged;
}

Result<int> purge_organizer_comments(Database& db, const std::string& organizer_id, const std::string& platform,
                                     const std::string& reason, UnixSeconds now) {
  std::lock_guard lock(db.mutex());
  auto st = db.prepare("SELECT id FROM imports WHERE organizer_id = ? AND platform = ? AND comments_deleted_at IS NULL");
  st.bind(1, organizer_id).bind(2, platform);
  std::vector<std::string> ids;
  while (st.step()) ids.push_back(st.text(0));
  for (const auto& id : ids) {
    if (auto ok = purge_one(db, id, reason, now); !ok) return ok.error();
    log_event("info", "import_comments_deleted", {{"import", id}, {"reason", reason}});
  }
  return static_cast<int>(ids.size());
}

}  // namespace tirage::server
