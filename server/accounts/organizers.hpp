// Organizer accounts and their API keys. Keys are shown once at creation;
// only their SHA-256 is stored, so a stolen database yields no usable key.
#pragma once

#include <optional>
#include <string>

#include "server/db/database.hpp"
#include "server/accounts/organizer.hpp"
#include "shared/core/time.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage::server {

struct NewApiKey {
  std::string id, key;  // key: "tk_" + 64 hex, shown once
};

// A live (not revoked) API key: whose it is and what it may do.
struct LiveApiKey {
  Organizer organizer;
  std::string scopes;  // as stored: "read draw import" (server/accounts/api_key_scopes.hpp)
};

class Organizers {
 public:
  explicit Organizers(Database& db) : db_(db) {}

  // Creates an organizer; 'conflict' when the email is taken. Checks the email's shape and the password.
  Result<Organizer> create(const std::string& email, const std::string& password, bool verified, const std::string& language,
                           UnixSeconds now);
  // Creates a verified organizer who signs in through a provider (Google, Facebook) and has no password yet.
  Result<Organizer> create_external(const std::string& email, const std::string& language, UnixSeconds now);
  std::optional<Organizer> by_email(const std::string& email) const;
  // The organizer whose password this is; 'invalid_credentials' otherwise (same message either way).
  Result<Organizer> authenticate(const std::string& email, const std::string& password) const;
  // scopes: as api_key_scopes() gives them (server/http/api_gate.hpp); default every scope.
  Result<NewApiKey> create_api_key(const Organizer& org, const std::string& label, UnixSeconds now,
                                   const std::string& scopes = "read draw import");
  // Revokes one of the organizer's keys; 'not_found' for anyone else's.
  Status revoke_api_key(const Organizer& org, const std::string& key_id, UnixSeconds now);
  Json list_api_keys(const Organizer& org) const;
  // The organizer a bearer key belongs to, if it is live.
  std::optional<Organizer> by_api_key(const std::string& key) const;
  // The live key with its scopes, or nullopt for an unknown, malformed or revoked key.
  std::optional<LiveApiKey> live_api_key(const std::string& key) const;
  Status set_verified(const std::string& organizer_id);
  // True once the organizer proved they hold the email address (its link, a reset, a provider that vouched for it).
  bool verified(const std::string& organizer_id) const;
  Status set_password(const std::string& organizer_id, const std::string& password);
  std::string language(const std::string& organizer_id) const;

 private:
  Database& db_;
};

// Lowercases and trims an email; error when it does not look like one.
Result<std::string> normalize_email(std::string_view email);

// The key rate limits count an email under: the normalized address, so "V@x.com " and "v@x.com" are one;
// for text that is no address, the same lowercasing and trimming, cut to 254 bytes.
std::string email_limit_key(std::string_view email);

}  // namespace tirage::server
