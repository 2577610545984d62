// "Everything we hold about you": one JSON document with every row tied to an
// organizer, secrets left out (password and API key hashes, session tokens,
// platform tokens are described, never exported). A feature that stores
// personal data adds its section here.
#pragma once

#include "server/db/database.hpp"
#include "server/accounts/organizer.hpp"
#include "shared/core/time.hpp"
#include "server/oauth/connections.hpp"
#include "server/oauth/oauth_logins.hpp"

namespace tirage::server {

// The export for org, stamped with now.
Result<Json> export_account(Database& db, const Organizer& org, const Connections& connections, const OAuthLogins& logins,
                            UnixSeconds now);

}  // namespace tirage::server
