// App: wiring and HTTP routes. Sections:
//   [SECTION] Opening    storage, keys, log, drand probe
//   [SECTION] Auth       bearer keys, session cookies, CSRF
//   [SECTION] Accounts   sign-up, verification, login, reset, API keys
//   [SECTION] Draws      the draw API (docs/protocol.md 2-5)
//   [SECTION] Log        the transparency log API (docs/protocol.md 7)
//   [SECTION] Serving    static files, errors, start and stop
#include "server/app.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <openssl/crypto.h>

#include "server/accounts/access_reset.hpp"
#include "server/accounts/account_deletion.hpp"
#include "server/accounts/api_key_scopes.hpp"
#include "server/accounts/passwords.hpp"
#include "server/billing/billing_routes.hpp"
#include "server/billing/billing_setup.hpp"
#include "server/db/migrations.hpp"
#include "server/http/api_document.hpp"
#include "server/http/api_response.hpp"
#include "server/http/cookies.hpp"
#include "server/http/response_encoding.hpp"
#include "server/imports/connections_token_source.hpp"
#include "server/imports/import_routes.hpp"
#include "server/log/event_log.hpp"
#include "server/mail/templates.hpp"
#include "server/certificate/certificate_pdf.hpp"
#include "server/certificate/certificate_view.hpp"
#include "server/draws/organizer_summary.hpp"
#include "server/pages/organizer_page.hpp"
#include "server/pages/verify_page.hpp"
#include "shared/protocol/envelope.hpp"

namespace tirage::server {

UnixSeconds now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

namespace {

constexpr const char* kId = "([A-Za-z0-9_-]{1,100})";
std::string param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : "";
}

Result<std::uint64_t> uint_param(const httplib::Request& req, const char* name) {
  const std::string v = param(req, name);
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
    return make_error("bad_request", std::string("query parameter \"") + name + "\" must be a non-negative integer");
  return std::stoull(v);
}

std::string string_field(const Json& j, const char* name) {
  return j.is_object() && j.contains(name) && j[name].is_string() ? j[name].get<std::string>() : "";
}

// A public page that failed: the message in a minimal page, with its status.
void send_page_error(httplib::Response& res, const Error& error) {
  res.status = status_for(error.code);
  res.set_content("<!doctype html><meta charset=utf-8><title>Tirage</title><p>" + escape_html(error.message) + "</p>",
                  "text/html; charset=utf-8");
}

// A public page in lang (chosen from ?lang= or Accept-Language).
void send_page(httplib::Response& res, const std::string& lang, const std::string& html) {
  res.set_header("Content-Language", lang);
  res.set_header("Vary", "Accept-Language");
  res.set_content(html, "text/html; charset=utf-8");
}

// The drand chain to pin: quicknet, or the chain info JSON in path (--drand-chain).
Result<DrandChain> pinned_drand_chain(const std::string& path) {
  if (path.empty()) return drand_quicknet();
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("config", "--drand-chain: cannot read " + path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto j = parse_json(text);
  if (!j) return make_error("config", "--drand-chain " + path + ": " + j.error().message);
  auto chain = drand_chain_from_info(*j);
  if (!chain) return make_error("config", "--drand-chain " + path + ": " + chain.error().message);
  return chain;
}

}  // namespace

// [SECTION] Opening

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
      proxies_(*TrustedProxies::parse(config.trusted_proxies, config.client_address_header)),
      headers_(config.static_dir.empty() ? "." : config.static_dir, config.drand_urls),
      gate_(*db_, config.api_key_requests_per_minute),
      organizers_(*db_),
      sessions_(*db_),
      tokens_(*db_),
      outbox_(*db_, std::move(relay), config.mail_from, config.mail_retry_seconds),
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
  auto billing = open_billing(config, *app->db_, app->outbox_);
  if (!billing) return billing.error();
  app->billing_ = std::move(*billing);
  if (auto ok = app->keys_.ensure_key(now_seconds()); !ok) return ok.error();
  if (auto ok = app->log_.load(); !ok) return ok.error();
  if (auto ok = app->draws_.sign_missing_committed_heads(now_seconds()); !ok) return ok.error();
  auto oauth = OAuthService::open(*app->db_, app->organizers_, app->sessions_, app->outbox_,
                                  {config.public_url, config.oauth_sandbox,
                                   LegalSite{config.public_url, config.operator_contact, config.operator_name,
                                             config.operator_address, config.imports.retention.after_draw_s,
                                             config.imports.retention.unused_s},
                                   app->proxies_});
  if (!oauth) return oauth.error();
  app->oauth_ = std::move(*oauth);
  if (config.operator_name.empty() || config.operator_address.empty())
    log_event("warn", "operator_unnamed", {{"reason", "no --operator-name or --operator-address: the legal pages say the "
                                                      "operator is not stated (set TIRAGE_OPERATOR_NAME and TIRAGE_OPERATOR_ADDRESS)"}});
  app->routes();
  return app;
}

// [SECTION] Auth

ClientInfo App::client_of(const httplib::Request& req) const {
  return client_info(req, proxies_, config_.public_url.rfind("https://", 0) == 0);
}

std::string App::session_cookie_of(const httplib::Request& req) const {
  return request_cookie(req, cookie_name(kSessionCookie, client_of(req).https));
}

std::optional<Organizer> App::authenticate(const httplib::Request& req, httplib::Response& res) {
  // What an organizer's own requests answer is theirs alone: no cache keeps it.
  res.set_header("Cache-Control", "no-store");
  const std::string auth = req.get_header_value("Authorization");
  if (auth.rfind("Bearer ", 0) == 0) {
    if (auto org = organizers_.by_api_key(auth.substr(7))) {
      if (Json refused = billing_->api_key_refusal(*org, now_seconds()); !refused.is_null()) {
        send_plan_limit(res, refused);
        return std::nullopt;
      }
      return org;
    }
    send_error(res, make_error("unauthorized", "the API key is unknown or revoked"));
    return std::nullopt;
  }
  auto session = sessions_.find(session_cookie_of(req), now_seconds());
  if (!session) {
    send_error(res, make_error("unauthorized", "log in or send Authorization: Bearer <API key>"));
    return std::nullopt;
  }
  if (req.method != "GET" && req.method != "HEAD") {
    const std::string csrf = req.get_header_value("X-CSRF-Token");
    if (csrf.size() != session->csrf_token.size() ||
        CRYPTO_memcmp(csrf.data(), session->csrf_token.data(), csrf.size()) != 0) {
      send_error(res, make_error("csrf", "missing or wrong X-CSRF-Token header"));
      return std::nullopt;
    }
  }
  return session->organizer;
}

// [SECTION] Accounts

namespace {

// Refuses (429 with Retry-After) when either limit is spent; takes one event from each otherwise.
bool within_limits(RateLimiter& per_email, const std::string& email, RateLimiter& per_address, const std::string& address,
                   httplib::Response& res, const char* what) {
  const auto now = now_seconds();
  if (per_address.take(address_limit_key(address), now) && per_email.take(email_limit_key(email), now)) return true;
  res.set_header("Retry-After", std::to_string(per_email.window()));
  send_error(res, make_error("rate_limited", std::string("too many ") + what + " for this address or from this network; wait an hour"));
  return false;
}

}  // namespace

void App::account_routes() {
  auto set_session = [this](const httplib::Request& req, httplib::Response& res, const std::string& token, UnixSeconds max_age) {
    res.set_header("Set-Cookie", session_cookie(token, max_age, client_of(req).https));
  };

  // The answer is the same whether or not the address has an account (an existing owner gets a
  // mail saying so, with a reset link), and costs the same work, so sign-up tells nobody who has one.
  http_.Post("/api/v1/accounts/signup", [this](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    std::string lang = string_field(*body, "language");
    if (lang != "fr" && lang != "es" && lang != "de") lang = "en";
    const std::string raw_email = string_field(*body, "email"), password = string_field(*body, "password");
    auto email = normalize_email(raw_email);
    if (!email) return send_error(res, email.error());
    if (auto ok = password_acceptable(password, *email); !ok) return send_error(res, ok.error());
    if (!within_limits(limits_.signup_per_email, *email, limits_.signup_per_address, client_of(req).address, res, "sign-ups"))
      return;
    const auto now = now_seconds();
    auto existing = organizers_.by_email(*email);
    Result<Organizer> org = existing ? Result<Organizer>(*existing) : organizers_.create(*email, password, false, lang, now);
    if (!org && org.error().code == "conflict") {  // created meanwhile by another request
      existing = organizers_.by_email(*email);
      if (existing) org = *existing;
    }
    if (!org) return send_error(res, org.error());
    MailContent mail;
    if (existing) {
      (void)hash_password(password);  // the scrypt a new account costs
      auto token = tokens_.issue(org->id, "reset_password", now, 3600);
      if (!token) return send_error(res, token.error());
      mail = render_mail("account_exists", organizers_.language(org->id), {{"link", config_.public_url + "/app#reset=" + *token}},
                         config_.public_url);
      log_event("info", "signup_existing", {{"organizer", org->id}});
    } else {
      auto token = tokens_.issue(org->id, "verify_email", now, 48 * 3600);
      if (!token) return send_error(res, token.error());
      mail = render_mail("verify", lang, {{"link", config_.public_url + "/app#verify=" + *token}}, config_.public_url);
      log_event("info", "signup", {{"organizer", org->id}});
    }
    if (auto ok = outbox_.enqueue(org->email, mail, now); !ok) return send_error(res, ok.error());
    send_json(res, 202, Json{{"email", *email}, {"message", "check your mail: a link to go on is on its way"}});
  });

  http_.Post("/api/v1/accounts/verify", [this](const httplib::Request& req, httplib::Response& res) {
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    auto id = tokens_.consume(string_field(*body, "token"), "verify_email", now_seconds());
    if (!id) return send_error(res, id.error());
    if (auto ok = organizers_.set_verified(*id); !ok) return send_error(res, ok.error());
    send_json(res, 200, Json{{"verified", true}});
  });

  http_.Post("/api/v1/accounts/login", [this, set_session](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    // Failures count under the normalized address ("V@x.com " is v@x.com) and the client's network.
    const std::string email_key = email_limit_key(string_field(*body, "email"));
    const ClientInfo client = client_of(req);
    const std::string address_key = address_limit_key(client.address);
    const auto now = now_seconds();
    if (!limits_.login_per_email.allowed(email_key, now) || !limits_.login_per_address.allowed(address_key, now)) {
      res.set_header("Retry-After", std::to_string(limits_.login_per_email.window()));
      return send_error(res, make_error("rate_limited", "too many failed logins; wait 15 minutes"));
    }
    auto org = organizers_.authenticate(string_field(*body, "email"), string_field(*body, "password"));
    if (!org) {
      limits_.login_per_email.record(email_key, now);
      limits_.login_per_address.record(address_key, now);
      log_event("warn", "login_failed", {{"address", client.address}});
      return send_error(res, org.error());
    }
    limits_.login_per_email.clear(email_key);
    auto session = sessions_.create(*org, now);
    if (!session) return send_error(res, session.error());
    set_session(req, res, session->token, Sessions::kLifetime);
    send_json(res, 200, Json{{"organizer_id", org->id}, {"email", org->email}, {"csrf_token", session->csrf_token}});
  });

  http_.Post("/api/v1/accounts/logout", [this, set_session](const httplib::Request& req, httplib::Response& res) {
    if (!authenticate(req, res)) return;
    (void)sessions_.destroy(session_cookie_of(req));
    set_session(req, res, "", 0);
    send_json(res, 200, Json{{"logged_out", true}});
  });

  http_.Post("/api/v1/accounts/password-reset", [this](const httplib::Request& req, httplib::Response& res) {
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    const std::string raw_email = string_field(*body, "email");
    // Limited per address asked about, whether or not it has an account, so the limit tells nothing either.
    if (!within_limits(limits_.reset_per_email, raw_email, limits_.reset_per_address, client_of(req).address, res, "reset requests"))
      return;
    // The answer is the same whether or not the account exists.
    if (auto org = organizers_.by_email(raw_email)) {
      const auto now = now_seconds();
      auto token = tokens_.issue(org->id, "reset_password", now, 3600);
      if (!token) return send_error(res, token.error());
      auto mail = render_mail("reset", organizers_.language(org->id),
                              {{"link", config_.public_url + "/app#reset=" + *token}}, config_.public_url);
      if (auto ok = outbox_.enqueue(org->email, mail, now); !ok) return send_error(res, ok.error());
    }
    send_json(res, 202, Json{{"message", "if an account exists for this address, a reset link is on its way"}});
  });

  // Whoever holds the reset link holds the address: every session and API key ends (a squatter's
  // too), and the address counts as verified.
  http_.Post("/api/v1/accounts/password-reset/confirm", [this](const httplib::Request& req, httplib::Response& res) {
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    const std::string password = string_field(*body, "password");
    if (auto ok = password_acceptable(password, ""); !ok) return send_error(res, ok.error());
    const auto now = now_seconds();
    auto id = tokens_.consume(string_field(*body, "token"), "reset_password", now);
    if (!id) return send_error(res, id.error());
    if (auto ok = organizers_.set_password(*id, password); !ok) return send_error(res, ok.error());
    if (auto ok = organizers_.set_verified(*id); !ok) return send_error(res, ok.error());
    auto ended = end_every_access(*db_, *id, now, false);
    if (!ended) return send_error(res, ended.error());
    log_event("info", "password_reset", {{"organizer", *id}, {"sessions_ended", ended->sessions}, {"api_keys_revoked", ended->api_keys}});
    send_json(res, 200, Json{{"password_changed", true}, {"sessions_ended", ended->sessions}, {"api_keys_revoked", ended->api_keys}});
  });

  http_.Get("/api/v1/me", [this](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    Json me{{"organizer_id", org->id}, {"email", org->email}, {"verified", organizers_.verified(org->id)}};
    // A page reloaded with its session cookie gets its CSRF token back here:
    // only same-origin scripts can read this answer.
    if (auto session = sessions_.find(session_cookie_of(req), now_seconds())) me["csrf_token"] = session->csrf_token;
    send_json(res, 200, me);
  });

  // Self-service deletion (server/accounts/account_deletion.hpp): the owner types the address to confirm;
  // a last mail says what went and what stays, and is forgotten once sent.
  http_.Post("/api/v1/account/delete", [this, set_session](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    // An API key lives in scripts and servers: a leaked one must not be able to end the account.
    if (req.get_header_value("Authorization").rfind("Bearer ", 0) == 0)
      return send_error(res, make_error("forbidden", "an API key cannot delete the account: sign in and confirm with your address"));
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    if (auto ok = check_deletion_confirmation(*org, string_field(*body, "confirm")); !ok) return send_error(res, ok.error());
    const auto now = now_seconds();
    const std::string lang = organizers_.language(org->id);
    auto deleted = delete_account(*db_, *org, now);
    if (!deleted) return send_error(res, deleted.error());
    auto mail = render_mail("account_deleted", lang,
                            {{"email", org->email}, {"date", format_rfc3339(now).substr(0, 10)},
                             {"draws", std::to_string(deleted->draws_kept)}, {"contact", config_.operator_contact}},
                            config_.public_url);
    if (auto ok = outbox_.enqueue(org->email, mail, now, true); !ok)
      log_event("error", "account_deleted_mail", {{"organizer", org->id}, {"error", ok.error().message}});
    log_event("info", "account_deleted", {{"organizer", org->id}, {"imports", deleted->imports}, {"draws_kept", deleted->draws_kept}});
    set_session(req, res, "", 0);
    send_json(res, 200, Json{{"deleted", true},
                             {"sessions_ended", deleted->sessions},
                             {"api_keys_deleted", deleted->api_keys},
                             {"sign_ins_deleted", deleted->sign_ins},
                             {"connections_deleted", deleted->connections},
                             {"imports_deleted", deleted->imports},
                             {"comments_deleted", deleted->comments},
                             {"draws_kept", deleted->draws_kept}});
  });

  // A key outlives sessions and works from anywhere: only an owner who proved the address gets one.
  http_.Post("/api/v1/api-keys", [this](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    if (!organizers_.verified(org->id))
      return send_error(res, make_error("email_unverified", "confirm your email address (the link we mailed) before creating API keys"));
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    auto scopes = api_key_scopes(body->is_object() && body->contains("scopes") ? (*body)["scopes"] : Json(nullptr));
    if (!scopes) return send_error(res, scopes.error());
    auto key = organizers_.create_api_key(*org, string_field(*body, "label"), now_seconds(), *scopes);
    if (!key) return send_error(res, key.error());
    send_json(res, 201, Json{{"id", key->id}, {"key", key->key}, {"scopes", scopes_json(*scopes)}, {"note", "shown once: store it now"}});
  });

  http_.Get("/api/v1/api-keys", [this](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    send_json(res, 200, organizers_.list_api_keys(*org));
  });

  http_.Delete(std::string("/api/v1/api-keys/") + kId, [this](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    if (auto ok = organizers_.revoke_api_key(*org, req.matches[1], now_seconds()); !ok) return send_error(res, ok.error());
    send_json(res, 200, Json{{"revoked", true}});
  });
}

// [SECTION] Draws

void App::draw_routes() {
  http_.Post("/api/v1/draws", [this](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    if (auto ok = check_rules_limits(*body); !ok) return send_error(res, ok.error());
    DrawAdmission admission = billing_->admit_draw(*org, *body, now_seconds());
    if (!admission.refusal.is_null()) return send_plan_limit(res, admission.refusal);
    auto created = draws_.create(*org, *body, now_seconds());
    if (!created) return send_error(res, created.error());
    billing_->draw_created(admission, *org, created->draw_id, now_seconds());
    log_event("info", "draw_committed", {{"draw_id", created->draw_id}, {"organizer", org->id}});
    send_json(res, 201,
              Json{{"draw_id", created->draw_id}, {"commitment", created->commitment},
                   {"draw_at", format_rfc3339(created->draw_at)}});
  });

  http_.Get("/api/v1/draws", [this](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    auto list = draws_.organizer_draws(*org, now_seconds());
    if (!list) return send_error(res, list.error());
    send_json(res, 200, *list);
  });

  http_.Get(std::string("/api/v1/draws/") + kId, [this](const httplib::Request& req, httplib::Response& res) {
    auto view = draws_.public_view_text(req.matches[1], now_seconds());
    if (!view) return send_error(res, view.error());
    res.status = 200;
    res.set_content(**view, "application/json");
  });

  http_.Get(std::string("/api/v1/draws/") + kId + "/selection", [this](const httplib::Request& req, httplib::Response& res) {
    const auto now = now_seconds();
    auto sel = draws_.selection(req.matches[1], now);
    if (!sel) {
      if (sel.error().code == "not_yet" || sel.error().code == "beacon_unavailable") {
        if (auto d = draws_.find(req.matches[1]))
          res.set_header("Retry-After", std::to_string(DrawService::retry_after(*d, now)));
      }
      return send_error(res, sel.error());
    }
    send_json(res, 200, *sel);
  });

  http_.Post(std::string("/api/v1/draws/") + kId + "/result", [this](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    const auto now = now_seconds();
    const bool had_result = [&] {
      auto d = draws_.find(req.matches[1]);
      return d && d->result;
    }();
    auto result = draws_.publish_result(*org, req.matches[1], *body, now);
    if (!result) {
      if (result.error().code == "not_yet")
        if (auto d = draws_.find(req.matches[1])) res.set_header("Retry-After", std::to_string(DrawService::retry_after(*d, now)));
      return send_error(res, result.error());
    }
    if (!had_result) {
      log_event("info", "draw_published", {{"draw_id", std::string(req.matches[1])}});
      // The mail quotes the organizer's title: only to an address its owner proved, never as a squatter's spam.
      if (auto d = draws_.find(req.matches[1]); d && organizers_.verified(org->id)) {
        auto mail = render_mail("published", organizers_.language(org->id),
                                {{"title", d->commitment["statement"]["title"].get<std::string>()},
                                 {"link", config_.public_url + "/v/" + std::string(req.matches[1])}},
                                config_.public_url);
        (void)outbox_.enqueue(org->email, mail, now);
      }
    }
    send_json(res, had_result ? 200 : 201, *result);
  });

  http_.Post(std::string("/api/v1/draws/") + kId + "/substitutions",
             [this](const httplib::Request& req, httplib::Response& res) {
               auto org = authenticate(req, res);
               if (!org) return;
               auto body = read_json_body(req);
               if (!body) return send_error(res, body.error());
               auto sub = draws_.substitute(*org, req.matches[1], *body, now_seconds());
               if (!sub) return send_error(res, sub.error());
               send_json(res, 201, *sub);
             });

  http_.Get(std::string("/api/v1/draws/") + kId + "/bundle", [this](const httplib::Request& req, httplib::Response& res) {
    auto bundle = draws_.bundle(req.matches[1], now_seconds());
    if (!bundle) return send_error(res, bundle.error());
    send_json(res, 200, *bundle);
  });

  // Leaf hashes arrive as raw bytes (32 per participant), in chunks of at most 1 MiB.
  http_.Post(std::string("/api/v1/draws/") + kId + "/leaves", [this](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    if (req.get_header_value("Content-Type") != "application/octet-stream")
      return send_error(res, make_error("unsupported_media_type", "send the leaf hashes as application/octet-stream"));
    auto offset = req.has_param("offset") ? uint_param(req, "offset") : Result<std::uint64_t>(std::uint64_t{0});
    if (!offset) return send_error(res, offset.error());
    auto answer = inclusion_.receive(*org, req.matches[1], *offset, req.body, now_seconds());
    if (!answer) return send_error(res, answer.error());
    send_json(res, 200, *answer);
  });

  // The handle index of a draw's platform entries (server/draws/handle_index.hpp), in chunks of JSON.
  http_.Post(std::string("/api/v1/draws/") + kId + "/handles", [this](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    auto offset = req.has_param("offset") ? uint_param(req, "offset") : Result<std::uint64_t>(std::uint64_t{0});
    if (!offset) return send_error(res, offset.error());
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    auto answer = handles_.receive(*org, req.matches[1], *offset, *body, now_seconds());
    if (!answer) return send_error(res, answer.error());
    send_json(res, 200, *answer);
  });

  http_.Get(std::string("/api/v1/draws/") + kId + "/inclusion", [this](const httplib::Request& req, httplib::Response& res) {
    const auto now = now_seconds();
    // A participant looks themselves up a few times; a crawler guessing handles is slowed down.
    if (!inclusion_limiter_.take(address_limit_key(client_of(req).address), now)) {
      res.set_header("Retry-After", "60");
      return send_error(res, make_error("rate_limited", "too many lookups from this address; wait a minute"));
    }
    if (req.has_param("handle") || req.has_param("platform")) {
      if (req.has_param("leaf"))
        return send_error(res, make_error("bad_request", "ask either by \"leaf\" or by \"platform\" and \"handle\", not both"));
      auto found = handles_.lookup(req.matches[1], param(req, "platform"), param(req, "handle"));
      if (!found) return send_error(res, found.error());
      return send_json(res, 200, *found);
    }
    auto leaf = hash_from_hex(param(req, "leaf"));
    if (!leaf) return send_error(res, make_error("bad_request", "query parameter \"leaf\": " + leaf.error().message));
    auto proof = inclusion_.prove(req.matches[1], *leaf);
    if (!proof) return send_error(res, proof.error());
    send_json(res, 200, *proof);
  });

  http_.Get(std::string("/api/v1/draws/") + kId + "/certificate.pdf", [this](const httplib::Request& req, httplib::Response& res) {
    const std::string lang = page_language(param(req, "lang"), req.get_header_value("Accept-Language"));
    const std::string id = req.matches[1];
    auto view_text = draws_.public_view_text(id, now_seconds());
    if (!view_text) return send_error(res, view_text.error());
    // A drawn draw's view text is shared while it stays the same: the PDF made from it is kept with it.
    const std::string key = id + "/" + lang;
    auto cached = certificates_.find(key);
    if (!cached || cached->first != *view_text) {
      std::lock_guard render(certificate_render_mu_);
      cached = certificates_.find(key);
      if (!cached || cached->first != *view_text) {
        auto view = parse_json(**view_text);
        if (!view) return send_error(res, view.error());
        auto data = certificate_data_from_view(*view, config_.public_url + "/v/" + id);
        if (!data) return send_error(res, data.error());
        auto pdf = render_certificate_pdf(*data, lang, CertificateAssets{});
        if (!pdf) return send_error(res, pdf.error());
        cached = std::make_shared<const std::pair<std::shared_ptr<const std::string>, std::string>>(*view_text, std::move(*pdf));
        certificates_.put(key, cached, cached->second.size());
      }
    }
    res.set_header("Content-Disposition", "inline; filename=\"tirage-" + id + ".pdf\"");
    res.set_content(cached->second, "application/pdf");
  });

  http_.Get(std::string("/api/v1/draws/") + kId + "/related", [this](const httplib::Request& req, httplib::Response& res) {
    auto related = draws_.related(req.matches[1], now_seconds());
    if (!related) return send_error(res, related.error());
    send_json(res, 200, *related);
  });

  http_.Get(std::string("/api/v1/organizers/") + kId, [this](const httplib::Request& req, httplib::Response& res) {
    auto summary = organizer_summary(*db_, req.matches[1], now_seconds());
    if (!summary) return send_error(res, summary.error());
    send_json(res, 200, *summary);
  });

  http_.Get(std::string("/api/v1/giveaways/") + kId + "/draws", [this](const httplib::Request& req, httplib::Response& res) {
    auto list = draws_.giveaway_commitments(req.matches[1]);
    if (!list) return send_error(res, list.error());
    send_json(res, 200, *list);
  });

  http_.Get("/.well-known/tirage-keys.json", [this](const httplib::Request&, httplib::Response& res) {
    const auto keys = keys_.published();
    send_json(res, 200, keyset_to_json(keys));
  });
}

// [SECTION] Log

void App::log_routes() {
  http_.Get("/api/v1/log/sth", [this](const httplib::Request&, httplib::Response& res) {
    auto head = log_.signed_head(now_seconds());
    if (!head) return send_error(res, head.error());
    send_json(res, 200, *head);
  });

  http_.Get("/api/v1/log/proof", [this](const httplib::Request& req, httplib::Response& res) {
    auto leaf = hash_from_hex(param(req, "hash"));
    if (!leaf) return send_error(res, make_error("bad_request", "query parameter \"hash\": " + leaf.error().message));
    auto size = uint_param(req, "size");
    if (!size) return send_error(res, size.error());
    auto index = log_.index_of(*leaf);
    if (!index || *index >= *size)
      return send_error(res, make_error("not_found", "no entry with that leaf hash in the first " + std::to_string(*size) +
                                                         " entries of the log"));
    auto proof = log_.inclusion_proof(*index, *size);
    if (!proof) return send_error(res, make_error("bad_request", proof.error().message));
    Json hex = Json::array();
    for (const auto& h : *proof) hex.push_back(to_hex(h));
    send_json(res, 200, Json{{"leaf_index", *index}, {"tree_size", *size}, {"audit_path", hex}});
  });

  http_.Get("/api/v1/log/consistency", [this](const httplib::Request& req, httplib::Response& res) {
    auto first = uint_param(req, "first");
    auto second = uint_param(req, "second");
    if (!first) return send_error(res, first.error());
    if (!second) return send_error(res, second.error());
    auto proof = log_.consistency_proof(*first, *second);
    if (!proof) return send_error(res, make_error("bad_request", proof.error().message));
    Json hex = Json::array();
    for (const auto& h : *proof) hex.push_back(to_hex(h));
    send_json(res, 200, Json{{"first", *first}, {"second", *second}, {"consistency", hex}});
  });

  http_.Get("/api/v1/log/entries", [this](const httplib::Request& req, httplib::Response& res) {
    auto start = uint_param(req, "start");
    auto end = uint_param(req, "end");
    if (!start) return send_error(res, start.error());
    if (!end) return send_error(res, end.error());
    if (*end < *start) return send_error(res, make_error("bad_request", "\"end\" must not be below \"start\""));
    // At most 1000 entries per request, and none past the log's end: a range is then immutable, so cached.
    const std::uint64_t capped = std::min({*end, *start + 1000, std::max(*start, log_.size())});
    const std::string key = std::to_string(*start) + "-" + std::to_string(capped);
    auto page = log_pages_.find(key);
    if (!page) {
      auto text = log_.entries_text(*start, capped);
      if (!text) return send_error(res, text.error());
      page = std::make_shared<const std::string>(std::move(*text));
      log_pages_.put(key, page, page->size());
    }
    res.status = 200;
    res.set_content(*page, "application/json");
  });
}

// [SECTION] Serving

void App::static_routes() {
  http_.Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, Json{{"status", "ok"}, {"log_size", log_.size()}, {"drand", drand_ != nullptr}});
  });

  http_.Get(std::string("/v/") + kId, [this](const httplib::Request& req, httplib::Response& res) {
    const std::string lang = page_language(param(req, "lang"), req.get_header_value("Accept-Language"));
    auto view = draws_.public_view(req.matches[1], now_seconds());
    if (!view) return send_page_error(res, view.error());
    const InclusionChecks inclusion{handles_.platforms(req.matches[1]), InclusionService::kLookupsPerMinute};
    const auto pinned = drand_ ? std::span<const DrandChain>(&drand_->chain(), 1) : std::span<const DrandChain>();
    send_page(res, lang, render_verify_page(*view, lang, config_.public_url, config_.drand_urls, inclusion, pinned));
  });

  http_.Get(std::string("/o/") + kId, [this](const httplib::Request& req, httplib::Response& res) {
    const std::string lang = page_language(param(req, "lang"), req.get_header_value("Accept-Language"));
    auto summary = organizer_summary(*db_, req.matches[1], now_seconds());
    if (!summary) return send_page_error(res, summary.error());
    send_page(res, lang, render_organizer_page(*summary, lang, config_.public_url));
  });

  // Static files: public/ at the root, web/ under /assets, and the Wasm
  // verifier from the Wasm build tree (kept in memory: it is small and hot).
  const std::string root = config_.static_dir.empty() ? "." : config_.static_dir;
  http_.set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
  http_.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
  if (std::filesystem::exists(root + "/public")) http_.set_mount_point("/", root + "/public");
  // The organizer app: its page shell, then its Wasm build (the production
  // build, or the automation build the browser tests point --app-dir at).
  http_.Get("/app", [root](const httplib::Request&, httplib::Response& res) {
    std::ifstream in(root + "/web/app/index.html", std::ios::binary);
    if (!in) return send_error(res, make_error("not_found", "the organizer app's page is missing from web/app"));
    res.set_header("Cache-Control", "no-cache");
    res.set_content(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()), "text/html; charset=utf-8");
  });
  const std::string app_dir = config_.app_dir.empty() ? root + "/build/wasm/app" : config_.app_dir;
  if (!std::filesystem::exists(app_dir + "/tirage_app.wasm"))
    log_event("warn", "app_missing", {{"path", app_dir}, {"effect", "the organizer app at /app cannot start"}});
  http_.set_mount_point("/assets/app/bin", app_dir);
  if (std::filesystem::exists(root + "/web")) http_.set_mount_point("/assets", root + "/web");
  for (const auto& [name, type] : {std::pair{"tirage_verify.mjs", "text/javascript"}, {"tirage_verify.wasm", "application/wasm"}}) {
    const std::string path = root + "/build/wasm/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      log_event("warn", "verifier_missing", {{"path", path}, {"effect", "verify pages cannot run their checks"}});
      continue;
    }
    auto data = std::make_shared<std::string>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    http_.Get(std::string("/assets/verify/") + name, [data, type = std::string(type)](const httplib::Request&, httplib::Response& res) {
      res.set_header("Cache-Control", "public, max-age=300");
      res.set_content(*data, type.c_str());
    });
  }
}

void App::routes() {
  account_routes();
  oauth_->register_routes(http_, [this](const httplib::Request& req, httplib::Response& res) { return authenticate(req, res); });
  draw_routes();
  log_routes();
  register_billing_routes(http_, *billing_, [this](const httplib::Request& q, httplib::Response& s) { return authenticate(q, s); },
                          config_.static_dir.empty() ? "." : config_.static_dir);
  register_import_routes(http_, *imports_, *billing_, [this](const httplib::Request& req, httplib::Response& res) { return authenticate(req, res); });
  register_api_document_routes(http_, config_.static_dir.empty() ? "." : config_.static_dir);
  static_routes();
  // Before every route: no Brotli (server/http/response_encoding.hpp), then the API keys' rate limits,
  // scopes and Idempotency-Key replays (server/http/api_gate.hpp); after it, the gate's headers.
  http_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    answer_without_brotli(req);
    return gate_.before(req, res, now_seconds());
  });
  http_.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404)
      send_error(res, make_error("not_found", "no route for " + req.method + " " + req.path.substr(0, 200)));
    else if (res.status == 413)
      send_error(res, make_error("too_large", "the body is larger than the server accepts"));
    else if (res.status >= 400)
      send_json(res, res.status, Json{{"error", {{"code", "http_" + std::to_string(res.status)}, {"message", "request failed"}}}});
  });
  http_.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    log_event("error", "exception", {{"path", req.path.substr(0, 200)}, {"what", what}});
    send_error(res, make_error("internal", what));
  });
  // Every answer: nosniff, framing and CSP rules, HSTS over https; public reads open to any site (server/http/security_headers.hpp).
  http_.set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    gate_.after(req, res, now_seconds());
    headers_.apply(req, res, client_of(req).https);
  });
  http_.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    if (res.status >= 500) log_event("error", "request", {{"method", req.method}, {"path", req.path.substr(0, 200)}, {"status", res.status}});
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
