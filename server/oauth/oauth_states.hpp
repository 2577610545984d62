// The OAuth `state` parameter: random, stored hashed with the PKCE verifier,
// bound to the browser that started the flow (the hash of a random cookie set
// at /start), valid for 10 minutes, and consumed on first use, so a state
// replayed, forged, or carried to another browser is refused.
#pragma once

#include <string>

#include "server/db/database.hpp"
#include "shared/core/time.hpp"

namespace tirage::server {

struct PendingAuthorization {
  std::string provider;
  std::string purpose;       // login or connect
  std::string organizer_id;  // who is connecting (connect only)
  std::string code_verifier;
};

struct IssuedState {
  std::string state;          // goes in the authorize URL
  std::string browser_token;  // goes in the browser's cookie (unless it has one)
};

class OAuthStates {
 public:
  static constexpr UnixSeconds kLifetime = 600;
  explicit OAuthStates(Database& db) : db_(db) {}

  // A new state for this browser; browser_token reuses the browser's cookie when it has a well-formed one.
  Result<IssuedState> issue(const PendingAuthorization& pending, const std::string& browser_token, UnixSeconds now);
  // The pending authorization for state, marked used; 'bad_state' when unknown,
  // used, expired, for another provider, or from another browser.
  Result<PendingAuthorization> consume(const std::string& state, const std::string& browser_token,
                                       const std::string& provider, UnixSeconds now);

 private:
  Database& db_;
};

// Hex SHA-256 of a secret, as every secret token is stored.
std::string token_hash(const std::string& token);

}  // namespace tirage::server
