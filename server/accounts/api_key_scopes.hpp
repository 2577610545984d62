// What an API key may do: some of "read" (every GET), "draw" (commit, publish,
// substitute, upload leaves and handles), "import" (start, resume, cancel
// imports); "all" routes (keys, billing, connections, the account) need every
// scope. Stored as a space-separated list in api_keys.scopes; enforced before
// routing by server/http/api_gate.hpp.
#pragma once

#include <string>

#include "shared/core/result.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage::server {

// The scopes a new key asks for (the "scopes" member of POST /api/v1/api-keys, null when absent: every
// scope), as stored: space-separated, in the order read, draw, import. Errors name the bad element.
Result<std::string> api_key_scopes(const Json& scopes);
// Stored scopes ("read draw") as the API shows them (["read","draw"]).
Json scopes_json(const std::string& stored);
// True when the stored scopes allow `wanted` ("read", "draw", "import", or "all": every one).
bool has_scope(const std::string& stored, const std::string& wanted);

}  // namespace tirage::server
