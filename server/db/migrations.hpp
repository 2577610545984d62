// Numbered schema migrations, applied in order at start; the database records
// the ones applied (PRAGMA user_version).
#pragma once

#include "server/db/database.hpp"

namespace tirage::server {

// Brings the schema up to date; an error names the migration that failed.
Status migrate(Database& db);

}  // namespace tirage::server
