// App: opening the server's parts in order, and wiring them to the route files.
#include "server/app.hpp"

#include <filesystem>

#include "server/accounts/account_routes.hpp"
#include "server/beacon/pinned_chain.hpp"
#include "server/billing/billing_routes.hpp"
#include "server/billing/billing_setup.hpp"
#include "server/clock.hpp"
#include "server/db/migrations.hpp"
#include "server/draws/draw_routes.hpp"
#include "server/http/api_document.hpp"
#include "server/http/error_codes_file.hpp"
#include "server/http/failure_answers.hpp"
#include "server/http/response_encoding.hpp"
#include "server/imports/connections_token_source.hpp"
#include "server/imports/import_routes.hpp"
#include "server/log/event_log.hpp"
#include "server/log/log_routes.hpp"
#include "server/pages/page_routes.hpp"

namespace tirage::server {

App::App(const Config& config, std::unique_ptr<Database> db, std::unique_ptr<DrandClient> drand,
         std::optional<SmtpTarget> relay)
    : config_(config),
      db_(std::move(db)),
      keys_(*db_, config.data_dir),
      log_(*db_, keys_),
      drand_(std::move(drand)),
      draws_(*db_, keys_, log_, drand_.get(), config.publish_window),
      inclusion_(*db_, draws_),
      handles_(*db_, draws_, inclusion_),
      certificates_(draws_, config.public_url),
      proxies_(*TrustedProxies::parse(config.trusted_proxies, config.client_address_header)),
      headers_(static_root(), config.drand_urls),
      organizers_(*db_),
      gate_(*db_, organizers_, config.api_key_requests_per_minute),
      sessions_(*db_),
      outbox_(*db_, std::move(relay), config.mail_from, config.mail_retry_seconds),
      accounts_(*db_, organizers_, sessions_, outbox_, AccountSite{config.public_url, config.operator_contact}),
      import_tokens_(!config.imports.sandbox_token.empty()
                         ? std::unique_ptr<TokenSource>(new FixedTokenSource(config.imports.sandbox_token))
                         : std::unique_ptr<TokenSource>(new ConnectionsTokenSource(
                               [this]() -> Connections* { return oauth_ ? &oauth_->connections() : nullptr; }))),
      imports_(std::make_unique<ImportService>(*db_, *import_tokens_, config.imports)),
      http_(FrontLimits{.threads = config.threads}) {}

Result<std::unique_ptr<App>> App::open(const Config& config) {
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) return make_error("io", "cannot create " + config.data_dir + ": " + ec.message());
  std::filesystem::permissions(config.data_dir, std::filesystem::perms::owner_all, ec);
  auto relay = smtp_target_from_config(config.smtp_url, config.smtp_ca_file);
  if (!relay) return relay.error();
  if (auto proxies = TrustedProxies::parse(config.trusted_proxies, config.client_address_header); !proxies) return proxies.error();
  auto db = Database::open(config.data_dir + "/tirage.db");
  if (!db) return db.error();
  if (auto ok = migrate(**db); !ok) return ok.error();
  std::unique_ptr<DrandClient> drand;
  if (config.beacon != "local") {
    auto chain = pinned_drand_chain(config.drand_chain_path);
    if (!chain) return chain.error();
    auto client = std::make_unique<DrandClient>(*chain, config.drand_urls, config.drand_timeout_ms);
    auto probed = client->probe();
    if (probed) {
      drand = std::move(client);
      log_event("info", "beacon", {{"source", "drand"}, {"chain", chain->chain_hash}, {"beacon_id", chain->beacon_id}});
    } else if (config.beacon == "drand") {
      return make_error("beacon_unavailable", "--beacon drand, but " + probed.error().message);
    } else {
      log_event("warn", "beacon",
                {{"source", "local"},
                 {"reason", "no drand relay answered; draws use the local beacon, which is weaker (the server "
                            "draws the random value itself)"},
                 {"detail", probed.error().message}});
    }
  }
  std::unique_ptr<App> app(new App(config, std::move(*db), std::move(drand), std::move(*relay)));
  if (auto ok = app->open_services(); !ok) return ok.error();
  if (config.operator_name.empty() || config.operator_address.empty())
    log_event("warn", "operator_unnamed", {{"reason", "no --operator-name or --operator-address: the legal pages say the "
                                                      "operator is not stated (set TIRAGE_OPERATOR_NAME and TIRAGE_OPERATOR_ADDRESS)"}});
  app->routes();
  return app;
}

Status App::open_services() {
  auto billing = open_billing(config_, *db_, outbox_);
  if (!billing) return billing.error();
  billing_ = std::move(*billing);
  auth_ = std::make_unique<RequestAuth>(organizers_, sessions_, *billing_, proxies_, config_.public_url.rfind("https://", 0) == 0);
  draw_actions_ = std::make_unique<DrawActions>(draws_, *billing_, organizers_, outbox_, config_.public_url);
  TIRAGE_TRY(keys_.ensure_key(now_seconds()));
  TIRAGE_TRY(log_.load());
  TIRAGE_TRY(draws_.sign_missing_committed_heads(now_seconds()));
  const LegalSite legal{config_.public_url,           config_.operator_contact,          config_.operator_name,
                        config_.operator_address,     config_.imports.retention.after_draw_s, config_.imports.retention.unused_s};
  auto oauth = OAuthService::open(*db_, organizers_, sessions_, outbox_, {config_.public_url, config_.oauth_sandbox, legal, proxies_});
  if (!oauth) return oauth.error();
  oauth_ = std::move(*oauth);
  return {};
}

void App::routes() {
  register_account_routes(route_table_, accounts_, *auth_);
  oauth_->register_routes(route_table_, auth_->authenticator());
  register_draw_routes(route_table_, DrawArea{draws_, *draw_actions_, inclusion_, handles_, certificates_, keys_, *db_}, *auth_);
  register_log_routes(route_table_, log_);
  register_billing_routes(route_table_, *billing_, auth_->authenticator(), static_root());
  register_import_routes(route_table_, *imports_, *billing_, auth_->authenticator());
  register_api_document_routes(route_table_, static_root());
  register_error_codes_file(route_table_);
  register_page_routes(route_table_, PageSources{draws_, handles_, log_, *db_, drand_.get()}, config_, static_root());
  answer_failures(http_);
  // Before every route: no Brotli (server/http/response_encoding.hpp), then the API keys' rate limits,
  // scopes and Idempotency-Key replays (server/http/api_gate.hpp).
  http_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    answer_without_brotli(req);
    return gate_.before(req, res, now_seconds());
  });
  // Every answer: the gate's RateLimit-* headers (and kept idempotent answers); nosniff, framing and CSP
  // rules, HSTS over https; public reads open to any site (server/http/security_headers.hpp).
  http_.set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    gate_.after(req, res, now_seconds());
    headers_.apply(req, res, auth_->client_of(req).https);
  });
}

Status App::serve() {
  const int port = config_.port == 0 ? http_.bind_to_any_port(config_.host) : (http_.bind_to_port(config_.host, config_.port) ? config_.port : -1);
  if (port < 0) return make_error("io", "cannot listen on " + config_.host + ":" + std::to_string(config_.port));
  outbox_.start();
  imports_->start();
  log_event("info", "listening", {{"host", config_.host}, {"port", port}, {"url", config_.public_url}, {"log_size", log_.size()}});
  http_.listen_after_bind();
  imports_->stop();
  outbox_.stop();
  log_event("info", "stopped", {});
  return {};
}

void App::stop() {
  if (!stopping_.exchange(true)) http_.stop();
}

}  // namespace tirage::server
