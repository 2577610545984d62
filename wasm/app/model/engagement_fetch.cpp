#include "wasm/app/model/engagement_fetch.hpp"

#include "shared/core/percent_encoding.hpp"

namespace tirage::app {

void EngagementFetch::start(ApiClient& api, std::string kind, std::string post_id, std::int64_t now) {
  reset();
  phase_ = Phase::fetching;
  kind_ = kind;
  const int generation = generation_;
  api.get("/api/v1/engagement?kind=" + percent_encode(kind) + "&post_id=" + percent_encode(post_id),
          [this, generation, kind, post_id, now](ApiReply r) {
            if (generation != generation_) return;  // reset or started again meanwhile
            if (!r.ok()) {
              phase_ = Phase::failed;
              error_ = r.message;
              error_code_ = r.code;
              retry_after_ = r.retry_after;
              return;
            }
            auto rule = engagement_from_reply(r.body, kind, post_id, now);
            if (!rule) {
              phase_ = Phase::failed;
              error_ = rule.error().message;
              error_code_ = rule.error().code;
              return;
            }
            phase_ = Phase::idle;
            result_ = std::move(*rule);
          });
}

void EngagementFetch::reset() {
  const int next = generation_ + 1;
  *this = EngagementFetch();
  generation_ = next;
}

std::optional<EngagementRule> EngagementFetch::take() {
  auto out = std::move(result_);
  result_.reset();
  return out;
}

}  // namespace tirage::app
