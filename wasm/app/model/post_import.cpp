#include "wasm/app/model/post_import.hpp"

#include "wasm/app/model/collection.hpp"
#include "wasm/app/model/imported_comments.hpp"
#include "wasm/app/ui/i18n.hpp"

namespace tirage::app {

namespace {

constexpr std::size_t kPageLimit = 1000;  // the comments route's maximum
constexpr double kFetchRetryS = 5;        // after reading the comments failed

}  // namespace

bool needs_reconnect(const std::string& code) {
  return code == "token_expired" || code == "not_connected" || code == "reconnect_needed" || code == "token_invalid";
}

void PostImport::reset() {
  const int next = generation_ + 1;
  *this = PostImport();
  generation_ = next;
}

std::string PostImport::state() const { return text_field(info_, "state"); }

std::uint64_t PostImport::comments_so_far() const {
  if (!info_.is_object() || !info_.contains("progress") || !info_["progress"].is_object()) return 0;
  const Json& p = info_["progress"];
  return p.contains("comments") && p["comments"].is_number_unsigned() ? p["comments"].get<std::uint64_t>() : 0;
}

void PostImport::start(ApiClient& api, const std::string& platform, const std::string& post, bool is_id, bool include_replies,
                       std::optional<std::int64_t> collect_until) {
  reset();
  phase_ = Phase::starting;
  Json body{{"platform", platform}, {"include_replies", include_replies}};
  if (collect_until) body["collect_until"] = *collect_until;
  body[is_id ? "post_id" : "post_url"] = post;
  const int gen = generation_;
  api.post("/api/v1/imports", body, [this, &api, gen](ApiReply r) {
    if (gen != generation_) return;
    if (!r.ok()) {
      phase_ = Phase::failed;
      error_ = r.message;
      error_code_ = r.code;
      alternative_ = text_field(r.body, "alternative");
      return;
    }
    info_ = std::move(r.body);
    id_ = text_field(info_, "id");
    phase_ = Phase::following;
    next_poll_ = 0;
    (void)api;
  });
}

void PostImport::attach(ApiClient& api, const std::string& import_id) {
  reset();
  id_ = import_id;
  phase_ = Phase::following;
  poll(api);
}

void PostImport::poll(ApiClient& api) {
  in_flight_ = true;
  const int gen = generation_;
  api.get("/api/v1/imports/" + id_, [this, gen](ApiReply r) {
    if (gen != generation_) return;
    in_flight_ = false;
    if (!r.ok()) {
      error_ = r.message;  // kept following: the server may be restarting
      error_code_ = r.code;
      if (r.status == 404) phase_ = Phase::failed;
      return;
    }
    error_.clear();
    error_code_.clear();
    info_ = std::move(r.body);
  });
}

void PostImport::tick(ApiClient& api, double now) {
  if (in_flight_ || id_.empty()) return;
  if (phase_ == Phase::fetching) return fetch_page(api);
  if (phase_ != Phase::following) return;
  std::optional<std::int64_t> next_pass;
  if (info_.is_object() && info_.contains("next_collection_at") && info_["next_collection_at"].is_number_integer())
    next_pass = info_["next_collection_at"].get<std::int64_t>();
  const double delay = poll_delay(state(), now, next_pass);
  if (delay <= 0) return;  // ended: nothing changes until the organizer acts
  if (now < next_poll_) return;
  next_poll_ = now + delay;
  poll(api);
}

void PostImport::cancel(ApiClient& api) {
  const int gen = generation_;
  in_flight_ = true;
  api.del("/api/v1/imports/" + id_, [this, &api, gen](ApiReply r) {
    if (gen != generation_) return;
    in_flight_ = false;
    if (!r.ok()) error_ = r.message;
    poll(api);
  });
}

void PostImport::resume(ApiClient& api) {
  const int gen = generation_;
  in_flight_ = true;
  api.post("/api/v1/imports/" + id_ + "/resume", Json::object(), [this, gen](ApiReply r) {
    if (gen != generation_) return;
    in_flight_ = false;
    if (!r.ok()) {
      error_ = r.message;
      error_code_ = r.code;
      return;
    }
    error_.clear();
    error_code_.clear();
    if (r.body.is_object() && r.body.contains("state")) info_ = std::move(r.body);
    else info_["state"] = "running";
    phase_ = Phase::following;
    next_poll_ = 0;
  });
}

void PostImport::fetch_comments(ApiClient& api, std::size_t from) {
  lines_.clear();
  fetched_ = fetched_from_ = from;
  total_ = 0;
  fetch_started_ = api.now();
  fetch_ms_ = fetch_work_ms_ = 0;
  phase_ = Phase::fetching;
}

void PostImport::fetch_page(ApiClient& api) {
  in_flight_ = true;
  const int gen = generation_;
  api.get("/api/v1/imports/" + id_ + "/comments?offset=" + std::to_string(fetched_) + "&limit=" + std::to_string(kPageLimit),
          [this, &api, gen](ApiReply r) {
            if (gen != generation_) return;
            in_flight_ = false;
            if (!r.ok()) {
              error_ = r.message;
              phase_ = Phase::following;  // the organizer can ask again
              fetch_failed_at_ = api.now();
              return;
            }
            const double began = api.now();
            auto n = append_comment_page(r.body, lines_);
            fetch_work_ms_ += (api.now() - began) * 1000;
            if (!n) {
              error_ = n.error().message;
              phase_ = Phase::following;
              fetch_failed_at_ = api.now();
              return;
            }
            fetched_ += *n;
            total_ = r.body.contains("total") && r.body["total"].is_number_unsigned() ? r.body["total"].get<std::size_t>() : fetched_;
            if (*n == 0 || fetched_ >= total_) {
              phase_ = Phase::fetched;
              fetch_ms_ = (api.now() - fetch_started_) * 1000;
            } else {
              fetch_page(api);  // at once, not at the next frame: a slow frame must not slow the download
            }
          });
}

bool PostImport::fetch_waiting(double now) const { return now < fetch_failed_at_ + kFetchRetryS; }

std::string PostImport::take_comments() {
  phase_ = Phase::following;
  return std::move(lines_);
}

}  // namespace tirage::app
