#include "server/accounts/account_routes.hpp"

#include "server/accounts/api_key_scopes.hpp"
#include "server/clock.hpp"
#include "server/http/api_response.hpp"

namespace tirage::server {

namespace {

constexpr const char* kKeyId = "/api/v1/api-keys/([A-Za-z0-9_-]{1,100})";

std::string string_field(const Json& j, const char* name) {
  return j.is_object() && j.contains(name) && j[name].is_string() ? j[name].get<std::string>() : "";
}

// Sends the error, with Retry-After when it is the action's limit that refused.
void send_account_error(httplib::Response& res, const Error& e, const AccountService& accounts, LimitedAction action) {
  if (e.code == "rate_limited") res.set_header("Retry-After", std::to_string(accounts.retry_after(action)));
  send_error(res, e);
}

}  // namespace

void register_account_routes(RouteTable& http, AccountService& accounts, RequestAuth& auth) {
  auto set_session = [&auth](const httplib::Request& req, httplib::Response& res, const std::string& token, UnixSeconds max_age) {
    res.set_header("Set-Cookie", session_cookie(token, max_age, auth.client_of(req).https));
  };

  http.Post("/api/v1/accounts/signup", [&accounts, &auth](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    std::string lang = string_field(*body, "language");
    if (lang != "fr" && lang != "es" && lang != "de") lang = "en";
    auto email = accounts.sign_up(string_field(*body, "email"), string_field(*body, "password"), lang,
                                  auth.client_of(req).address, now_seconds());
    if (!email) return send_account_error(res, email.error(), accounts, LimitedAction::sign_up);
    send_json(res, 202, Json{{"email", *email}, {"message", "check your mail: a link to go on is on its way"}});
  });

  http.Post("/api/v1/accounts/verify", [&accounts](const httplib::Request& req, httplib::Response& res) {
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    if (auto ok = accounts.verify_email(string_field(*body, "token"), now_seconds()); !ok) return send_error(res, ok.error());
    send_json(res, 200, Json{{"verified", true}});
  });

  http.Post("/api/v1/accounts/login", [&accounts, &auth, set_session](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    auto in = accounts.log_in(string_field(*body, "email"), string_field(*body, "password"), auth.client_of(req).address,
                              now_seconds());
    if (!in) return send_account_error(res, in.error(), accounts, LimitedAction::log_in);
    set_session(req, res, in->session.token, Sessions::kLifetime);
    send_json(res, 200, Json{{"organizer_id", in->organizer.id}, {"email", in->organizer.email}, {"csrf_token", in->session.csrf_token}});
  });

  http.Post("/api/v1/accounts/logout", [&accounts, &auth, set_session](const httplib::Request& req, httplib::Response& res) {
    if (!auth.authenticate(req, res)) return;
    (void)accounts.log_out(auth.session_token_of(req));
    set_session(req, res, "", 0);
    send_json(res, 200, Json{{"logged_out", true}});
  });

  http.Post("/api/v1/accounts/password-reset", [&accounts, &auth](const httplib::Request& req, httplib::Response& res) {
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    // The answer is the same whether or not the account exists.
    if (auto ok = accounts.request_reset(string_field(*body, "email"), auth.client_of(req).address, now_seconds()); !ok)
      return send_account_error(res, ok.error(), accounts, LimitedAction::reset);
    send_json(res, 202, Json{{"message", "if an account exists for this address, a reset link is on its way"}});
  });

  http.Post("/api/v1/accounts/password-reset/confirm", [&accounts](const httplib::Request& req, httplib::Response& res) {
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    auto ended = accounts.confirm_reset(string_field(*body, "token"), string_field(*body, "password"), now_seconds());
    if (!ended) return send_error(res, ended.error());
    send_json(res, 200, Json{{"password_changed", true}, {"sessions_ended", ended->sessions}, {"api_keys_revoked", ended->api_keys}});
  });

  http.Get("/api/v1/me", [&accounts, &auth](const httplib::Request& req, httplib::Response& res) {
    auto org = auth.authenticate(req, res);
    if (!org) return;
    send_json(res, 200, accounts.me(*org, auth.session_token_of(req), now_seconds()));
  });

  // Self-service deletion (server/accounts/account_deletion.hpp): the owner types the address to confirm.
  http.Post("/api/v1/account/delete", [&accounts, &auth, set_session](const httplib::Request& req, httplib::Response& res) {
    auto org = auth.authenticate(req, res);
    if (!org) return;
    // An API key lives in scripts and servers: a leaked one must not be able to end the account.
    if (req.get_header_value("Authorization").rfind("Bearer ", 0) == 0)
      return send_error(res, make_error("forbidden", "an API key cannot delete the account: sign in and confirm with your address"));
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    auto deleted = accounts.delete_account(*org, string_field(*body, "confirm"), now_seconds());
    if (!deleted) return send_error(res, deleted.error());
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

  http.Post("/api/v1/api-keys", [&accounts, &auth](const httplib::Request& req, httplib::Response& res) {
    auto org = auth.authenticate(req, res);
    if (!org) return;
    if (auto ok = accounts.may_create_api_key(*org); !ok) return send_error(res, ok.error());
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    auto scopes = api_key_scopes(body->is_object() && body->contains("scopes") ? (*body)["scopes"] : Json(nullptr));
    if (!scopes) return send_error(res, scopes.error());
    auto key = accounts.create_api_key(*org, string_field(*body, "label"), now_seconds(), *scopes);
    if (!key) return send_error(res, key.error());
    send_json(res, 201, Json{{"id", key->id}, {"key", key->key}, {"scopes", scopes_json(*scopes)}, {"note", "shown once: store it now"}});
  });

  http.Get("/api/v1/api-keys", [&accounts, &auth](const httplib::Request& req, httplib::Response& res) {
    auto org = auth.authenticate(req, res);
    if (!org) return;
    send_json(res, 200, accounts.list_api_keys(*org));
  });

  http.Delete(kKeyId, [&accounts, &auth](const httplib::Request& req, httplib::Response& res) {
    auto org = auth.authenticate(req, res);
    if (!org) return;
    if (auto ok = accounts.revoke_api_key(*org, req.matches[1], now_seconds()); !ok) return send_error(res, ok.error());
    send_json(res, 200, Json{{"revoked", true}});
  });
}

}  // namespace tirage::server
