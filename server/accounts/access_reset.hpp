// Ending every way into an account that someone else may hold: what happens
// when the owner of an email address proves it (a password reset; a Google or
// Facebook sign-in linked to an account nobody had verified), so a squatter
// who signed up with that address first keeps nothing.
#pragma once

#include <string>

#include "server/db/database.hpp"
#include "shared/core/time.hpp"

namespace tirage::server {

struct AccessEnded {
  int sessions = 0, api_keys = 0;
};

// Ends every session and revokes every live API key of the organizer; with clear_password also
// makes the password unusable (a provider sign-in or a reset is then the way in). Runs in the
// caller's transaction if there is one.
Result<AccessEnded> end_every_access(Database& db, const std::string& organizer_id, UnixSeconds now, bool clear_password);

}  // namespace tirage::server
