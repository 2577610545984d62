// OAuthService's HTTP routes (opening and mail: oauth_service.cpp). Sections:
//   [SECTION] Sign-in      start, callback, link confirmation
//   [SECTION] Connections  list, check, Facebook Pages, disconnect
//   [SECTION] Review       legal pages, Meta's deletion and deauthorize callbacks, account export
#include <memory>

#include "server/accounts/account_export.hpp"
#include "server/clock.hpp"
#include "server/http/api_response.hpp"
#include "server/http/cookies.hpp"
#include "server/log/event_log.hpp"
#include "server/oauth/oauth_service.hpp"
#include "server/pages/verify_page.hpp"
#include "server/random.hpp"
#include "shared/core/base64url.hpp"
#include "shared/oauth/signed_request.hpp"

namespace tirage::server {

namespace {

// The cookie that binds an OAuth state (and a link offer) to the browser that started it.
constexpr const char* kBrowserCookie = "tirage_oauth";
constexpr const char* kProvider = "/api/v1/oauth/([a-z]{1,20})";

std::string param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name).substr(0, 4096) : "";
}

std::string language_of(const httplib::Request& req) {
  return page_language(param(req, "lang"), req.get_header_value("Accept-Language"));
}

void send_page(httplib::Response& res, int status, const std::string& html) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_content(html, "text/html; charset=utf-8");
}

// Form fields of an application/x-www-form-urlencoded body (HTML forms, Meta's callbacks).
httplib::Params form_fields(const httplib::Request& req) {
  httplib::Params fields;
  if (req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) == 0 && req.body.size() <= 16384)
    httplib::detail::parse_query_text(req.body, fields);
  return fields;
}

std::string field(const httplib::Params& fields, const char* name) {
  auto it = fields.find(name);
  return it == fields.end() ? "" : it->second;
}

}  // namespace

void OAuthService::register_routes(RouteTable& http, Authenticator authenticate) {
  sign_in_routes(http);
  connection_routes(http, authenticate);
  review_routes(http, authenticate);
}

// [SECTION] Sign-in

bool OAuthService::https(const httplib::Request& req) const {
  return client_info(req, settings_.proxies, settings_.public_url.rfind("https://", 0) == 0).https;
}

void OAuthService::sign_in(const httplib::Request& req, httplib::Response& res, const Organizer& org, UnixSeconds now) {
  auto session = sessions_.create(org, now);
  if (!session) return send_page(res, 500, render_sign_in_error("internal error", "en"));
  res.set_header("Set-Cookie", session_cookie(session->token, Sessions::kLifetime, https(req)));
  log_event("info", "sign_in_external", {{"organizer", org.id}});
}

void OAuthService::answer_offer(httplib::Response& res, const std::string& provider_name, const LoginDecision& decision,
                                const std::string& language, UnixSeconds now) {
  if (auto mailed = mail_offer(provider_name, decision, language, now); !mailed) {
    const bool limited = mailed.error().code == "rate_limited";
    return send_page(res, limited ? 429 : 500, render_sign_in_error(limited ? mailed.error().message : "internal error", language));
  }
  send_page(res, 200, render_offer_mailed(provider_name, decision.organizer.email, language));
}

void OAuthService::start(const httplib::Request& req, httplib::Response& res) {
  const std::string provider = req.matches[1], lang = language_of(req);
  const std::string purpose = req.has_param("purpose") ? param(req, "purpose") : "connect";
  auto fail = [&](const Error& e) { send_page(res, status_for(e.code), render_sign_in_error(e.message, lang)); };
  auto client = clients_.client(provider);
  if (!client) return fail(client.error());
  const ProviderSpec& spec = (*client)->spec();
  if (purpose != "login" && purpose != "connect") return fail(make_error("bad_request", "purpose must be login or connect"));
  if (purpose == "login" && !spec.can_log_in) return fail(make_error("bad_request", "signing in with " + spec.name + " is not offered; use Google or Facebook"));
  const auto now = now_seconds();
  PendingAuthorization pending{provider, purpose, "", base64url_encode(random_bytes(32))};
  if (purpose == "connect") {
    auto session = sessions_.find(request_cookie(req, cookie_name(kSessionCookie, https(req))), now);
    if (!session) return fail(make_error("unauthorized", "sign in to Tirage before connecting an account"));
    if (!cipher_) return fail(make_error("not_configured", "platform connections need TIRAGE_TOKEN_KEY on the server"));
    pending.organizer_id = session->organizer.id;
  }
  auto issued = states_.issue(pending, request_cookie(req, cookie_name(kBrowserCookie, https(req))), now);
  if (!issued) return fail(issued.error());
  res.set_header("Set-Cookie", set_cookie(kBrowserCookie, issued->browser_token, OAuthStates::kLifetime, https(req)));
  res.set_header("Cache-Control", "no-store");
  const std::string challenge = spec.pkce ? pkce_challenge(pending.code_verifier, *spec.pkce) : "";
  res.set_redirect((*client)->authorize_url(issued->state, challenge, purpose == "login"), 302);
}

void OAuthService::callback(const httplib::Request& req, httplib::Response& res) {
  const std::string provider = req.matches[1], lang = language_of(req);
  auto fail = [&](const Error& e) {
    log_event("warn", "oauth_callback_refused", {{"provider", provider}, {"code", e.code}, {"reason", e.message}});
    send_page(res, status_for(e.code), render_sign_in_error(e.message, lang));
  };
  auto client = clients_.client(provider);
  if (!client) return fail(client.error());
  const ProviderSpec& spec = (*client)->spec();
  const auto now = now_seconds();
  const std::string browser = request_cookie(req, cookie_name(kBrowserCookie, https(req)));
  // The state is consumed first, also when the person declined, so it can never be used again.
  auto pending = states_.consume(param(req, "state"), browser, provider, now);
  if (!pending) return fail(pending.error());
  if (req.has_param("error"))
    return fail(make_error("forbidden", spec.name + " did not grant access: " +
                                            (req.has_param("error_description") ? param(req, "error_description").substr(0, 200)
                                                                                : param(req, "error").substr(0, 100))));
  auto tokens = (*client)->exchange_code(param(req, "code"), pending->code_verifier, now);
  if (!tokens) return fail(tokens.error());
  auto who = (*client)->identity(tokens->access_token);
  if (!who) return fail(who.error());
  if (pending->purpose == "login") {
    auto decision = logins_.resolve(provider, *who, browser, lang, now);
    if (!decision) return fail(decision.error());
    if (decision->kind == LoginDecision::Kind::link_offered)
      return send_page(res, 200, render_link_offer(spec.name, decision->organizer.email, decision->link_token, lang));
    if (decision->kind == LoginDecision::Kind::offer_mailed) return answer_offer(res, spec.name, *decision, lang, now);
    sign_in(req, res, decision->organizer, now);
    res.set_header("Cache-Control", "no-store");
    return res.set_redirect(settings_.public_url + "/app", 302);
  }
  // A connection lands in the account that started it, and only if this browser is still signed in as it.
  auto session = sessions_.find(request_cookie(req, cookie_name(kSessionCookie, https(req))), now);
  if (!session || session->organizer.id != pending->organizer_id)
    return fail(make_error("forbidden", "this browser is no longer signed in to the Tirage account that started the connection"));
  if (auto ok = connections_->save(pending->organizer_id, spec, *who, *tokens, now); !ok) return fail(ok.error());
  log_event("info", "connected", {{"organizer", pending->organizer_id}, {"platform", spec.platform}});
  res.set_header("Cache-Control", "no-store");
  res.set_redirect(settings_.public_url + "/app?connected=" + spec.platform, 302);
}

void OAuthService::sign_in_routes(RouteTable& http) {
  // Connecting needs the session cookie itself (not an API key): the callback comes back to this browser.
  http.Get(std::string(kProvider) + "/start", [this](const httplib::Request& req, httplib::Response& res) { start(req, res); });
  http.Get(std::string(kProvider) + "/callback", [this](const httplib::Request& req, httplib::Response& res) { callback(req, res); });

  // The link in a mailed offer: the page asking to confirm it (a GET changes nothing, so a mail
  // scanner opening the link does no harm; only this browser's form post confirms).
  http.Get("/api/v1/oauth/link", [this](const httplib::Request& req, httplib::Response& res) {
    const std::string lang = language_of(req), token = param(req, "token");
    auto offer = logins_.describe_offer(token, request_cookie(req, cookie_name(kBrowserCookie, https(req))), now_seconds());
    if (!offer) return send_page(res, status_for(offer.error().code), render_sign_in_error(offer.error().message, lang));
    auto client = clients_.client(offer->provider);
    const std::string name = client ? (*client)->spec().name : offer->provider;
    send_page(res, 200, render_link_offer(name, offer->email, token, lang, offer->kind));
  });

  // The answer to the link offer page: a form post (then a redirect) or JSON {"token"}.
  http.Post("/api/v1/oauth/link/confirm", [this](const httplib::Request& req, httplib::Response& res) {
    const auto fields = form_fields(req);
    const bool form = !fields.empty();
    std::string token = field(fields, "token");
    if (!form) {
      auto body = read_json_body(req);
      if (!body) return send_error(res, body.error());
      if (body->is_object() && body->contains("token") && (*body)["token"].is_string()) token = (*body)["token"];
    }
    const auto now = now_seconds();
    auto org = logins_.confirm_link(token, request_cookie(req, cookie_name(kBrowserCookie, https(req))), now);
    if (!org) {
      if (form) return send_page(res, status_for(org.error().code), render_sign_in_error(org.error().message, language_of(req)));
      return send_error(res, org.error());
    }
    sign_in(req, res, *org, now);
    if (form) return res.set_redirect(settings_.public_url + "/app", 303);
    send_json(res, 200, Json{{"organizer_id", org->id}, {"email", org->email}, {"linked", true}});
  });
}

// [SECTION] Connections

void OAuthService::connection_routes(RouteTable& http, const Authenticator& authenticate) {
  http.Get("/api/v1/connections", [this, authenticate](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    Json out = connections_->list(org->id);
    Json available = Json::array();
    for (const auto& p : providers())
      available.push_back(Json{{"platform", p.platform}, {"provider", p.id}, {"configured", bool(clients_.client(p.id)) && cipher_.has_value()},
                               {"connect_url", "/api/v1/oauth/" + p.id + "/start?purpose=connect"}});
    out["available"] = available;
    send_json(res, 200, out);
  });

  // Makes sure the connection works: a live token (renewed if needed) that the platform accepts.
  http.Get("/api/v1/connections/([a-z]{1,20})/check", [this, authenticate](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    const std::string platform = req.matches[1];
    auto token = connections_->access_token(org->id, platform, now_seconds());
    if (!token) return send_error(res, token.error());
    auto client = clients_.client(provider_for_platform(platform)->id);
    if (!client) return send_error(res, client.error());
    auto who = (*client)->identity(*token);
    if (!who && who.error().code == "provider_refused") {
      // Refused before its time (revoked, password changed): renew once and ask again.
      if (auto ok = connections_->token_rejected(org->id, platform, *token); !ok) return send_error(res, ok.error());
      token = connections_->access_token(org->id, platform, now_seconds());
      if (!token) return send_error(res, token.error());
      who = (*client)->identity(*token);
    }
    if (!who) return send_error(res, make_error("reconnect_needed", who.error().message));
    send_json(res, 200, Json{{"platform", platform}, {"account_name", who->name}, {"live", true}});
  });

  // The Pages a Facebook connection manages, for the post picker (no tokens).
  http.Get("/api/v1/connections/facebook/pages", [this, authenticate](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    auto pages = connections_->facebook_pages(org->id, now_seconds());
    if (!pages) return send_error(res, pages.error());
    Json out = Json::array();
    for (const auto& p : *pages) out.push_back(Json{{"id", p.id}, {"name", p.name}});
    send_json(res, 200, Json{{"pages", out}});
  });

  http.Delete("/api/v1/connections/([a-z]{1,20})", [this, authenticate](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    auto answer = connections_->disconnect(org->id, std::string(req.matches[1]));
    if (!answer) return send_error(res, answer.error());
    send_json(res, 200, *answer);
  });
}

// [SECTION] Review

void OAuthService::review_routes(RouteTable& http, const Authenticator& authenticate) {
  const LegalSite site = settings_.legal;
  for (const auto& [path, kind] : {std::pair{"/privacy", "privacy"}, {"/terms", "terms"}, {"/data-deletion", "deletion"}}) {
    http.Get(path, [site, kind = std::string(kind)](const httplib::Request& req, httplib::Response& res) {
      const std::string lang = language_of(req);
      res.set_header("Content-Language", lang);
      res.set_header("Vary", "Accept-Language");
      res.set_content(render_legal_page(kind, lang, site), "text/html; charset=utf-8");
    });
  }

  http.Get("/data-deletion/status", [this, site](const httplib::Request& req, httplib::Response& res) {
    const std::string code = param(req, "code").substr(0, 64);
    auto status = deletion_->status(code);
    res.status = status ? 200 : 404;
    res.set_content(render_deletion_status(status, code, language_of(req), site), "text/html; charset=utf-8");
  });

  // Meta calls these when someone removes the app (Facebook Login or Instagram Login): "deauthorize"
  // ends the connections (their tokens no longer work), "data-deletion" also unlinks sign-ins
  // and answers a confirmation code.
  for (const char* kind : {"data-deletion", "deauthorize"}) {
    http.Post(std::string(kProvider) + "/" + kind, [this, deletion = std::string(kind) == "data-deletion"](
                                                        const httplib::Request& req, httplib::Response& res) {
      const std::string provider = req.matches[1];
      if (provider != "facebook" && provider != "instagram")
        return send_error(res, make_error("not_found", "only Facebook and Instagram send these callbacks"));
      if (req.body.size() > 16384) return send_error(res, make_error("too_large", "a signed_request body is at most 16 KiB"));
      const std::string secret = clients_.secret(provider);
      if (secret.empty()) return send_error(res, make_error("not_configured", provider + " is not set up on this server"));
      const std::string signed_request = field(form_fields(req), "signed_request");
      const auto now = now_seconds();
      auto request = verify_signed_request(signed_request, secret);
      if (request) {
        // A signed_request stays valid forever by itself: refuse old ones, and carry out each one once.
        if (auto fresh = check_signed_request_fresh(*request, now); !fresh) request = fresh.error();
      }
      if (!request) {
        log_event("warn", "meta_callback_refused", {{"provider", provider}, {"reason", request.error().message}, {"address", client_info(req, settings_.proxies, false).address}});
        return send_error(res, request.error());
      }
      auto answer = meta_callbacks_.once(signed_request, provider, deletion ? "data-deletion" : "deauthorize", now, [&]() -> Result<Json> {
        if (!deletion) {
          auto n = connections_->delete_for_platform_user(provider, request->user_id);
          if (!n) return n.error();
          log_event("info", "deauthorized", {{"provider", provider}, {"connections", *n}});
          return Json{{"connections_deleted", *n}};
        }
        auto code = deletion_->erase(provider, request->user_id, now);
        if (!code) return code.error();
        return Json{{"url", settings_.public_url + "/data-deletion/status?code=" + *code}, {"confirmation_code", *code}};
      });
      if (!answer) return send_error(res, answer.error());
      send_json(res, 200, *answer);
    });
  }

  http.Get("/api/v1/data-deletion/([A-F0-9]{1,64})", [this](const httplib::Request& req, httplib::Response& res) {
    auto status = deletion_->status(req.matches[1]);
    if (!status) return send_error(res, make_error("not_found", "no deletion request has this confirmation code"));
    send_json(res, 200, *status);
  });

  http.Get("/api/v1/account/export", [this, authenticate](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    const auto now = now_seconds();
    auto doc = export_account(db_, *org, *connections_, logins_, now);
    if (!doc) return send_error(res, doc.error());
    res.set_header("Content-Disposition", "attachment; filename=\"tirage-export-" + org->id + ".json\"");
    res.set_header("Cache-Control", "no-store");
    send_json(res, 200, *doc);
  });
}

}  // namespace tirage::server
