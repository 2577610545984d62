#include "server/imports/import_runner.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

#include "server/log/event_log.hpp"
#include "shared/core/time.hpp"
#include "server/imports/platform_requests.hpp"
#include "shared/platforms/platform_pages.hpp"

namespace tirage::server {

namespace {

std::int64_t micros_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t).count();
}

Result<CommentPage> parse_comments(const ImportJob& job, const std::string& body) {
  switch (job.platform) {
    case Platform::instagram: return parse_instagram_comments(body, job.include_replies);
    case Platform::facebook: return parse_facebook_comments(body);
    case Platform::youtube: return parse_youtube_threads(body, job.include_replies);
    case Platform::x: return parse_x_search(body, job.post_id);
    case Platform::tiktok: break;
  }
  return make_error("not_available", "TikTok has no comment API open to apps like Tirage");
}

Result<CommentPage> parse_replies(const ImportJob& job, const std::string& body, const std::string& parent) {
  if (job.platform == Platform::instagram) return parse_instagram_comments(body, false, parent);
  return parse_youtube_replies(body);
}

Result<std::int64_t> parse_count(const ImportJob& job, const std::string& body) {
  switch (job.platform) {
    case Platform::instagram: return parse_instagram_comment_count(body);
    case Platform::youtube: return parse_youtube_comment_count(body);
    case Platform::x: return parse_x_reply_count(body);
    default: return make_error("not_available", "no count request");
  }
}

// How many times a problem was seen so far (0 when never).
std::int64_t problem_count(const Json& problems, const char* code) {
  if (!problems.is_object() || !problems.contains(code)) return 0;
  const Json& p = problems[code];
  return p.is_object() && p.contains("count") && p["count"].is_number_integer() ? p["count"].get<std::int64_t>() : 0;
}

const char* not_returned_reasons(Platform p) {
  switch (p) {
    case Platform::instagram:
      return "Instagram counted them but did not return them: deleted comments, comments by restricted accounts, "
             "comments on ads that use this post, or hidden by Instagram's filters";
    case Platform::facebook:
      return "Facebook counted them but did not return them: deleted or hidden comments, or privacy settings of their authors";
    case Platform::youtube:
      return "YouTube counted them but did not return them: comments held for review, likely spam, or deleted";
    case Platform::x:
      return "X counted them but search did not return them: replies older than 7 days, deleted or protected accounts";
    case Platform::tiktok: break;
  }
  return "not returned by the platform";
}

}  // namespace

std::int64_t ImportRunner::capped(std::int64_t wait_ms) const { return std::clamp<std::int64_t>(wait_ms, 0, config_.wait_cap_ms); }

Status ImportRunner::retry(const ImportJob& job, std::int64_t wait_ms, const std::string& note, const std::string& why,
                           bool counts_as_attempt, std::int64_t network_us, std::int64_t now_ms) {
  const int attempts = job.attempts + (counts_as_attempt ? 1 : 0);
  if (attempts >= config_.max_attempts) {
    log_event("warn", "import_stopped", {{"import", job.id}, {"reason", why}});
    return store_.set_state(job.id, "stopped", "platform_unavailable",
                            std::string(platform_name(job.platform)) + " failed " + std::to_string(attempts) +
                                " times in a row (" + why + "); resume the import to try again from where it stopped",
                            now_ms);
  }
  return store_.schedule(job.id, attempts, now_ms + capped(wait_ms), note, why, network_us, now_ms);
}

Status ImportRunner::finish(const ImportJob& job, std::int64_t now_ms) {
  std::vector<Gap> gaps;
  const bool replies_possible = job.platform != Platform::x;
  if (!job.include_replies && replies_possible)
    gaps.push_back({"replies_not_requested", "replies to comments were not imported (include_replies was off)", 1});
  // Returned without an author is returned: those are author_hidden already, not also not_returned.
  const std::int64_t returned = job.comments + problem_count(job.problems, "author_hidden");
  if (job.expected_total && *job.expected_total > returned && (job.include_replies || !replies_possible))
    gaps.push_back({"not_returned", not_returned_reasons(job.platform), *job.expected_total - returned});
  if (!gaps.empty())
    if (auto ok = store_.add_problems(job.id, gaps, false, now_ms); !ok) return ok;
  const std::int64_t now_s = now_ms / 1000;
  if (job.collect_until && now_s < *job.collect_until) {
    // One more pass at the latest at collect_until, so replies up to then are in.
    const std::int64_t next_s = std::min<std::int64_t>(now_s + config_.x_collect_interval_s, *job.collect_until);
    log_event("info", "import_pass_done", {{"import", job.id}, {"comments", job.comments}, {"next_collection_at", next_s}});
    return store_.end_pass(job.id, "watching", next_s * 1000, now_ms);
  }
  log_event("info", "import_done", {{"import", job.id}, {"comments", job.comments}, {"pages", job.pages}});
  return store_.end_pass(job.id, "done", 0, now_ms);
}

Status ImportRunner::begin_pass(const ImportJob& job, std::int64_t now_ms) {
  // Recent search reaches 7 days back: a pass that comes later than that after the previous one's
  // start cannot see what was posted in between (the server was down, or the import stopped).
  constexpr std::int64_t kWindowS = 7 * 24 * 3600;
  const std::int64_t now_s = now_ms / 1000;
  std::vector<Gap> gaps;
  if (job.last_collected_at && now_s - *job.last_collected_at > kWindowS)
    gaps.push_back({"collection_gap",
                    "X's recent search reaches back 7 days only, and more passed between two collections (the server "
                    "was down or the import was stopped): replies posted from " +
                        format_rfc3339(*job.last_collected_at) + " to " + format_rfc3339(now_s - kWindowS) +
                        " may be missing",
                    1});
  // Only replies newer than the newest one already collected; none yet: all the conversation still in reach.
  const std::string since = store_.newest_comment_id(job.id);
  auto begun = store_.begin_pass(job.id, since, gaps, now_ms);
  if (!begun) return begun.error();
  if (*begun) log_event("info", "import_pass", {{"import", job.id}, {"since_id", since}, {"pass", job.passes + 1}});
  return {};
}

Status ImportRunner::step(const ImportJob& job, std::int64_t now_ms) {
  if (job.state == "watching") return begin_pass(job, now_ms);
  const std::string name(platform_name(job.platform));
  auto token = tokens_.access_token(job.organizer_id, name, job.post_id);
  if (!token) return store_.set_state(job.id, "stopped", token.error().code, token.error().message, now_ms);

  std::optional<ReplyThread> thread;
  ApiRequest request;
  if (job.stage == "count") {
    request = count_request(config_, job.platform, job.post_id);
    if (request.target.empty()) {  // this platform's count comes with the pages
      PageUpdate u;
      u.stage = "comments";
      u.pages = 0;
      return store_.save_page(job.id, u, now_ms).ok() ? Status{} : make_error("database", "cannot save the import");
    }
  } else if (job.stage == "comments") {
    request = comments_request(config_, job.platform, job.post_id, job.include_replies, job.cursor, job.since_id);
  } else {
    thread = store_.next_thread(job.id);
    if (!thread) return finish(job, now_ms);
    request = replies_request(config_, job.platform, thread->parent_id, thread->cursor);
  }

  const auto sent = std::chrono::steady_clock::now();
  auto reply = http_.send(config_.base_url(job.platform), request, *token);
  const std::int64_t network_us = micros_since(sent);
  const auto received = std::chrono::steady_clock::now();
  const auto backoff = static_cast<std::int64_t>(config_.backoff_ms) << std::min(job.attempts, 16);
  if (!reply) return retry(job, backoff, "retried", reply.error().message, true, network_us, now_ms);

  const bool ok_status = reply->status >= 200 && reply->status < 300;
  if (!ok_status) {
    const PlatformFailure f = classify_failure(job.platform, reply->status, reply->body, reply->headers, now_ms / 1000);
    switch (f.kind) {
      case FailureKind::transient:
        return retry(job, std::max(backoff, f.wait_seconds * 1000), "retried", f.message, true, network_us, now_ms);
      case FailureKind::throttled:
        // Waiting is what the platform asked for: it does not count towards giving up.
        return retry(job, f.wait_seconds > 0 ? f.wait_seconds * 1000 : backoff, "rate_limited",
                     "the platform asked us to slow down; the import waited as told", job.attempts > 0 && f.wait_seconds == 0,
                     network_us, now_ms);
      case FailureKind::token_expired: {
        // Ask the connection store for a fresh token once; a second rejection stops the import.
        tokens_.token_rejected(job.organizer_id, name, *token);
        auto fresh = tokens_.access_token(job.organizer_id, name, job.post_id);
        if (fresh && *fresh != *token) return retry(job, 0, "token_refreshed", "the access token was refreshed", false, network_us, now_ms);
        return store_.set_state(job.id, "stopped", "token_expired", f.message, now_ms);
      }
      case FailureKind::quota_exhausted:
        return store_.set_state(job.id, "stopped", "quota_exhausted", f.message, now_ms);
      case FailureKind::comments_disabled:
        if (auto ok = store_.add_problems(job.id, {{"comments_disabled", f.message, 1}}, false, now_ms); !ok) return ok;
        return store_.set_state(job.id, "done", "", "", now_ms);
      case FailureKind::forbidden:
      case FailureKind::not_found:
      case FailureKind::bad_request:
        if (job.stage == "count") {  // the count is a nicety: go on without it
          if (auto ok = store_.add_problems(job.id, {{"count_unavailable", "the platform did not give its comment count: " + f.message, 1}}, true, now_ms); !ok) return ok;
          PageUpdate u;
          u.stage = "comments";
          u.pages = 0;
          u.network_us = network_us;
          return store_.save_page(job.id, u, now_ms).ok() ? Status{} : make_error("database", "cannot save the import");
        }
        if (!job.since_id.empty() && f.kind == FailureKind::bad_request)
          // X refuses a since_id older than its search window: search the whole window again (the
          // store ignores replies it already has).
          return store_.drop_since_id(job.id, {"since_id_refused", "X refused to search from the newest collected "
                                               "reply (" + f.message + "); the pass searched its whole 7-day window "
                                               "instead", 1}, now_ms);
        return store_.set_state(job.id, "failed", std::string(failure_kind_name(f.kind)), f.message, now_ms);
    }
  }

  PageUpdate u;
  u.network_us = network_us;
  u.stage = job.stage;
  const RateAdvice advice = rate_advice(job.platform, reply->headers, now_ms / 1000);
  u.next_attempt_ms = advice.wait_seconds > 0 ? now_ms + capped(advice.wait_seconds * 1000) : 0;
  if (job.stage == "count") {
    u.pages = 0;
    auto count = parse_count(job, reply->body);
    if (count) u.expected_total = *count;
    else u.gaps.push_back({"count_unavailable", "the platform's comment count could not be read: " + count.error().message, 1});
    u.stage = "comments";
  } else {
    const auto parse_start = std::chrono::steady_clock::now();
    auto page = thread ? parse_replies(job, reply->body, thread->parent_id) : parse_comments(job, reply->body);
    u.parse_us = micros_since(parse_start);
    // A malformed page is retried like a network fault: the same cursor asks for the same page again.
    if (!page) return retry(job, backoff, "retried", page.error().message, true, network_us, now_ms);
    u.comments = std::move(page->comments);
    u.gaps = std::move(page->gaps);
    u.threads = std::move(page->more_replies);
    if (page->total_hint && !job.expected_total) u.expected_total = page->total_hint;
    if (thread) {
      u.thread_id = thread->parent_id;
      u.thread_cursor = page->next_cursor;
      u.cursor = job.cursor;
    } else if (page->next_cursor) {
      if (*page->next_cursor == job.cursor)
        return store_.set_state(job.id, "stopped", "bad_platform_response",
                                name + " returned the same page cursor twice; stopped rather than loop", now_ms);
      u.cursor = *page->next_cursor;
    } else {
      u.cursor = "";
      u.stage = "replies";  // then finish() once no reply thread is left
    }
  }
  // The commit's own time is known only after it: it is added to the next page's figure.
  const std::int64_t before_save = micros_since(received);
  u.work_us = before_save + std::exchange(save_carry_us_[job.id], 0);
  auto saved = store_.save_page(job.id, u, now_ms);
  if (!saved) return saved.error();
  save_carry_us_[job.id] = micros_since(received) - before_save;
  return {};
}

}  // namespace tirage::server
