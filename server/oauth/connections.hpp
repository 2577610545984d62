// Each organizer's connections to the platforms (instagram, facebook, youtube,
// x, tiktok): tokens sealed at rest (TokenCipher), renewed before they expire,
// and revoked (where the platform allows) then deleted on disconnect.
//
// The import clients get a live token with:
//   auto token = connections.access_token(organizer_id, "instagram", now_seconds());
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "server/db/database.hpp"
#include "server/oauth/oauth_client.hpp"
#include "server/oauth/token_cipher.hpp"

namespace tirage::server {

// The configured OAuth clients, by provider id (a provider without credentials is absent).
class OAuthClients {
 public:
  // Reads TIRAGE_<PROVIDER>_CLIENT_ID and TIRAGE_<PROVIDER>_CLIENT_SECRET(_FILE) for each provider;
  // an error when only one of the two is set or a secret file is open to others.
  static Result<OAuthClients> from_environment(const std::string& public_url, const std::string& sandbox);
  // The client for a provider id; 'not_configured' (or 'not_found' for an unknown id) otherwise.
  Result<const OAuthClient*> client(std::string_view provider) const;
  // The app secret of a provider, to check Meta's signed requests; empty when not configured.
  std::string secret(std::string_view provider) const;
  void add(const ProviderSpec& spec, ClientCredentials credentials, const std::string& public_url, const std::string& sandbox);

 private:
  std::map<std::string, std::shared_ptr<OAuthClient>, std::less<>> clients_;
  std::map<std::string, std::string, std::less<>> secrets_;
};

class Connections {
 public:
  // Tokens are renewed when less than this is left (Meta long-lived tokens: a week).
  static constexpr UnixSeconds kRefreshMargin = 300;
  static constexpr UnixSeconds kLongLivedMargin = 7 * 86400;

  Connections(Database& db, const std::optional<TokenCipher>& cipher, const OAuthClients& clients)
      : db_(db), cipher_(cipher), clients_(clients) {}

  // Stores (or replaces) the organizer's connection to the provider's platform.
  Status save(const std::string& organizer_id, const ProviderSpec& provider, const Identity& account, const TokenSet& tokens,
              UnixSeconds now);
  // {"connections":[{platform, account_id, account_name, scopes, connected_at, expires_at, status}]}, no tokens.
  Json list(const std::string& organizer_id) const;
  // A live access token for the organizer's platform, renewed first when it is
  // about to expire. Errors: not_found (no connection), reconnect_needed
  // (renewal refused or impossible), not_configured, provider_unavailable.
  Result<std::string> access_token(const std::string& organizer_id, std::string_view platform, UnixSeconds now);
  // The platform refused `rejected` (expired or revoked early): the next access_token() renews it.
  // Nothing changes when the stored token is already another one (renewed meanwhile).
  Status token_rejected(const std::string& organizer_id, std::string_view platform, const std::string& rejected);
  // The Facebook Pages the organizer's Facebook connection manages (Page tokens included, never stored).
  Result<std::vector<FacebookPage>> facebook_pages(const std::string& organizer_id, UnixSeconds now);
  // A Page access token for one of those Pages; 'not_found' when the connection does not manage it.
  Result<std::string> page_access_token(const std::string& organizer_id, const std::string& page_id, UnixSeconds now);
  // Revokes (where the platform allows) and deletes; the answer says whether revocation happened.
  Result<Json> disconnect(const std::string& organizer_id, std::string_view platform);
  // Deletes the connections a platform user id has with us (Meta's data-deletion callback); how many went.
  Result<int> delete_for_platform_user(std::string_view platform, const std::string& app_user_id);
  // Reseals every token still under an old key with the current one; how many rows changed.
  Result<int> reseal_all();

 private:
  struct Row {
    std::string account_id;
    TokenSet tokens;
    std::string key_id;
  };
  Result<Row> load(const std::string& organizer_id, std::string_view platform) const;
  // The tokens sealed under the current key, each bound to its organizer, platform and role.
  struct Sealed {
    std::string key_id;
    std::string access;
    std::optional<std::string> refresh;
  };
  Result<Sealed> seal(const std::string& organizer_id, std::string_view platform, const TokenSet& tokens) const;
  Status store_tokens(const std::string& organizer_id, std::string_view platform, const TokenSet& tokens, UnixSeconds now);
  Result<const TokenCipher*> cipher() const;

  Database& db_;
  const std::optional<TokenCipher>& cipher_;
  const OAuthClients& clients_;
  std::mutex refresh_mu_;  // one renewal at a time: X and TikTok rotate refresh tokens
};

}  // namespace tirage::server
