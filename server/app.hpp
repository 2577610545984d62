// The running server: storage, keys, log, beacon, services, and the HTTP
// routes over them. main() builds one App and calls serve().
#pragma once

#include <httplib.h>

#include <atomic>
#include <memory>
#include <mutex>

#include "server/accounts/organizers.hpp"
#include "server/accounts/sessions.hpp"
#include "server/billing/billing_service.hpp"
#include "server/config.hpp"
#include "server/db/database.hpp"
#include "server/draws/draw_service.hpp"
#include "server/draws/handle_index.hpp"
#include "server/draws/inclusion_service.hpp"
#include "server/http/answer_cache.hpp"
#include "server/http/api_gate.hpp"
#include "server/http/connection_front.hpp"
#include "server/http/client_address.hpp"
#include "server/http/rate_limiter.hpp"
#include "server/http/security_headers.hpp"
#include "server/imports/import_service.hpp"
#include "server/keys/key_store.hpp"
#include "server/log/transparency_log.hpp"
#include "server/mail/outbox.hpp"
#include "server/oauth/oauth_service.hpp"

namespace tirage::server {

class App {
 public:
  // Opens the data folder, migrates, loads keys and the log, probes drand.
  static Result<std::unique_ptr<App>> open(const Config& config);
  // Serves until stop() (SIGTERM/SIGINT); in-flight requests finish first.
  Status serve();
  void stop();

  Organizers& organizers() { return organizers_; }
  KeyStore& keys() { return keys_; }
  BillingService& billing() { return *billing_; }
  // Platform connections: live access tokens for the import clients.
  Connections& connections() { return oauth_->connections(); }

 private:
  App(const Config& config, std::unique_ptr<Database> db, std::unique_ptr<DrandClient> drand, std::optional<SmtpTarget> relay);
  void routes();
  void account_routes();
  void draw_routes();
  void log_routes();
  void static_routes();

  // The organizer behind a request: a Bearer API key, or a session cookie
  // (with the CSRF header for anything but GET). Sends 401/403 itself on failure.
  std::optional<Organizer> authenticate(const httplib::Request& req, httplib::Response& res);
  // The client behind a request (its address through a trusted proxy, and whether it came over https).
  ClientInfo client_of(const httplib::Request& req) const;
  // The session cookie's name for this request: "__Host-" prefixed over https.
  std::string session_cookie_of(const httplib::Request& req) const;

  Config config_;
  std::unique_ptr<Database> db_;
  KeyStore keys_;
  TransparencyLog log_;
  std::unique_ptr<DrandClient> drand_;
  DrawService draws_;
  InclusionService inclusion_;
  HandleIndex handles_;
  // Lookups by leaf and by handle share it: per client address per minute.
  TrustedProxies proxies_;
  SecurityHeaders headers_;
  RateLimiter inclusion_limiter_{InclusionService::kLookupsPerMinute, 60};
  ApiGate gate_;  // API keys' rate limits and scopes, Idempotency-Key replays
  AnswerCache<std::string> log_pages_{32u << 20};         // /log/entries answers, by range (entries never change)
  AnswerCache<std::pair<std::shared_ptr<const std::string>, std::string>> certificates_{64u << 20};  // view text, PDF
  std::mutex certificate_render_mu_;                       // one PDF rendered at a time: a loop cannot take every core
  Organizers organizers_;
  Sessions sessions_;
  OneTimeTokens tokens_;
  AccountLimits limits_;
  Outbox outbox_;
  std::unique_ptr<BillingService> billing_;  // plans, limits, Stripe (server/billing/)
  std::unique_ptr<OAuthService> oauth_;
  std::unique_ptr<TokenSource> import_tokens_;  // the organizers' connections (--sandbox-token: one fixed token)
  std::unique_ptr<ImportService> imports_;
  FrontedServer http_;  // cpp-httplib routes behind the connection front (server/http/connection_front.hpp)
  std::atomic<bool> stopping_{false};
};

// The current time, whole seconds (the edge reads the clock; the core never does).
UnixSeconds now_seconds();

}  // namespace tirage::server
