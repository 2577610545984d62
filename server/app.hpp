// The running server: storage, keys, log, beacon and services, wired to the
// route files of each area (accounts/, draws/, log/, pages/, oauth/,
// billing/, imports/). main() builds one App and calls serve().
#pragma once

#include <atomic>
#include <memory>

#include "server/accounts/account_service.hpp"
#include "server/accounts/organizers.hpp"
#include "server/accounts/request_auth.hpp"
#include "server/accounts/sessions.hpp"
#include "server/billing/billing_service.hpp"
#include "server/config.hpp"
#include "server/db/database.hpp"
#include "server/draws/certificate_service.hpp"
#include "server/draws/draw_actions.hpp"
#include "server/draws/draw_service.hpp"
#include "server/draws/handle_index.hpp"
#include "server/draws/inclusion_service.hpp"
#include "server/http/api_gate.hpp"
#include "server/http/client_address.hpp"
#include "server/http/connection_front.hpp"
#include "server/http/route_table.hpp"
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

  // Every route the server registered (method and pattern), for checking the API document against.
  const std::vector<RegisteredRoute>& registered_routes() const { return route_table_.routes(); }

 private:
  App(const Config& config, std::unique_ptr<Database> db, std::unique_ptr<DrandClient> drand, std::optional<SmtpTarget> relay);
  // The services that need billing and OAuth, once both are open.
  Status open_services();
  void routes();
  std::string static_root() const { return config_.static_dir.empty() ? "." : config_.static_dir; }

  Config config_;
  std::unique_ptr<Database> db_;
  KeyStore keys_;
  TransparencyLog log_;
  std::unique_ptr<DrandClient> drand_;
  DrawService draws_;
  InclusionService inclusion_;
  HandleIndex handles_;
  CertificateService certificates_;
  TrustedProxies proxies_;
  SecurityHeaders headers_;
  Organizers organizers_;
  ApiGate gate_;  // API keys' rate limits and scopes, Idempotency-Key replays (reads keys through organizers_)
  Sessions sessions_;
  Outbox outbox_;
  AccountService accounts_;
  std::unique_ptr<BillingService> billing_;  // plans, limits, Stripe (server/billing/)
  std::unique_ptr<RequestAuth> auth_;        // needs billing: a plan may refuse API keys
  std::unique_ptr<DrawActions> draw_actions_;
  std::unique_ptr<OAuthService> oauth_;
  std::unique_ptr<TokenSource> import_tokens_;  // the organizers' connections (--sandbox-token: one fixed token)
  std::unique_ptr<ImportService> imports_;
  FrontedServer http_;  // cpp-httplib routes behind the connection front (server/http/connection_front.hpp)
  RouteTable route_table_{http_};  // every route, as registered (server/http/route_table.hpp)
  std::atomic<bool> stopping_{false};
};

}  // namespace tirage::server
