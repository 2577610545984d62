// What an API request passes before its route, and what every answer to an
// API key carries after it (docs/api.md, "API keys: scopes, rate limits,
// idempotency"):
//
// - Rate limit per API key: at most `requests_per_minute` in any 60 s; every
//   answer to a key says where it stands in RateLimit-Limit, -Remaining and
//   -Reset (seconds), and a request over the limit is 429 with Retry-After.
// - Scopes: a key holds some of read, draw, import; a route needs one
//   (required_scope below), or all three for account, key, billing and
//   connection changes. A key without it gets 403 `insufficient_scope`.
// - Idempotency-Key on a POST with a credential (API key or session): the first
//   answer (anything but 401, 403, 429 and 5xx) is kept 24 h for that
//   credential and key, and the same request sent again gets it back (status,
//   body, Location) with Idempotent-Replayed: true, done once. The same key on another request is
//   422 `idempotency_key_reused`; while the first is still running, 409.
//
// Who the caller is stays the routes' business (App::authenticate): an unknown
// or revoked key passes here untouched and is refused there.
#pragma once

#include <httplib.h>

#include <atomic>
#include <string>

#include "server/accounts/organizers.hpp"
#include "server/db/database.hpp"
#include "server/http/rate_limiter.hpp"
#include "shared/core/time.hpp"

namespace tirage::server {

// The scope a route needs from an API key: "read", "draw", "import", or "all" (every scope).
std::string required_scope(const std::string& method, const std::string& path);

class ApiGate {
 public:
  static constexpr UnixSeconds kIdempotencyWindow = 24 * 3600;
  static constexpr std::size_t kMaxKeptAnswer = 1u << 20;  // a longer answer is not kept (the request can be re-sent)
  // Expired Idempotency-Keys are deleted at most this often (not on every POST).
  static constexpr UnixSeconds kPurgeEvery = 60;
  ApiGate(Database& db, const Organizers& organizers, std::size_t requests_per_minute)
      : db_(db), organizers_(organizers), per_key_(requests_per_minute, 60, 100000) {}

  // Before routing: answers itself (429, 403, 400/409/422, or a replay) and returns Handled, else Unhandled.
  httplib::Server::HandlerResponse before(const httplib::Request& req, httplib::Response& res, UnixSeconds now);
  // After routing, on the same thread: the rate-limit headers; keeps the answer for a reserved Idempotency-Key.
  void after(const httplib::Request& req, httplib::Response& res, UnixSeconds now);

 private:
  // Deletes the Idempotency-Keys older than the window, once per kPurgeEvery; the caller holds db_.mutex().
  void purge_expired(UnixSeconds now);

  Database& db_;
  const Organizers& organizers_;
  RateLimiter per_key_;
  std::atomic<UnixSeconds> last_purge_{0};
};

}  // namespace tirage::server
