#include "server/accounts/request_auth.hpp"

#include <openssl/crypto.h>

#include "server/billing/billing_routes.hpp"
#include "server/clock.hpp"
#include "server/http/api_response.hpp"
#include "server/http/cookies.hpp"

namespace tirage::server {

ClientInfo RequestAuth::client_of(const httplib::Request& req) const { return client_info(req, proxies_, public_https_); }

std::string RequestAuth::session_token_of(const httplib::Request& req) const {
  return request_cookie(req, cookie_name(kSessionCookie, client_of(req).https));
}

std::optional<Organizer> RequestAuth::authenticate(const httplib::Request& req, httplib::Response& res) {
  // What an organizer's own requests answer is theirs alone: no cache keeps it.
  res.set_header("Cache-Control", "no-store");
  const std::string auth = req.get_header_value("Authorization");
  if (auth.rfind("Bearer ", 0) == 0) {
    if (auto org = organizers_.by_api_key(auth.substr(7))) {
      if (Json refused = billing_.api_key_refusal(*org, now_seconds()); !refused.is_null()) {
        send_plan_limit(res, refused);
        return std::nullopt;
      }
      return org;
    }
    send_error(res, make_error("unauthorized", "the API key is unknown or revoked"));
    return std::nullopt;
  }
  auto session = sessions_.find(session_token_of(req), now_seconds());
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

}  // namespace tirage::server
