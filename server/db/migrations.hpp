// Numbered schema migrations, applied in order at start; the database records
// the ones applied (PRAGMA user_version).
#pragma once

#include "server/db/database.hpp"

namespace tirage::server {

// Brings the schema up to date; an error names the migration that failed.
Status migrate(Database& db);
// Applies migrations up to version `version` only (tests of a migration on an older schema's data).
Status migrate_to(Database& db, std::size_t version);

}  // namespace tirage::server
