// Comment imports for organizers: start one from a post link or id, watch its
// progress, read what it collected, cancel or resume it, and list the
// organizer's recent posts for the picker. One worker thread runs every
// running import a request at a time (round robin, each at its platform's
// pace), and deletes comments whose retention ended (comment_retention.hpp);
// imports survive restarts because their state lives in SQLite.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "server/imports/import_runner.hpp"
#include "shared/platforms/post.hpp"
#include "shared/platforms/post_url.hpp"

namespace tirage::server {

class ImportService {
 public:
  static constexpr int kMaxRunningPerOrganizer = 5;

  ImportService(Database& db, TokenSource& tokens, ImportConfig config);
  ~ImportService();
  void start();
  void stop();

  // Starts importing the comments of post (a link or an id). The same live import is returned (created=false)
  // when one exists (with collect_until set to the new value when one is given). TikTok answers
  // 'not_available' with the CSV/XLSX route. collect_until (X only, Unix seconds, in the future and at most
  // 60 days ahead): keep collecting new replies until then.
  Result<std::pair<ImportJob, bool>> create(const std::string& organizer_id, Platform platform, const std::string& post,
                                            bool include_replies, std::optional<std::int64_t> collect_until = std::nullopt);
  std::optional<ImportJob> find(const std::string& id, const std::string& organizer_id);
  Status cancel(const std::string& id, const std::string& organizer_id);
  Status resume(const std::string& id, const std::string& organizer_id);
  // Comments in arrival order; 'not_found' for another organizer's import, 'gone' once they were deleted.
  Result<std::vector<std::string>> comments(const std::string& id, const std::string& organizer_id, std::int64_t offset,
                                            std::int64_t limit);
  // One page of the organizer's recent posts on platform (cursor "" = newest). page_id (Facebook only, "" =
  // the one Page): which of the connection's Pages; 'not_found' when the connection does not manage it.
  Result<PostPage> recent_posts(const std::string& organizer_id, Platform platform, const std::string& cursor,
                                const std::string& page_id = "");

  // One request to platform as the organizer (post_id picks a Facebook Page's token); a non-2xx
  // answer becomes an error: not_connected, not_found, rate_limited or platform_unavailable.
  Result<HttpReply> call(const std::string& organizer_id, Platform p, const ApiRequest& request,
                         const std::string& post_id = "");

  // The API's JSON for a job (state, progress with estimates, problems, timing).
  Json to_json(const ImportJob& job) const;
  const ImportConfig& config() const { return config_; }

 private:
  void worker();
  void wake();
  Result<std::string> resolve(const std::string& organizer_id, const PostReference& ref);
  // The post a link names among the recent posts of the account (or of one Facebook Page); not_found when absent.
  Result<std::string> find_among_posts(const std::string& organizer_id, const PostReference& ref, const std::string& page_id);

  ImportConfig config_;
  Database& db_;
  ImportStore store_;
  TokenSource& tokens_;
  PlatformHttp worker_http_, request_http_;
  ImportRunner runner_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false, woken_ = false;
  std::int64_t next_sweep_ms_ = 0;  // when the comment retention is checked next
  std::thread thread_;
};

// Milliseconds since the Unix epoch (the edge reads the clock).
std::int64_t now_ms();

}  // namespace tirage::server
