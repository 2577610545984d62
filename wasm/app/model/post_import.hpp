// One comment import from a platform post, as the participants step shows
// it: started or found again by id (after a reload), polled while the
// server pages through the platform (and now and then while an X import
// watches for new replies between passes), cancelled or resumed, and its
// comments fetched page by page for the participant pipeline: all of them
// once it has ended, or only those that arrived since the last read.
// The server does the importing; this only follows it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "wasm/app/api/api_client.hpp"

namespace tirage::app {

class PostImport {
 public:
  enum class Phase { idle, starting, following, fetching, fetched, failed };

  // POST /api/v1/imports for a post link (or a bare API id from the picker); collect_until (X): keep
  // collecting new replies until then (Unix seconds).
  void start(ApiClient& api, const std::string& platform, const std::string& post, bool is_id, bool include_replies,
             std::optional<std::int64_t> collect_until = std::nullopt);
  // Follows an import already started (the id saved in the giveaway).
  void attach(ApiClient& api, const std::string& import_id);
  // Forgets the import (a new source was chosen).
  void reset();
  // Polls while the import runs or watches (collection/poll_delay); fetches the comments once asked.
  void tick(ApiClient& api, double now);
  // Looks at the import at the next tick whatever the interval (the tab came back into view).
  void poll_soon() { next_poll_ = 0; }
  void cancel(ApiClient& api);
  void resume(ApiClient& api);
  // Reads the comments collected so far from offset `from` on (0: all of them).
  void fetch_comments(ApiClient& api, std::size_t from = 0);
  // True for a few seconds after reading the comments failed (the next try waits, not every frame).
  bool fetch_waiting(double now) const;
  // The fetched comments as JSON lines; empties them.
  std::string take_comments();

  Phase phase() const { return phase_; }
  const std::string& id() const { return id_; }
  const Json& info() const { return info_; }  // the last GET /api/v1/imports/{id}
  std::string state() const;                  // running, done, stopped, failed, cancelled ("" before the first answer)
  const std::string& error() const { return error_; }  // a request that failed (not the import's own error)
  const std::string& error_code() const { return error_code_; }
  const std::string& alternative() const { return alternative_; }  // 422 not_available: "csv_import", the file route
  std::uint64_t comments_so_far() const;  // progress.comments of the last answer
  std::size_t fetched() const { return fetched_; }  // the offset reached: comments before it have been read
  std::size_t fetched_from() const { return fetched_from_; }  // where the last read started (0: all)
  std::size_t total() const { return total_; }
  // Milliseconds from fetch_comments() to the last page, and of those, spent in this code appending pages (benchmarks).
  double fetch_ms() const { return fetch_ms_; }
  double fetch_work_ms() const { return fetch_work_ms_; }

 private:
  void poll(ApiClient& api);
  void fetch_page(ApiClient& api);
  Phase phase_ = Phase::idle;
  std::string id_;
  Json info_;
  std::string error_, error_code_;
  std::string alternative_;
  double next_poll_ = 0;
  bool in_flight_ = false;
  std::string lines_;
  std::size_t fetched_ = 0, total_ = 0, fetched_from_ = 0;
  double fetch_started_ = 0, fetch_ms_ = 0, fetch_work_ms_ = 0, fetch_failed_at_ = -1e9;
  int generation_ = 0;  // answers to a forgotten import are ignored
};

// True for the import errors that a new connection to the platform fixes.
bool needs_reconnect(const std::string& code);

}  // namespace tirage::app
