// The OAuth 2.0 conversation with one provider, server side: the authorize
// URL, code exchange (with the PKCE verifier), refresh, revoke, and who the
// token belongs to. Each provider's quirks (api-reference.md 2.1, 2.2, 4.4,
// 5.5, 6.4) are handled here and nowhere else.
#pragma once

#include <optional>
#include <string>

#include "server/oauth/providers.hpp"
#include "shared/oauth/provider_answers.hpp"

namespace tirage::server {

struct ClientCredentials {
  std::string id, secret;
};

class OAuthClient {
 public:
  OAuthClient(const ProviderSpec& spec, ClientCredentials credentials, std::string redirect_uri, std::string sandbox,
              int timeout_ms = 10000);

  const ProviderSpec& spec() const { return spec_; }
  // Where to send the browser; challenge is empty for providers without PKCE.
  std::string authorize_url(const std::string& state, const std::string& challenge, bool for_login) const;
  // Code -> tokens (long-lived ones for Meta); 'provider_refused' with the provider's own words.
  Result<TokenSet> exchange_code(const std::string& code, const std::string& verifier, UnixSeconds now) const;
  // New tokens from the current ones; keeps the refresh token when the provider does not rotate it.
  Result<TokenSet> refresh(const TokenSet& current, UnixSeconds now) const;
  // Revokes the grant; false when the platform offers no revocation (Instagram).
  Result<bool> revoke(const TokenSet& tokens) const;
  // Who the access token belongs to.
  Result<Identity> identity(const std::string& access_token) const;
  // Facebook: the Pages the user token manages, with Page tokens (GET /me/accounts, every page of results).
  Result<std::vector<FacebookPage>> managed_pages(const std::string& user_token) const;

 private:
  std::string url(const std::string& production) const { return sandboxed(production, sandbox_); }
  Result<TokenSet> token_request(const std::string& method, const std::string& url,
                                 std::vector<std::pair<std::string, std::string>> params, UnixSeconds now) const;
  // The body of a 200 answer to a GET with the bearer token; 'provider_refused' otherwise.
  Result<std::string> get_body(const std::string& url, const std::string& bearer) const;

  const ProviderSpec& spec_;
  ClientCredentials credentials_;
  std::string redirect_uri_, sandbox_;
  int timeout_ms_;
};

}  // namespace tirage::server
