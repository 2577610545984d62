// Everything OAuth on the server, wired together: configured providers, the
// token cipher, states, sign-ins, platform connections, Meta's data-deletion
// callback, the account export, and their HTTP routes (docs/api.md,
// "Sign-in with Google and Facebook, platform connections").
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <httplib.h>

#include "server/http/route_table.hpp"

#include "server/accounts/organizers.hpp"
#include "server/accounts/sessions.hpp"
#include "server/http/client_address.hpp"
#include "server/http/rate_limiter.hpp"
#include "server/legal/legal_pages.hpp"
#include "server/mail/outbox.hpp"
#include "server/oauth/connections.hpp"
#include "server/oauth/data_deletion.hpp"
#include "server/oauth/meta_callbacks.hpp"
#include "server/oauth/oauth_logins.hpp"
#include "server/oauth/oauth_states.hpp"

namespace tirage::server {

struct OAuthSettings {
  std::string public_url;  // redirect URIs are public_url + /api/v1/oauth/{provider}/callback
  std::string sandbox;     // empty in production; tests point every provider host at a fake
  LegalSite legal;         // the operator and contact the legal pages show
  TrustedProxies proxies;  // whose X-Forwarded-Proto says a request came over https (cookie names)
};

// The organizer behind a request (App::authenticate), sending 401/403 itself on failure.
using Authenticator = std::function<std::optional<Organizer>(const httplib::Request&, httplib::Response&)>;

class OAuthService {
 public:
  // Reads the token key and the providers' credentials from the environment.
  // outbox: where offers to addresses a provider does not vouch for are mailed.
  static Result<std::unique_ptr<OAuthService>> open(Database& db, Organizers& organizers, Sessions& sessions, Outbox& outbox,
                                                    const OAuthSettings& settings);
  // Adds the routes to the server.
  void register_routes(RouteTable& http, Authenticator authenticate);
  // What the import clients use to get a live token.
  Connections& connections() { return *connections_; }

 private:
  OAuthService(Database& db, Organizers& organizers, Sessions& sessions, Outbox& outbox, const OAuthSettings& settings)
      : db_(db), organizers_(organizers), sessions_(sessions), outbox_(outbox), settings_(settings), states_(db),
        logins_(db, organizers), meta_callbacks_(db) {}
  void sign_in_routes(RouteTable& http);
  void connection_routes(RouteTable& http, const Authenticator& authenticate);
  void review_routes(RouteTable& http, const Authenticator& authenticate);
  void start(const httplib::Request& req, httplib::Response& res);
  void callback(const httplib::Request& req, httplib::Response& res);
  void sign_in(const httplib::Request& req, httplib::Response& res, const Organizer& org, UnixSeconds now);
  // Whether the request came over https (then cookies are "__Host-" prefixed and Secure).
  bool https(const httplib::Request& req) const;
  // Mails a sign-in offer to an address the provider does not vouch for; 'rate_limited' past 3 an hour per address.
  Status mail_offer(const std::string& provider_name, const LoginDecision& decision, const std::string& language,
                    UnixSeconds now);
  // mail_offer(), and the page that says so (or why not) to the browser.
  void answer_offer(httplib::Response& res, const std::string& provider_name, const LoginDecision& decision,
                    const std::string& language, UnixSeconds now);

  Database& db_;
  Organizers& organizers_;
  Sessions& sessions_;
  Outbox& outbox_;
  OAuthSettings settings_;
  std::optional<TokenCipher> cipher_;
  OAuthClients clients_;
  OAuthStates states_;
  OAuthLogins logins_;
  std::unique_ptr<Connections> connections_;
  std::unique_ptr<DataDeletion> deletion_;
  MetaCallbacks meta_callbacks_;
  RateLimiter mailed_offers_{3, 3600};  // per address: a stranger's Facebook account cannot flood its inbox
};

}  // namespace tirage::server
