// Fetching the list of who engaged with a post from our server (which asks
// the platform with the organizer's own connection): one request at a time,
// its failure kept with the server's code for the screen, and the list read
// and bounded by engagement_from_reply before anyone uses it.
#pragma once

#include <optional>
#include <string>

#include "wasm/app/api/api_client.hpp"
#include "wasm/app/model/engagement_rule.hpp"

namespace tirage::app {

class EngagementFetch {
 public:
  enum class Phase { idle, fetching, failed };

  // GET /api/v1/engagement?kind=&post_id=; a later start() or reset() makes an earlier answer be ignored.
  // By value: a retry passes this fetch's own kind(), which start() clears first.
  void start(ApiClient& api, std::string kind, std::string post_id, std::int64_t now);
  void reset();
  // The list fetched, once (then empty until the next fetch ends).
  std::optional<EngagementRule> take();

  Phase phase() const { return phase_; }
  const std::string& kind() const { return kind_; }  // of the last start()
  const std::string& error() const { return error_; }
  const std::string& error_code() const { return error_code_; }  // the server's ("not_connected", "not_found", "rate_limited", ...)
  const std::string& retry_after() const { return retry_after_; }

 private:
  Phase phase_ = Phase::idle;
  std::string kind_, error_, error_code_, retry_after_;
  std::optional<EngagementRule> result_;
  int generation_ = 0;
};

}  // namespace tirage::app
