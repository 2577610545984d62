#include "server/imports/import_service.hpp"

#include <chrono>

#include "server/log/event_log.hpp"
#include "server/random.hpp"
#include "shared/core/time.hpp"
#include "shared/platforms/platform_pages.hpp"

namespace tirage::server {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

namespace {
constexpr int kResolvePages = 20;  // how far back a link is looked for among the organizer's posts
constexpr std::size_t kResolveFacebookPages = 25;  // Pages searched for a link that names none

// "6 hours", "90 seconds": the collection interval as the organizer reads it.
std::string describe_interval(long long s) {
  if (s % 3600 == 0) return std::to_string(s / 3600) + (s == 3600 ? " hour" : " hours");
  if (s % 60 == 0) return std::to_string(s / 60) + (s == 60 ? " minute" : " minutes");
  return std::to_string(s) + (s == 1 ? " second" : " seconds");
}
}

ImportService::ImportService(Database& db, TokenSource& tokens, ImportConfig config)
    : config_(std::move(config)),
      db_(db),
      store_(db),
      tokens_(tokens),
      worker_http_(config_.timeout_ms),
      request_http_(config_.timeout_ms),
      runner_(store_, tokens_, worker_http_, config_) {}

ImportService::~ImportService() { stop(); }

void ImportService::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { worker(); });
}

void ImportService::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ImportService::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

void ImportService::worker() {
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    std::int64_t soonest = -1;
    const std::int64_t now = now_ms();
    if (now >= next_sweep_ms_) {
      next_sweep_ms_ = now + config_.retention.sweep_interval_s() * 1000;
      if (auto purged = purge_expired_comments(db_, config_.retention, now / 1000); !purged)
        log_event("error", "comment_retention", {{"error", purged.error().message}});
    }
    if (auto job = store_.next_runnable(now, &soonest)) {
      if (auto ok = runner_.step(*job, now); !ok)
        log_event("error", "import_step", {{"import", job->id}, {"error", ok.error().message}});
      continue;
    }
    std::unique_lock lock(mutex_);
    const auto wait = std::chrono::milliseconds(soonest < 0 ? 1000 : std::clamp<std::int64_t>(soonest - now, 1, 1000));
    cv_.wait_for(lock, wait, [this] { return stopping_ || woken_; });
    woken_ = false;
  }
}

Result<HttpReply> ImportService::call(const std::string& organizer_id, Platform p, const ApiRequest& request,
                                      const std::string& post_id) {
  auto token = tokens_.access_token(organizer_id, platform_name(p), post_id);
  if (!token) return token.error();
  auto reply = request_http_.send(config_.base_url(p), request, *token);
  if (!reply) return make_error("platform_unavailable", reply.error().message);
  if (reply->status < 200 || reply->status >= 300) {
    const auto f = classify_failure(p, reply->status, reply->body, reply->headers, now_ms() / 1000);
    const char* code = f.kind == FailureKind::token_expired ? "not_connected"
                       : f.kind == FailureKind::not_found   ? "not_found"
                       : f.kind == FailureKind::throttled || f.kind == FailureKind::quota_exhausted ? "rate_limited"
                                                                                                     : "platform_unavailable";
    return make_error(code, f.message);
  }
  return reply;
}

Result<PostPage> ImportService::recent_posts(const std::string& organizer_id, Platform p, const std::string& cursor,
                                            const std::string& page_id) {
  if (cursor.size() > 2048) return make_error("bad_request", "cursor is longer than 2048 characters");
  if (!page_id.empty() && p != Platform::facebook)
    return make_error("bad_request", "page_id is for Facebook only (the Page whose posts to list)");
  if (page_id.size() > 32 || page_id.find_first_not_of("0123456789") != std::string::npos)
    return make_error("bad_request", "page_id must be a Facebook Page id (digits only, as GET "
                                     "/api/v1/connections/facebook/pages lists them)");
  // The token source picks a Page's token by the "{page_id}_" that starts the ids of its posts.
  const std::string token_key = page_id.empty() ? "" : page_id + "_";
  if (p == Platform::tiktok && !cursor.empty() && cursor.find_first_not_of("0123456789") != std::string::npos)
    return make_error("bad_request", "a TikTok cursor is a number");
  std::string prelude;
  if (auto pre = posts_prelude_request(p); !pre.target.empty()) {
    auto reply = call(organizer_id, p, pre);
    if (!reply) return reply.error();
    auto id = p == Platform::youtube ? parse_youtube_uploads_playlist(reply->body) : parse_x_user_id(reply->body);
    if (!id) return id.error();
    prelude = *id;
  }
  auto reply = call(organizer_id, p, posts_request(config_, p, cursor, prelude), token_key);
  if (!reply) return reply.error();
  switch (p) {
    case Platform::instagram: return parse_instagram_media(reply->body);
    case Platform::facebook: return parse_facebook_posts(reply->body);
    case Platform::youtube: return parse_youtube_playlist_items(reply->body);
    case Platform::x: return parse_x_timeline(reply->body, "");
    case Platform::tiktok: return parse_tiktok_videos(reply->body);
  }
  return make_error("bad_platform", "unknown platform");
}

Result<std::string> ImportService::resolve(const std::string& organizer_id, const PostReference& ref) {
  if (ref.kind == PostReference::Kind::id) return ref.value;
  auto found = find_among_posts(organizer_id, ref, "");
  if (found || found.error().code != "choose_page") return found;
  // A Facebook account managing several Pages: a link without ids names none of them, so each Page's posts are searched.
  const auto pages = tokens_.facebook_page_ids(organizer_id);
  for (std::size_t i = 0; i < pages.size() && i < kResolveFacebookPages; ++i) {
    auto in_page = find_among_posts(organizer_id, ref, pages[i]);
    if (in_page || in_page.error().code != "not_found") return in_page;
  }
  return make_error("not_found", "this post is not among the recent posts of the Pages the connected Facebook account "
                                 "manages; imports work only on your own Pages' posts (choose the Page, then pick the post)");
}

Result<std::string> ImportService::find_among_posts(const std::string& organizer_id, const PostReference& ref,
                                                    const std::string& page_id) {
  // Links that carry no API id are matched against the organizer's own posts (api-reference.md 2.6, 3.4).
  std::string cursor;
  for (int page = 0; page < kResolvePages; ++page) {
    auto posts = recent_posts(organizer_id, ref.platform, cursor, page_id);
    if (!posts) return posts.error();
    for (const auto& post : posts->posts) {
      const bool match =
          (ref.kind == PostReference::Kind::shortcode && post.shortcode == ref.value) ||
          (ref.kind == PostReference::Kind::shortcode && post.url.find("/" + ref.value + "/") != std::string::npos) ||
          (ref.kind == PostReference::Kind::facebook_post && post.id.size() > ref.value.size() &&
           post.id.compare(post.id.size() - ref.value.size() - 1, std::string::npos, "_" + ref.value) == 0) ||
          (ref.kind == PostReference::Kind::facebook_link && !post.url.empty() && ref.value.find(post.url) != std::string::npos);
      if (match) return post.id;
    }
    if (!posts->next_cursor) break;
    cursor = *posts->next_cursor;
  }
  return make_error("not_found", "this post is not among the connected account's recent posts; imports work only on the "
                                 "account's own posts (pick it from the list)");
}

Result<std::pair<ImportJob, bool>> ImportService::create(const std::string& organizer_id, Platform platform,
                                                         const std::string& post, bool include_replies,
                                                         std::optional<std::int64_t> collect_until) {
  if (collect_until) {
    const std::int64_t now_s = now_ms() / 1000;
    if (platform != Platform::x)
      return make_error("bad_request", "\"collect_until\" is for X imports only (the other platforms list a post's "
                                       "comments at any time: import again before the draw)");
    if (*collect_until <= now_s)
      return make_error("bad_request", "\"collect_until\" must be in the future (it is " + format_rfc3339(*collect_until) +
                                           ", now is " + format_rfc3339(now_s) + ")");
    if (*collect_until > now_s + ImportConfig::kMaxCollectAheadS)
      return make_error("bad_request", "\"collect_until\" must be at most 60 days ahead (until " +
                                           format_rfc3339(now_s + ImportConfig::kMaxCollectAheadS) + ")");
  }
  if (platform == Platform::tiktok)
    return make_error("not_available",
                      "TikTok offers no API that lists a video's comments with their authors to apps like Tirage (its "
                      "Research API is for academic researchers only); export the comments with a tool of your choice "
                      "and import the CSV or XLSX file instead");
  auto ref = parse_post_reference(platform, post);
  if (!ref) return ref.error();
  // No connection, no import: said now rather than by a job that stops at once.
  const std::string known_id = ref->kind == PostReference::Kind::id ? ref->value : "";
  // (Several Facebook Pages and a link naming none: resolve() looks in each Page.)
  if (auto token = tokens_.access_token(organizer_id, platform_name(platform), known_id);
      !token && token.error().code != "choose_page")
    return token.error();
  auto post_id = resolve(organizer_id, *ref);
  if (!post_id) return post_id.error();
  if (auto live = store_.find_live(organizer_id, platform, *post_id, include_replies && platform != Platform::x)) {
    if (collect_until && live->collect_until != collect_until) {
      if (auto ok = store_.set_collect_until(live->id, *collect_until, now_ms()); !ok) return ok.error();
      live->collect_until = collect_until;
    }
    return std::pair{*live, false};
  }
  if (store_.count_running(organizer_id) >= kMaxRunningPerOrganizer)
    return make_error("rate_limited", "at most 5 imports run at once per organizer; wait for one to finish or cancel one");
  ImportJob job;
  job.id = random_id("imp_");
  job.organizer_id = organizer_id;
  job.platform = platform;
  job.post_id = *post_id;
  job.include_replies = include_replies && platform != Platform::x;  // X replies are all in the conversation already
  job.created_at = now_ms() / 1000;
  job.updated_ms = now_ms();
  job.collect_until = collect_until;
  if (platform == Platform::x)
    merge_problems(job.problems,
                   {{"x_7_day_window",
                     collect_until
                         ? "X's recent search returns only replies from the last 7 days; replies older than that when this "
                           "import started cannot be imported. This import searches again for new replies every " +
                               describe_interval(config_.x_collect_interval_s) + " until " + format_rfc3339(*collect_until)
                         : std::string("X's recent search returns only replies from the last 7 days; older replies cannot be "
                                       "imported. For a giveaway running longer, start the import with collect_until: it "
                                       "then collects new replies as the giveaway runs"),
                     1}},
                   true);
  if (auto ok = store_.create(job); !ok) return ok.error();
  log_event("info", "import_created", {{"import", job.id}, {"organizer", organizer_id}, {"platform", platform_name(platform)}});
  wake();
  return std::pair{job, true};
}

std::optional<ImportJob> ImportService::find(const std::string& id, const std::string& organizer_id) {
  return store_.find(id, organizer_id);
}

Status ImportService::cancel(const std::string& id, const std::string& organizer_id) {
  return store_.cancel(id, organizer_id, now_ms());
}

Status ImportService::resume(const std::string& id, const std::string& organizer_id) {
  auto ok = store_.resume(id, organizer_id, now_ms());
  if (ok) wake();
  return ok;
}

Result<std::vector<std::string>> ImportService::comments(const std::string& id, const std::string& organizer_id,
                                                         std::int64_t offset, std::int64_t limit) {
  auto job = store_.find(id, organizer_id);
  if (!job) return make_error("not_found", "no import " + id.substr(0, 100));
  if (job->comments_deleted_at)
    return make_error("gone", "the comments of this import were deleted on " + format_rfc3339(*job->comments_deleted_at) +
                                  " (" + job->comments_deleted_reason + ", see /privacy); import the post again to read them");
  return store_.comments(id, offset, limit);
}

Json ImportService::to_json(const ImportJob& job) const {
  Json progress = {{"stage", job.stage}, {"pages", job.pages}, {"comments", job.comments}};
  if (job.expected_total) {
    const std::int64_t remaining = std::max<std::int64_t>(0, *job.expected_total - job.comments);
    const std::int64_t per_page = page_size(config_, job.platform);
    const std::int64_t pages_left = job.state == "running" ? (remaining + per_page - 1) / per_page : 0;
    progress["expected_total"] = *job.expected_total;
    progress["estimated_remaining_comments"] = job.state == "running" ? remaining : 0;
    progress["estimated_remaining_pages"] = pages_left;
    if (job.pages > 0)
      progress["estimated_remaining_seconds"] = (job.network_us + job.work_us) / job.pages * pages_left / 1000000;
  }
  Json problems = Json::array(), notes = Json::array();
  for (const auto& [code, p] : job.problems.items()) {
    Json item = {{"code", code}, {"message", p.value("message", "")}, {"count", p.value("count", std::int64_t{1})}};
    (p.value("info", false) ? notes : problems).push_back(item);
  }
  Json j = {{"id", job.id},
            {"platform", platform_name(job.platform)},
            {"post_id", job.post_id},
            {"include_replies", job.include_replies},
            {"state", job.state},
            {"resumable", job.state == "stopped"},
            {"progress", progress},
            {"problems", problems},
            {"notes", notes},
            {"timing", {{"network_ms", job.network_us / 1000}, {"work_ms", job.work_us / 1000}, {"parse_ms", job.parse_us / 1000}}},
            {"created_at", job.created_at}};
  if (!job.error_code.empty()) j["error"] = {{"code", job.error_code}, {"message", job.error_message}};
  j["comments_deleted_at"] = job.comments_deleted_at ? Json(*job.comments_deleted_at) : Json(nullptr);
  if (job.comments_deleted_at) j["comments_deleted_reason"] = job.comments_deleted_reason;
  if (job.platform == Platform::x) {
    // Collection over time: still going while a pass runs or the next one waits (or a stopped one can resume).
    j["watching"] = job.collect_until.has_value() && (job.state == "watching" || job.state == "running" || job.state == "stopped");
    j["collect_until"] = job.collect_until ? Json(*job.collect_until) : Json(nullptr);
    j["last_collected_at"] = job.last_collected_at ? Json(*job.last_collected_at) : Json(nullptr);
    j["next_collection_at"] = job.state == "watching" ? Json(job.next_attempt_ms / 1000) : Json(nullptr);
    j["collections"] = job.passes;
  }
  if (job.state == "running" && job.next_attempt_ms > now_ms()) j["waiting_until_ms"] = job.next_attempt_ms;
  return j;
}

}  // namespace tirage::server
