// The OAuth providers Tirage talks to, as data: endpoints (production hosts by
// default), how each wants the client authenticated, its PKCE flavour, and
// the minimum scopes for logging in and for reading comments (docs/platforms.md
// says why each scope is needed).
//
// With a sandbox base URL every endpoint https://HOST/PATH becomes
// SANDBOX/HOST/PATH, so one fake server (tests/fakes/fake_oauth.py) can stand
// in for all hosts; production never sets it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/oauth/pkce.hpp"

namespace tirage::server {

enum class ClientAuth { in_body, basic_header };

struct ProviderSpec {
  std::string id;            // google, facebook, instagram, x, tiktok (the {provider} of the routes)
  std::string name;          // for people: "Google"
  std::string env_prefix;    // TIRAGE_GOOGLE -> TIRAGE_GOOGLE_CLIENT_ID, TIRAGE_GOOGLE_CLIENT_SECRET(_FILE)
  std::string platform;      // the connection it makes: youtube, facebook, instagram, x, tiktok
  bool can_log_in = false;   // Google and Facebook only
  std::string authorize_url, token_url, revoke_url, identity_url;
  std::string long_lived_url, refresh_url;  // Meta: short-lived -> long-lived; Instagram's refresh endpoint
  std::string client_id_param = "client_id";  // TikTok says client_key
  std::optional<PkceMethod> pkce;
  ClientAuth client_auth = ClientAuth::in_body;
  bool token_by_get = false;  // Facebook's /oauth/access_token takes a GET
  std::string scope_separator = " ";
  std::vector<std::string> login_scopes, connect_scopes;
  std::vector<std::pair<std::string, std::string>> extra_authorize_params;
};

// Every provider, in a stable order.
const std::vector<ProviderSpec>& providers();
// The provider with this id, or nullptr.
const ProviderSpec* find_provider(std::string_view id);
// The provider that makes connections to this platform, or nullptr.
const ProviderSpec* provider_for_platform(std::string_view platform);
// url rewritten under the sandbox base (unchanged when sandbox is empty).
std::string sandboxed(const std::string& url, const std::string& sandbox);

}  // namespace tirage::server
