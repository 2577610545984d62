// Meta's data-deletion callback (Facebook Login and Instagram Login): after the
// signed_request is verified, everything tied to that app-scoped user id goes
// (platform connections with their tokens, sign-in links, and the comments
// its organizers imported from that platform), and the request is
// kept under a confirmation code whose status page anyone holding the code can read.
#pragma once

#include <optional>
#include <string>

#include "server/oauth/connections.hpp"
#include "server/oauth/oauth_logins.hpp"

namespace tirage::server {

class DataDeletion {
 public:
  DataDeletion(Database& db, Connections& connections, OAuthLogins& logins)
      : db_(db), connections_(connections), logins_(logins) {}

  // Deletes what we hold for the provider's (facebook or instagram) user id; the confirmation code.
  Result<std::string> erase(const std::string& provider, const std::string& app_user_id, UnixSeconds now);
  // {"confirmation_code","provider","status","received_at","connections_deleted","identities_deleted",
  // "imports_with_comments_deleted"}, if the code exists.
  std::optional<Json> status(const std::string& code) const;

 private:
  Database& db_;
  Connections& connections_;
  OAuthLogins& logins_;
};

}  // namespace tirage::server
